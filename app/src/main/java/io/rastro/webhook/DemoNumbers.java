package io.rastro.webhook;

import io.rastro.demo.DemoIdentities;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * With the demo on: a business number for one subaccount of Acme and one of Globex (documented in the README and
 * docs/webhooks.md), registered at start whenever nobody holds it.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "rastro.demo.enabled", havingValue = "true")
class DemoNumbers implements ApplicationRunner {

    /** Acme Marketing's number. */
    static final NumberDirectory.Number ACME = new NumberDirectory.Number("106540352242922", "102290129340398",
            DemoIdentities.ACME, "acme-marketing", "+55 11 4000-0001", "demo", Instant.parse("2026-01-01T00:00:00Z"));
    /** Globex Retail's number. */
    static final NumberDirectory.Number GLOBEX = new NumberDirectory.Number("107655329111783", "104996122399160",
            DemoIdentities.GLOBEX, "globex-retail", "+34 91 400 0002", "demo", Instant.parse("2026-01-01T00:00:00Z"));

    private final NumberDirectory numbers;

    DemoNumbers(NumberDirectory numbers) {
        this.numbers = numbers;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var number : List.of(ACME, GLOBEX)) {
            if (numbers.find(number.phoneNumberId()).isEmpty()) {
                numbers.save(number);
            }
        }
    }
}
