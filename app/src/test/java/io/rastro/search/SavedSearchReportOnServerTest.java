package io.rastro.search;

import io.rastro.OnServerEngine;

/** {@link SavedSearchReportTest} on the server engine. */
@OnServerEngine
class SavedSearchReportOnServerTest extends SavedSearchReportTest {
}
