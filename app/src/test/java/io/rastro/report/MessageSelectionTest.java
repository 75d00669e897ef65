package io.rastro.report;

import graphql.schema.GraphQLFieldDefinition;
import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.report.MessageColumns.Column;
import io.rastro.security.TenantScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page or a lookup reads only the columns its selection needs ({@link MessageColumns#forFields}). What must
 * hold: every field, asked for alone, answers exactly what it answers when every field is asked for (which reads
 * every column, as the fields' columns together are all of them), on MT and MO rows alike, through a page and
 * through message(id); and every field of both message types has its columns named.
 */
@IntegrationTest
class MessageSelectionTest {

    @LocalServerPort
    int port;
    @Autowired
    GraphQlSource graphQl;
    @Autowired
    ReportQueries queries;
    @Autowired
    FilterValidator validator;

    /** Each field of a message as a client selects it: the key in the answer, and the selection. */
    static Stream<Arguments> fields() {
        return Stream.of(
                field("direction", "direction"), field("at", "at"), field("status", "status"),
                field("subaccount", "subaccount { id name }"), field("user", "user"),
                field("campaign", "campaign { id name }"), field("contentType", "contentType"),
                field("contact", "contact { phone waId bsuid name }"), field("correlationId", "correlationId"),
                field("conversation", "conversation { id type expiresAt }"),
                field("history", "history { status at error { code title } }"),
                field("sentAt", "... on SentMessage { sentAt }"),
                field("content", "... on SentMessage { content { text templateName templateLanguage } }"),
                field("media", "... on SentMessage { media { id mimeType } } ... on ReceivedMessage { media { id mimeType } }"),
                field("sentWithSession", "... on SentMessage { sentWithSession }"),
                field("pricingCategory", "... on SentMessage { pricingCategory }"),
                field("pricingModel", "... on SentMessage { pricingModel }"),
                field("pricingType", "... on SentMessage { pricingType }"),
                field("billable", "... on SentMessage { billable }"),
                field("freeReason", "... on SentMessage { freeReason }"),
                field("statusAt", "... on SentMessage { statusAt }"),
                field("deliveredAt", "... on SentMessage { deliveredAt }"),
                field("readAt", "... on SentMessage { readAt }"),
                field("error", "... on SentMessage { error { code title } }"),
                field("reply", "... on SentMessage { reply { id at secondsToReply button { payload text } } }"),
                field("replyCount", "... on SentMessage { replyCount }"),
                field("repliedAt", "... on ReceivedMessage { repliedAt }"),
                field("text", "... on ReceivedMessage { text }"),
                field("button", "... on ReceivedMessage { button { payload text } }"),
                field("inReplyToId", "... on ReceivedMessage { inReplyToId }"),
                field("inReplyTo", "... on ReceivedMessage { inReplyTo { id status campaign { name } } }"));
    }

    private static Arguments field(String key, String selection) {
        return Arguments.of(key, selection);
    }

    private static final String ALL_FIELDS = String.join("\n", fields().map(a -> (String) a.get()[1]).toList());

    private List<Map<String, Object>> page(String selection) {
        var document = "query($input: MessagesInput!) { messages(input: $input) { edges { node { __typename id "
                + selection + " } } } }";
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map<String, Object>> nodes = (List) Clients.as(port, DemoIdentities.ANA).document(document)
                .variable("input", Map.of("filter", Map.of("period", MessagesQueryTest.last30Days()), "first", 150))
                .execute().path("messages.edges[*].node").entityList(Map.class).get();
        return nodes;
    }

    private Map<String, Object> message(String id, String selection) {
        @SuppressWarnings("unchecked")
        Map<String, Object> node = Clients.as(port, DemoIdentities.ANA)
                .document("query($id: ID!) { message(id: $id) { __typename id " + selection + " } }")
                .variable("id", id).execute().path("message").entity(Map.class).get();
        return node;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aFieldAskedForAloneAnswersAsWhenEveryFieldIsAskedFor(String key, String selection) {
        var full = page(ALL_FIELDS);
        var alone = page(selection);
        assertThat(alone).extracting(n -> n.get("id")).containsExactlyElementsOf(full.stream().map(n -> n.get("id")).toList());
        assertThat(full).extracting(n -> n.get("__typename")).contains("SentMessage", "ReceivedMessage");
        var byId = new LinkedHashMap<Object, Map<String, Object>>();
        full.forEach(n -> byId.put(n.get("id"), n));
        for (var node : alone) {
            var expected = byId.get(node.get("id"));
            assertThat(node.get(key)).as("%s of %s", key, node.get("id")).isEqualTo(expected.get(key));
        }
        // and through message(id), on the first MT and the first MO row that have a value for it
        for (var type : List.of("SentMessage", "ReceivedMessage")) {
            full.stream().filter(n -> type.equals(n.get("__typename")) && n.get(key) != null).findFirst()
                    .ifPresent(n -> assertThat(message((String) n.get("id"), selection).get(key))
                            .as("message(id).%s of %s", key, n.get("id")).isEqualTo(n.get(key)));
        }
    }

    /**
     * The table above is only a test if the compared page gives every leaf of every field a value somewhere (a
     * column left unread shows as a null or an empty leaf, which must then differ from the full answer).
     */
    @Test
    void theComparedPageHoldsAValueForEveryLeaf() {
        var full = page(ALL_FIELDS);
        var leaves = new java.util.TreeMap<String, Boolean>();
        full.forEach(node -> node.forEach((k, v) -> leaves(k, v, leaves)));
        // a nullable object that is null on some rows is no leaf where other rows show its fields
        leaves.keySet().removeIf(k -> leaves.keySet().stream().anyMatch(o -> o.startsWith(k + ".") || o.startsWith(k + "[]")));
        assertThat(leaves.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList())
                .as("leaves with no value on the compared page").isEmpty();
    }

    private static void leaves(String path, Object value, Map<String, Boolean> seen) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(path + "." + k, v, seen));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> leaves(path + "[]", v, seen));
        } else {
            seen.merge(path, value != null && !"".equals(value) && !Boolean.FALSE.equals(value), Boolean::logicalOr);
        }
    }

    @Test
    void everyFieldOfBothMessageTypesHasItsColumnsNamed() {
        var schema = graphQl.schema();
        var union = java.util.EnumSet.copyOf(MessageColumns.KEYS);
        for (var type : List.of("SentMessage", "ReceivedMessage")) {
            var names = schema.getObjectType(type).getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList();
            assertThat(names).as(type).allMatch(MessageColumns.FIELDS::containsKey);
            names.forEach(name -> union.addAll(MessageColumns.FIELDS.get(name)));
        }
        // so the page that asks for every field reads every column: the truth each field alone is compared with
        assertThat(union).as("the columns of all fields together").isEqualTo(MessageColumns.ALL);
        assertThat(MessageColumns.forFields(List.of("id", "status", "a field nobody named")))
                .as("an unknown field reads every column").isEqualTo(MessageColumns.ALL);
        assertThat(MessageColumns.forFields(List.of("id", "status", "contact")))
                .containsExactlyInAnyOrder(Column.MESSAGE_ID, Column.DIRECTION, Column.EVENT_TIME, Column.STATUS,
                        Column.CONTACT_PHONE, Column.CONTACT_WA_ID, Column.CONTACT_BSUID, Column.CONTACT_NAME);
    }

    @Test
    void theStatementSelectsOnlyThoseColumns() {
        var scope = TenantScope.wholeAccount("acme");
        var columns = MessageColumns.forFields(List.of("status", "campaign"));
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        var period = new MessageFilterInput.PeriodInput(now.minusDays(30), now);
        for (var input : List.of(MessageFilterInput.builder().period(period).build(),
                MessageFilterInput.builder().period(period).contact("+5511999990001").build())) {
            var filter = validator.validate(input, scope, "input.filter");
            var text = queries.page(filter, scope, null, 50, null, columns).text();
            var start = text.indexOf("SELECT message_id");
            var select = text.substring(start, text.indexOf("FROM rastro.messages FINAL", start));
            assertThat(select).contains("message_id", "direction", "event_time", "status", "campaign_id",
                    "campaign_name").doesNotContain("contact_phone", "text", "error_code", "pricing_type");
        }
    }
}
