package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.domain.WhatsAppErrors;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The report filter as a caller sends it (GraphQL {@code MessageFilter}, bound by component name); see
 * {@link FilterValidator} for what it becomes. Every field may be null. Each component but the period is a
 * {@link FilterField} of the same name, which says everything else about it; build one with {@link #builder()}.
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
        List<String> pricingCategories,
        List<WhatsAppErrors.ErrorClass> errorClasses) {

    /** A closed-open period as sent. */
    public record PeriodInput(OffsetDateTime from, OffsetDateTime to) {
    }

    public static MessageFilterInput empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This filter's fields, with each field it leaves unset taken from {@code base} (a saved search). */
    public MessageFilterInput over(MessageFilterInput base) {
        if (base == null) {
            return this;
        }
        var merged = builder().period(period != null ? period : base.period);
        for (var field : FilterField.values()) {
            var value = field.of(this);
            merged.with(field, value != null ? value : field.of(base));
        }
        return merged.build();
    }

    /**
     * Sets fields by name; unset ones stay null. {@link #with} sets any {@link FilterField}, the named setters are
     * its typed forms for the fields callers build most.
     */
    public static final class Builder {

        /** The canonical constructor, and the field of each of its parameters (null for the period). */
        private static final Constructor<MessageFilterInput> CANONICAL;
        private static final FilterField[] PARAMETERS;

        static {
            var components = MessageFilterInput.class.getRecordComponents();
            var byName = new java.util.HashMap<String, FilterField>();
            for (var field : FilterField.values()) {
                byName.put(field.inputName(), field);
            }
            PARAMETERS = Arrays.stream(components).map(c -> byName.get(c.getName())).toArray(FilterField[]::new);
            for (int i = 1; i < components.length; i++) {
                if (PARAMETERS[i] == null) {
                    throw new ExceptionInInitializerError("MessageFilterInput." + components[i].getName()
                            + " has no FilterField of that name");
                }
            }
            try {
                CANONICAL = MessageFilterInput.class.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private PeriodInput period;
        private final Map<FilterField, Object> values = new EnumMap<>(FilterField.class);

        private Builder() {
        }

        public Builder period(PeriodInput period) {
            this.period = period;
            return this;
        }

        /** Sets {@code field}; {@code value} has the type of its component (a list for the list fields). */
        public Builder with(FilterField field, Object value) {
            values.put(field, value);
            return this;
        }

        public Builder direction(Direction direction) {
            return with(FilterField.DIRECTION, direction);
        }

        public Builder subaccounts(List<String> subaccounts) {
            return with(FilterField.SUBACCOUNTS, subaccounts);
        }

        public Builder users(List<String> users) {
            return with(FilterField.USERS, users);
        }

        public Builder campaigns(List<String> campaigns) {
            return with(FilterField.CAMPAIGNS, campaigns);
        }

        public Builder withoutCampaign(Boolean withoutCampaign) {
            return with(FilterField.WITHOUT_CAMPAIGN, withoutCampaign);
        }

        public Builder withoutUser(Boolean withoutUser) {
            return with(FilterField.WITHOUT_USER, withoutUser);
        }

        public Builder replied(Boolean replied) {
            return with(FilterField.REPLIED, replied);
        }

        public Builder replyButtons(List<String> replyButtons) {
            return with(FilterField.REPLY_BUTTONS, replyButtons);
        }

        public Builder billable(Boolean billable) {
            return with(FilterField.BILLABLE, billable);
        }

        public Builder pricingCategories(List<String> pricingCategories) {
            return with(FilterField.PRICING_CATEGORIES, pricingCategories);
        }

        public Builder contentTypes(List<ContentType> contentTypes) {
            return with(FilterField.CONTENT_TYPES, contentTypes);
        }

        public Builder sentWithSession(Boolean sentWithSession) {
            return with(FilterField.SENT_WITH_SESSION, sentWithSession);
        }

        public Builder correlationId(String correlationId) {
            return with(FilterField.CORRELATION_ID, correlationId);
        }

        public Builder statuses(List<MessageStatus> statuses) {
            return with(FilterField.STATUSES, statuses);
        }

        public Builder errorCodes(List<Integer> errorCodes) {
            return with(FilterField.ERROR_CODES, errorCodes);
        }

        public Builder contact(String contact) {
            return with(FilterField.CONTACT, contact);
        }

        public Builder conversationId(String conversationId) {
            return with(FilterField.CONVERSATION_ID, conversationId);
        }

        public Builder conversationTypes(List<ConversationType> conversationTypes) {
            return with(FilterField.CONVERSATION_TYPES, conversationTypes);
        }

        public MessageFilterInput build() {
            var arguments = new Object[PARAMETERS.length];
            for (int i = 0; i < PARAMETERS.length; i++) {
                arguments[i] = i == 0 ? period : values.get(PARAMETERS[i]);
            }
            try {
                return CANONICAL.newInstance(arguments);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("A filter field was given a value of another type: " + values, e);
            }
        }
    }
}
