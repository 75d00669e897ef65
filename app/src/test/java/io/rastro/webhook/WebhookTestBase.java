package io.rastro.webhook;

import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every webhook test over HTTP needs: the port, the store, the webhook tests' own tenant with its numbers, and
 * the committer, whose apply a test that reads its own writes waits for ({@link WebhookFixtures#post}).
 */
abstract class WebhookTestBase {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;
    @Autowired
    WebhookCommitter committer;

    @BeforeEach
    void tenant() {
        WebhookFixtures.ensure(store, tokens, port, committer);
    }
}
