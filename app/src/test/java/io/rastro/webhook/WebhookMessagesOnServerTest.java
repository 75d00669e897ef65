package io.rastro.webhook;

import io.rastro.OnServerEngine;

/**
 * {@link WebhookMessagesTest} on the server engine, where no journal is kept unless {@code journal-dir} is set: each
 * group is answered once it is in the inbox, the path the embedded engine's tests no longer take.
 */
@OnServerEngine
class WebhookMessagesOnServerTest extends WebhookMessagesTest {
}
