package io.rastro.export;

import io.rastro.OnServerEngine;

/** {@link ExportFormatsTest} on the server engine. */
@OnServerEngine
class ExportFormatsOnServerTest extends ExportFormatsTest {
}
