package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The report filter as a caller sends it (GraphQL {@code MessageFilter}); see {@link FilterValidator} for what
 * it becomes. Every field may be null.
 */
public record MessageFilterInput(
        PeriodInput period,
        Direction direction,
        List<String> subaccounts,
        List<String> users,
        List<String> campaigns,
        List<ContentType> contentTypes,
        Boolean sentWithSession,
        String correlationId,
        List<MessageStatus> statuses,
        List<Integer> errorCodes,
        String contact,
        String conversationId,
        List<ConversationType> conversationTypes,
        Boolean withoutCampaign,
        Boolean withoutUser,
        Boolean replied,
        List<String> replyButtons,
        Boolean billable,
        List<String> pricingCategories) {

    /** A filter without the reply and pricing fields. */
    public MessageFilterInput(PeriodInput period, Direction direction, List<String> subaccounts, List<String> users,
                              List<String> campaigns, List<ContentType> contentTypes, Boolean sentWithSession,
                              String correlationId, List<MessageStatus> statuses, List<Integer> errorCodes,
                              String contact, String conversationId, List<ConversationType> conversationTypes,
                              Boolean withoutCampaign, Boolean withoutUser) {
        this(period, direction, subaccounts, users, campaigns, contentTypes, sentWithSession, correlationId, statuses,
                errorCodes, contact, conversationId, conversationTypes, withoutCampaign, withoutUser, null, null, null,
                null);
    }

    /** A filter with neither {@code withoutCampaign} nor {@code withoutUser} set. */
    public MessageFilterInput(PeriodInput period, Direction direction, List<String> subaccounts, List<String> users,
                              List<String> campaigns, List<ContentType> contentTypes, Boolean sentWithSession,
                              String correlationId, List<MessageStatus> statuses, List<Integer> errorCodes,
                              String contact, String conversationId, List<ConversationType> conversationTypes) {
        this(period, direction, subaccounts, users, campaigns, contentTypes, sentWithSession, correlationId, statuses,
                errorCodes, contact, conversationId, conversationTypes, null, null);
    }

    /** A closed-open period as sent. */
    public record PeriodInput(OffsetDateTime from, OffsetDateTime to) {
    }

    public static MessageFilterInput empty() {
        return new MessageFilterInput(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This filter's fields, with each field it leaves unset taken from {@code base} (a saved search). */
    public MessageFilterInput over(MessageFilterInput base) {
        if (base == null) {
            return this;
        }
        return new MessageFilterInput(
                period != null ? period : base.period,
                direction != null ? direction : base.direction,
                subaccounts != null ? subaccounts : base.subaccounts,
                users != null ? users : base.users,
                campaigns != null ? campaigns : base.campaigns,
                contentTypes != null ? contentTypes : base.contentTypes,
                sentWithSession != null ? sentWithSession : base.sentWithSession,
                correlationId != null ? correlationId : base.correlationId,
                statuses != null ? statuses : base.statuses,
                errorCodes != null ? errorCodes : base.errorCodes,
                contact != null ? contact : base.contact,
                conversationId != null ? conversationId : base.conversationId,
                conversationTypes != null ? conversationTypes : base.conversationTypes,
                withoutCampaign != null ? withoutCampaign : base.withoutCampaign,
                withoutUser != null ? withoutUser : base.withoutUser,
                replied != null ? replied : base.replied,
                replyButtons != null ? replyButtons : base.replyButtons,
                billable != null ? billable : base.billable,
                pricingCategories != null ? pricingCategories : base.pricingCategories);
    }
}
