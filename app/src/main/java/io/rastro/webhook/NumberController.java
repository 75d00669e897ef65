package io.rastro.webhook;

import io.rastro.webhook.NumberService.RegisterWhatsAppNumberInput;
import io.rastro.webhook.NumberService.RegisterWhatsAppNumberPayload;
import io.rastro.webhook.NumberService.RemoveWhatsAppNumberInput;
import io.rastro.webhook.NumberService.RemoveWhatsAppNumberPayload;
import io.rastro.webhook.NumberService.ReplayUnroutedWebhooksInput;
import io.rastro.webhook.NumberService.ReplayUnroutedWebhooksPayload;
import io.rastro.webhook.NumberService.WhatsAppNumber;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code whatsappNumbers} and the number mutations; thin, the rules are in {@link NumberService}. */
@Controller
public class NumberController {

    private final NumberService numbers;

    public NumberController(NumberService numbers) {
        this.numbers = numbers;
    }

    @QueryMapping
    public List<WhatsAppNumber> whatsappNumbers() {
        return numbers.list();
    }

    @MutationMapping
    public RegisterWhatsAppNumberPayload registerWhatsAppNumber(@Argument RegisterWhatsAppNumberInput input) {
        return numbers.register(input);
    }

    @MutationMapping
    public RemoveWhatsAppNumberPayload removeWhatsAppNumber(@Argument RemoveWhatsAppNumberInput input) {
        return numbers.remove(input);
    }

    @MutationMapping
    public ReplayUnroutedWebhooksPayload replayUnroutedWebhooks(@Argument ReplayUnroutedWebhooksInput input) {
        return numbers.replay(input);
    }
}
