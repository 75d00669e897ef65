package io.rastro.ingest;

import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every ingestion test over HTTP needs: the port, the store, and the ingestion tests' own tenant. */
abstract class IngestTestBase {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;

    @BeforeEach
    void tenant() {
        IngestFixtures.ensure(store, tokens);
    }
}
