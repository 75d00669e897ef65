package io.rastro.bench;

/**
 * The GraphQL documents the workloads send: what a report screen asks for. Report pages select every column of a
 * report row but not {@code history} or {@code inReplyTo}, which are further statements a screen loads on demand;
 * that keeps one statement per page request, the one the raw side runs.
 */
final class Documents {

    private Documents() {
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
