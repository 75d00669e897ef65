package io.rastro.ingest;

import io.rastro.OnServerEngine;

/** {@link IngestLargeBatchTest} on the server engine. */
@OnServerEngine
class IngestLargeBatchOnServerTest extends IngestLargeBatchTest {
}
