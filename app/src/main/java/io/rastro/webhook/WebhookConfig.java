package io.rastro.webhook;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link WebhookServlet} at {@code /webhooks/whatsapp}, beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(WebhookService webhooks, WhatsAppProperties properties) {
        var registration = new ServletRegistrationBean<>(new WebhookServlet(webhooks, properties), WebhookServlet.PATH);
        registration.setName("webhooks");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
