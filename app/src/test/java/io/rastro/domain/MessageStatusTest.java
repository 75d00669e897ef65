package io.rastro.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStatusTest {

    @Test
    void thePrecedenceInSqlIsTheOneTheRecomputeAlwaysUsed() {
        assertThat(MessageStatus.rankSql("status")).isEqualTo("toInt8(multiIf(status = 'ACCEPTED', 0, "
                + "status = 'SENT', 1, status = 'FAILED', 2, status = 'DELIVERED', 3, status = 'READ', 4, "
                + "status = 'PLAYED', 5, -1))");
        assertThat(MessageStatus.aboveSql(MessageStatus.DELIVERED)).isEqualTo("('READ', 'PLAYED')");
    }

    @Test
    void eventsAndTheWebhookReportTheStepsAfterAcceptance() {
        assertThat(MessageStatus.eventNames()).containsExactlyInAnyOrder("SENT", "DELIVERED", "READ", "PLAYED",
                "FAILED");
        assertThat(MessageStatus.byWebhookName()).isEqualTo(Map.of("sent", "SENT", "delivered", "DELIVERED",
                "read", "READ", "failed", "FAILED", "played", "PLAYED", "deleted", "DELETED", "warning", "WARNING"));
        assertThat(ContentType.eventNames()).doesNotContain("UNSUPPORTED", "UNKNOWN").hasSize(12);
    }

    @Test
    void aMessageEndsWhenItFailedWasSeenDeletedOrReceived() {
        var ending = java.util.EnumSet.noneOf(MessageStatus.class);
        for (var s : MessageStatus.values()) {
            if (s.ends()) {
                ending.add(s);
            }
        }
        assertThat(ending).isEqualTo(Set.of(MessageStatus.FAILED, MessageStatus.READ, MessageStatus.PLAYED,
                MessageStatus.DELETED, MessageStatus.RECEIVED));
    }
}
