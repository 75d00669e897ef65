package io.rastro.report;

import io.rastro.OnServerEngine;

/** {@link ReportCorrectnessTest} on the server engine. */
@OnServerEngine
class ReportCorrectnessOnServerTest extends ReportCorrectnessTest {
}
