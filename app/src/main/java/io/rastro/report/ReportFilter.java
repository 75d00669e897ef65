package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A validated, normalised report filter: the period is present and bounded, and {@code values} holds each
 * {@link FilterField} that restricts anything (list fields as non-empty sets, the contact classified), read with
 * {@link #value}. The typed accessors are for the callers outside the table that read a field directly: a list
 * field unset is an empty set, any other null. Only {@link FilterValidator} makes these from a caller's input.
 */
public record ReportFilter(Instant from, Instant to, Map<FilterField, Object> values) {

    public ReportFilter {
        var kept = new EnumMap<FilterField, Object>(FilterField.class);
        values.forEach((field, value) -> {
            if (FilterField.restricts(value)) {
                kept.put(field, value);
            }
        });
        values = Collections.unmodifiableMap(kept);
    }

    /** The validated value of {@code field}, or null when it does not restrict. */
    public Object value(FilterField field) {
        return values.get(field);
    }

    /** The same filter over another period. */
    public ReportFilter withPeriod(Instant from, Instant to) {
        return new ReportFilter(from, to, values);
    }

    public Direction direction() {
        return (Direction) value(FilterField.DIRECTION);
    }

    public Set<String> subaccounts() {
        return FilterField.set(value(FilterField.SUBACCOUNTS));
    }

    public Set<String> users() {
        return FilterField.set(value(FilterField.USERS));
    }

    public Set<String> campaigns() {
        return FilterField.set(value(FilterField.CAMPAIGNS));
    }

    public Set<ContentType> contentTypes() {
        return FilterField.set(value(FilterField.CONTENT_TYPES));
    }

    public Boolean sentWithSession() {
        return (Boolean) value(FilterField.SENT_WITH_SESSION);
    }

    public String correlationId() {
        return (String) value(FilterField.CORRELATION_ID);
    }

    public Set<MessageStatus> statuses() {
        return FilterField.set(value(FilterField.STATUSES));
    }

    public Set<Integer> errorCodes() {
        return FilterField.set(value(FilterField.ERROR_CODES));
    }

    public Contact contact() {
        return (Contact) value(FilterField.CONTACT);
    }

    public String conversationId() {
        return (String) value(FilterField.CONVERSATION_ID);
    }

    public Set<ConversationType> conversationTypes() {
        return FilterField.set(value(FilterField.CONVERSATION_TYPES));
    }

    /** A contact to match: a phone (E.164 digits, also matched as wa_id) or a business-scoped user id. */
    public record Contact(Kind kind, String value) {
        public enum Kind { PHONE, BSUID }
    }
}
