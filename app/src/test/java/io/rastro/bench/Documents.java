package io.rastro.bench;

import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import io.rastro.report.MessageColumns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The GraphQL documents the workloads send: what a report screen asks for. Report pages select every column of a
 * report row but not {@code history} or {@code inReplyTo}, which are further statements a screen loads on demand;
 * that keeps one statement per page request, the one the raw side runs.
 */
final class Documents {

    private Documents() {
    }

    /**
     * The columns the service reads for a document's messages ({@code MessageColumns.forFields} of the fields
     * under {@code node}, else under the root field), so that the raw side runs the statement the service runs.
     */
    static Set<MessageColumns.Column> columns(String document) {
        var operation = Parser.parse(document).getDefinitionsOfType(OperationDefinition.class).getFirst();
        var root = (Field) operation.getSelectionSet().getSelections().getFirst();
        var node = find(root.getSelectionSet(), "node");
        var names = new ArrayList<String>();
        collect(node == null ? root.getSelectionSet() : node.getSelectionSet(), names);
        return MessageColumns.forFields(names);
    }

    private static Field find(SelectionSet set, String name) {
        if (set == null) {
            return null;
        }
        for (var selection : set.getSelections()) {
            if (selection instanceof Field f) {
                if (f.getName().equals(name)) {
                    return f;
                }
                var inner = find(f.getSelectionSet(), name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static void collect(SelectionSet set, List<String> names) {
        for (var selection : set.getSelections()) {
            if (selection instanceof Field f) {
                names.add(f.getName());
            } else if (selection instanceof InlineFragment fragment) {
                collect(fragment.getSelectionSet(), names);
            }
        }
    }

    static final String PAGE = """
            query Page($input: MessagesInput!) {
              messages(input: $input) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges {
                  cursor
                  node {
                    __typename id direction at status
                    subaccount { id name }
                    user
                    campaign { id name }
                    contentType
                    contact { phone waId bsuid }
                    correlationId
                    conversation { id type expiresAt }
                    ... on SentMessage {
                      sentAt statusAt deliveredAt readAt sentWithSession pricingCategory
                      content { text templateName templateLanguage }
                      error { code title }
                    }
                    ... on ReceivedMessage { repliedAt text inReplyToId button { payload text } }
                  }
                }
              }
            }""";

    /**
     * A page as its first paint shows it: ten fields (id, direction, time, subaccount, campaign, content type,
     * contact, status, its time, error), which the service reads as 15 columns; {@code LookupShape} reads the same
     * columns on the engine alone.
     */
    static final String FIRST_PAINT = """
            query FirstPaint($input: MessagesInput!) {
              messages(input: $input) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges {
                  cursor
                  node {
                    __typename id direction at status
                    subaccount { id }
                    campaign { name }
                    contentType
                    contact { phone }
                    ... on SentMessage { statusAt error { code } }
                  }
                }
              }
            }""";

    /** One message with its whole status history: the detail view (two statements: the row, its history). */
    static final String MESSAGE = """
            query Message($id: ID!) {
              message(id: $id) {
                __typename id direction at status
                subaccount { id name }
                campaign { id name }
                contact { phone waId bsuid }
                correlationId
                conversation { id type expiresAt }
                history { status at error { code title } }
                ... on SentMessage { content { text templateName } error { code title } }
              }
            }""";

    static final String COUNTS = """
            query Counts($input: MessageCountsInput!) {
              messageCounts(input: $input) {
                total
                groups { bucket count keys { dimension value } }
              }
            }""";

    static final String QUICK_REPLIES = """
            query QuickReplies($input: QuickReplyClicksInput!) {
              quickReplyClicks(input: $input) { campaign { id name } button { payload text } count contacts }
            }""";

    /** The cheapest request that still passes authentication and GraphQL: the floor under every other figure. */
    static final String TYPENAME = "query Floor { __typename }";

    static final String MUTATIONS = "query Mutations { __type(name: \"Mutation\") { fields { name } } }";
}
