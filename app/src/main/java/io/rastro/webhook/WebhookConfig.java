package io.rastro.webhook;

import io.rastro.RastroProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * Registers {@link WebhookServlet} at {@code /webhooks/whatsapp}, beside Spring MVC's dispatcher, and opens the
 * instance's {@link WebhookJournal} where one is to be kept.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(WebhookService webhooks, WhatsAppProperties properties) {
        var registration = new ServletRegistrationBean<>(new WebhookServlet(webhooks, properties), WebhookServlet.PATH);
        registration.setName("webhooks");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * The journal, closed after the committer has stopped (it depends on this bean): with the embedded engine under
     * the data directory unless {@code rastro.whatsapp.journal-dir} says where; with a ClickHouse server only where it
     * does, since a journal on an instance's throwaway disk would not outlive the instance.
     */
    @Bean
    WebhookJournal.Holder webhookJournal(WhatsAppProperties whatsapp, RastroProperties rastro) {
        if (!whatsapp.journal()) {
            return new WebhookJournal.Holder(Optional.empty());
        }
        var dir = whatsapp.journalDir() != null ? whatsapp.journalDir()
                : rastro.clickhouse().configured() ? null : rastro.dataDir().resolve("webhook-journal");
        return new WebhookJournal.Holder(Optional.ofNullable(dir).map(WebhookJournal::open));
    }
}
