package io.rastro.search;

import io.rastro.OnServerEngine;

/** {@link SavedSearchLifecycleTest} on the server engine. */
@OnServerEngine
class SavedSearchLifecycleOnServerTest extends SavedSearchLifecycleTest {
}
