package io.rastro.export;

import io.rastro.OnServerEngine;

/** {@link ExportJobsTest} on the server engine. */
@OnServerEngine
class ExportJobsOnServerTest extends ExportJobsTest {
}
