package io.rastro.security;

import io.rastro.OnServerEngine;

/** {@link IsolationMatrixTest} on the server engine. */
@OnServerEngine
class IsolationMatrixOnServerTest extends IsolationMatrixTest {
}
