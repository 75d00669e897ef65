package io.rastro.ingest;

import io.rastro.OnServerEngine;

/** {@link IngestValidationTest} on the server engine. */
@OnServerEngine
class IngestValidationOnServerTest extends IngestValidationTest {
}
