package io.rastro.ingest;

import io.rastro.OnServerEngine;

/** {@link IngestEventsTest} on the server engine. */
@OnServerEngine
class IngestEventsOnServerTest extends IngestEventsTest {
}
