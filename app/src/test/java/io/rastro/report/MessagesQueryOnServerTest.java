package io.rastro.report;

import io.rastro.OnServerEngine;

/** {@link MessagesQueryTest} on the server engine. */
@OnServerEngine
class MessagesQueryOnServerTest extends MessagesQueryTest {
}
