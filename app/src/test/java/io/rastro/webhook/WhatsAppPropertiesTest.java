package io.rastro.webhook;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook settings as docs/webhooks.md names them, from environment variables as an operator sets them. */
class WhatsAppPropertiesTest {

    static WhatsAppProperties fromEnvironment(Map<String, Object> variables) {
        var sources = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", variables));
        return new Binder(sources).bindOrCreate("rastro.whatsapp", Bindable.of(WhatsAppProperties.class));
    }

    @Test
    void theJournalsDirectoryAndTheBacklogsBoundsComeFromTheEnvironment() {
        var properties = fromEnvironment(Map.of("RASTRO_WHATSAPP_JOURNAL_DIR", "/var/lib/rastro/journal",
                "RASTRO_WHATSAPP_MAX_BACKLOG_BYTES", "32MB", "RASTRO_WHATSAPP_JOURNAL", "false",
                "RASTRO_WHATSAPP_APP_SECRETS", "one, two"));
        assertThat(properties.journalDir()).isEqualTo(Path.of("/var/lib/rastro/journal"));
        assertThat(properties.journal()).isFalse();
        assertThat(properties.maxBacklogBytes()).isEqualTo(DataSize.ofMegabytes(32));
        assertThat(properties.appSecrets()).containsExactly("one", "two");
    }

    @Test
    void unsetTheJournalIsOnWhereADirectoryIsKnownAndTheBoundsAreTheDocumentedOnes() {
        var properties = fromEnvironment(Map.of());
        assertThat(properties.journal()).isTrue();
        assertThat(properties.journalDir()).isNull();
        assertThat(properties.maxBacklogBytes()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(properties.maxBacklogEvents()).isEqualTo(20_000);
        assertThat(properties.groupLinger()).hasMillis(5);
    }
}
