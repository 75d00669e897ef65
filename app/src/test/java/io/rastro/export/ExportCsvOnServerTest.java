package io.rastro.export;

import io.rastro.OnServerEngine;

/** {@link ExportCsvTest} on the server engine. */
@OnServerEngine
class ExportCsvOnServerTest extends ExportCsvTest {
}
