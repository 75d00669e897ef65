package io.rastro;

import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SmokeTest {

    @LocalServerPort
    int port;

    @Test
    void meShowsTheCallersAccountAndScope() {
        Clients.as(port, DemoIdentities.CARLA).documentName("me").execute()
                .path("me.name").entity(String.class).isEqualTo(DemoIdentities.CARLA)
                .path("me.role").entity(String.class).isEqualTo("SUBACCOUNT_USER")
                .path("me.account.id").entity(String.class).isEqualTo("acme")
                .path("me.subaccounts[*].id").entityList(String.class).containsExactly("acme-support");
    }

    @Test
    void aReadTokenIsItsOwnPrincipalOverGraphQl() {
        Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_BI_TOKEN)).documentName("me").execute()
                .path("me.role").entity(String.class).isEqualTo("READ_TOKEN")
                .path("me.account.id").entity(String.class).isEqualTo("acme");
    }

    @Test
    void healthIsPublicAndUp() {
        var body = Clients.http(port, null).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(body).contains("\"status\":\"UP\"").doesNotContain("dataDir");
        var detailed = Clients.http(port, Clients.basic(DemoIdentities.ANA)).get().uri("/actuator/health")
                .retrieve().body(String.class);
        assertThat(detailed).contains("\"engine\":\"embedded\"").contains("chDB 26.7");
    }
}
