package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;

import java.time.Instant;
import java.util.Set;

/**
 * A validated, normalised report filter: the period is present and bounded, lists are sets (empty: no
 * restriction), the contact is classified. {@code withoutCampaign} / {@code withoutUser}: true, only messages with no
 * campaign / user; false, only those with one; null, either. {@code replied}, {@code replyButtons} and
 * {@code billable} keep MT messages only (MO messages neither are answered nor are billed). Only
 * {@link FilterValidator} makes these.
 */
public record ReportFilter(
        Instant from,
        Instant to,
        Direction direction,
        Set<String> subaccounts,
        Set<String> users,
        Set<String> campaigns,
        Set<ContentType> contentTypes,
        Boolean sentWithSession,
        String correlationId,
        Set<MessageStatus> statuses,
        Set<Integer> errorCodes,
        Contact contact,
        String conversationId,
        Set<ConversationType> conversationTypes,
        Boolean withoutCampaign,
        Boolean withoutUser,
        Boolean replied,
        Set<String> replyButtons,
        Boolean billable,
        Set<String> pricingCategories) {

    /** A filter without the reply and pricing fields. */
    public ReportFilter(Instant from, Instant to, Direction direction, Set<String> subaccounts, Set<String> users,
                        Set<String> campaigns, Set<ContentType> contentTypes, Boolean sentWithSession,
                        String correlationId, Set<MessageStatus> statuses, Set<Integer> errorCodes, Contact contact,
                        String conversationId, Set<ConversationType> conversationTypes, Boolean withoutCampaign,
                        Boolean withoutUser) {
        this(from, to, direction, subaccounts, users, campaigns, contentTypes, sentWithSession, correlationId,
                statuses, errorCodes, contact, conversationId, conversationTypes, withoutCampaign, withoutUser, null,
                Set.of(), null, Set.of());
    }

    /** A filter with neither {@code withoutCampaign} nor {@code withoutUser} set. */
    public ReportFilter(Instant from, Instant to, Direction direction, Set<String> subaccounts, Set<String> users,
                        Set<String> campaigns, Set<ContentType> contentTypes, Boolean sentWithSession,
                        String correlationId, Set<MessageStatus> statuses, Set<Integer> errorCodes, Contact contact,
                        String conversationId, Set<ConversationType> conversationTypes) {
        this(from, to, direction, subaccounts, users, campaigns, contentTypes, sentWithSession, correlationId,
                statuses, errorCodes, contact, conversationId, conversationTypes, null, null);
    }

    /** The same filter over another period. */
    public ReportFilter withPeriod(Instant from, Instant to) {
        return new ReportFilter(from, to, direction, subaccounts, users, campaigns, contentTypes, sentWithSession,
                correlationId, statuses, errorCodes, contact, conversationId, conversationTypes, withoutCampaign,
                withoutUser, replied, replyButtons, billable, pricingCategories);
    }

    /** A contact to match: a phone (E.164 digits, also matched as wa_id) or a business-scoped user id. */
    public record Contact(Kind kind, String value) {
        public enum Kind { PHONE, BSUID }
    }
}
