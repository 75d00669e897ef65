package io.rastro.conversation;

import io.rastro.report.ReportRequests.ConversationsInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The conversations query; thin, the work is in {@link ConversationService}. */
@Controller
public class ConversationController {

    private final ConversationService conversations;

    public ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @QueryMapping
    public ConversationService.ConversationConnection conversations(@Argument ConversationsInput input) {
        return conversations.conversations(input);
    }
}
