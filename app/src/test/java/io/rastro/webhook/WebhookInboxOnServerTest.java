package io.rastro.webhook;

import io.rastro.OnServerEngine;

/** {@link WebhookInboxTest} on the server engine: groups answered once in the inbox, and recovered from there. */
@OnServerEngine
class WebhookInboxOnServerTest extends WebhookInboxTest {
}
