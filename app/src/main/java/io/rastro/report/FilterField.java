package io.rastro.report;

import io.rastro.domain.WhatsAppErrors;
import io.rastro.web.BadRequestException;
import io.rastro.web.ForbiddenException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The report filter's fields, one entry each: its name (the {@link MessageFilterInput} component and the GraphQL
 * field of {@code MessageFilter}), how it is validated, the SQL condition it adds, and how an export's filter line
 * shows it. A saved search keeps and merges every field the same way ({@link #kept}, {@link MessageFilterInput#over}).
 *
 * <p>Adding a field: a line in {@code graphql/report.graphqls}, a component of {@link MessageFilterInput} of the
 * same name, an entry here, the words of its label in {@code i18n/export*.properties}, and its test. The order of
 * the entries is the order in which fields are validated (the first problem found is the one reported) and
 * shown; the period is not a field here, it is required and handled first.
 */
public enum FilterField {

    DIRECTION("direction", Check.AS_GIVEN,
            (w, v) -> w.add("direction = {direction:String}", "direction", v),
            Shown.value("filter.direction", "DIRECTION")),
    SUBACCOUNTS("subaccounts", Check.idsEach((subaccount, c) -> {
        // Outside the caller's scope, or not a subaccount of their account at all (another tenant's): the same
        // answer either way, so the error tells nothing about other tenants.
        if (!c.visibleSubaccount().test(subaccount)) {
            throw new ForbiddenException(c.path(), "Subaccount '" + subaccount + "' is not one you may see.");
        }
    }), Where.in("subaccount_id", "subaccounts"), (v, words) -> Shown.joined(words.word("filter.subaccounts"), v,
            words::subaccount)),
    USERS("users", Check.IDS, Where.in("user_id", "users"), Shown.list("filter.users")),
    CAMPAIGNS("campaigns", Check.IDS, Where.in("campaign_id", "campaigns"), Shown.list("filter.campaigns")),
    WITHOUT_CAMPAIGN("withoutCampaign", Check.notWith(MessageFilterInput::campaigns, "campaigns"),
            (w, v) -> w.and((Boolean) v ? "campaign_id = ''" : "campaign_id != ''"),
            Shown.flag("filter.withoutCampaign", "filter.withCampaign")),
    WITHOUT_USER("withoutUser", Check.notWith(MessageFilterInput::users, "users"),
            (w, v) -> w.and((Boolean) v ? "user_id = ''" : "user_id != ''"),
            Shown.flag("filter.withoutUser", "filter.withUser")),
    // the reply state on the MT row (migration 015), kept by the recompute from all of the message's replies
    REPLIED("replied", Check.AS_GIVEN,
            (w, v) -> w.and("direction = 'MT' AND reply_count " + ((Boolean) v ? "> 0" : "= 0")),
            Shown.flag("filter.replied", "filter.notReplied")),
    REPLY_BUTTONS("replyButtons", (raw, c) -> {
        var buttons = FilterValidator.ids(list(raw), c.path());
        if (Boolean.FALSE.equals(c.input().replied()) && !buttons.isEmpty()) {
            throw new BadRequestException(c.path(), "replyButtons keeps messages answered by a tap on those "
                    + "buttons, so it cannot go with replied: false.");
        }
        return buttons;
    }, (w, v) -> w.add("direction = 'MT' AND hasAny(reply_payloads, {reply_buttons:Array(String)})", "reply_buttons",
            List.copyOf((Collection<?>) v)), Shown.list("filter.replyButtons")),
    BILLABLE("billable", Check.AS_GIVEN,
            (w, v) -> w.add("direction = 'MT' AND pricing_billable = {billable:Bool}", "billable", v),
            Shown.flag("filter.billable", "filter.notBillable")),
    PRICING_CATEGORIES("pricingCategories", Check.idsEach((category, c) -> {
        if (!FilterValidator.PRICING_CATEGORY.matcher(category).matches()) {
            throw new BadRequestException(c.path(), "'" + FilterValidator.truncate(category)
                    + "' is not a WhatsApp pricing category such as marketing, utility or authentication.");
        }
    }), Where.in("pricing_category", "pricing_categories"), Shown.list("filter.pricingCategories")),
    CONTENT_TYPES("contentTypes", Check.ENUMS, Where.in("content_type", "content_types"),
            Shown.values("filter.contentTypes", "CONTENT_TYPE")),
    SENT_WITH_SESSION("sentWithSession", Check.AS_GIVEN,
            (w, v) -> w.add("direction = 'MT' AND sent_with_session = {sent_with_session:Bool}",
                    "sent_with_session", v),
            Shown.value("filter.sentWithSession", "SENT_WITH_SESSION")),
    CORRELATION_ID("correlationId", Check.TEXT,
            (w, v) -> w.lookup("CORRELATION", "correlation_id", "correlation_id", (String) v),
            Shown.text("filter.correlationId")),
    STATUSES("statuses", Check.ENUMS, Where.in("status", "statuses"), Shown.values("filter.statuses", "STATUS")),
    ERROR_CODES("errorCodes", (raw, c) -> FilterValidator.errorCodes(list(raw), c.path()),
            (w, v) -> w.add("error_code IN {error_codes:Array(UInt32)}", "error_codes",
                    List.copyOf((Collection<?>) v)),
            Shown.list("filter.errorCodes")),
    ERROR_CLASSES("errorClasses", Check.ENUMS,
            (w, v) -> w.add("error_code != 0 AND " + WhatsAppErrors.classSql("error_code")
                    + " IN {error_classes:Array(String)}", "error_classes", List.copyOf((Collection<?>) v)),
            Shown.list("filter.errorClasses")),
    CONTACT("contact", (raw, c) -> FilterValidator.contact((String) raw, c.path()),
            (w, v) -> w.contact((ReportFilter.Contact) v),
            (v, words) -> words.word("filter.contact") + " " + ((ReportFilter.Contact) v).value()),
    CONVERSATION_ID("conversationId", Check.TEXT,
            (w, v) -> w.lookup("CONVERSATION", "conversation_id", "conversation_id", (String) v),
            Shown.text("filter.conversation")),
    CONVERSATION_TYPES("conversationTypes", Check.ENUMS, Where.in("conversation_type", "conversation_types"),
            Shown.values("filter.conversationTypes", "CONVERSATION_TYPE"));

    /** The {@link MessageFilterInput} component of each field, found by name. */
    private static final Map<FilterField, RecordComponent> COMPONENTS;

    static {
        var byName = Arrays.stream(MessageFilterInput.class.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        var components = new java.util.EnumMap<FilterField, RecordComponent>(FilterField.class);
        for (var field : values()) {
            var component = byName.get(field.inputName);
            if (component == null) {
                throw new ExceptionInInitializerError("MessageFilterInput has no component " + field.inputName);
            }
            components.put(field, component);
        }
        COMPONENTS = components;
    }

    private final String inputName;
    private final Check check;
    private final Where where;
    private final Shown shown;

    FilterField(String inputName, Check check, Where where, Shown shown) {
        this.inputName = inputName;
        this.check = check;
        this.where = where;
        this.shown = shown;
    }

    /** The field's name in {@link MessageFilterInput} and in GraphQL's {@code MessageFilter}. */
    public String inputName() {
        return inputName;
    }

    /** The field's value in {@code input}, as the caller sent it (null: not given). */
    public Object of(MessageFilterInput input) {
        try {
            return COMPONENTS.get(this).getAccessor().invoke(input);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value a saved search keeps: an empty list as unset, text stripped. Blank text stays, so that the
     * validation that follows refuses it as the report does.
     */
    public Object kept(Object value) {
        if (value instanceof List<?> l) {
            return l.isEmpty() ? null : List.copyOf(l);
        }
        if (value instanceof String s) {
            return s.isBlank() ? s : s.strip();
        }
        return value;
    }

    /** Whether a validated value restricts anything: given, and not an empty set. */
    static boolean restricts(Object validated) {
        return validated != null && !(validated instanceof Collection<?> c && c.isEmpty());
    }

    /** What a field is validated against: its path for errors, the whole input, and the caller's subaccounts. */
    record Context(String path, MessageFilterInput input, Predicate<String> visibleSubaccount) {
    }

    /** The validated value: a set for the list fields (empty when unset), else null when unset. */
    Object validate(Object raw, Context context) {
        return check.validate(raw, context);
    }

    /** Adds this field's condition for a value that {@link #restricts}. */
    void where(MessageSql w, Object value) {
        where.add(w, value);
    }

    /** The words an export's filter line is written with, in the document's language. */
    public interface FilterWords {

        /** A label's or a flag's word, by its key in {@code i18n/export.properties}. */
        String word(String key);

        /** A stored value (a status, a direction...) as the export column {@code column} shows it. */
        String value(String column, String stored);

        /** A subaccount as shown: its name and id, or its id. */
        String subaccount(String id);
    }

    /** The filter in words, one part for each field that restricts, in the order of the fields. */
    public static List<String> describe(ReportFilter filter, FilterWords words) {
        var parts = new ArrayList<String>();
        for (var field : values()) {
            var value = filter.value(field);
            if (restricts(value)) {
                parts.add(field.shown.describe(value, words));
            }
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object raw) {
        return (List<T>) raw;
    }

    /** How a field's raw value is validated into its {@link ReportFilter} value. */
    @FunctionalInterface
    interface Check {
        Object validate(Object raw, Context context);

        Check AS_GIVEN = (raw, c) -> raw;
        Check IDS = (raw, c) -> FilterValidator.ids(list(raw), c.path());
        Check TEXT = (raw, c) -> FilterValidator.text((String) raw, c.path());
        Check ENUMS = (raw, c) -> FilterValidator.enums(list(raw));

        /** As {@link #IDS}, then {@code each} on every value: it throws for a value that is refused. */
        static Check idsEach(java.util.function.BiConsumer<String, Context> each) {
            return (raw, c) -> {
                var ids = FilterValidator.ids(list(raw), c.path());
                ids.forEach(id -> each.accept(id, c));
                return ids;
            };
        }

        /** A flag that cannot be given together with the list {@code other} (e.g. withoutCampaign and campaigns). */
        static Check notWith(Function<MessageFilterInput, List<?>> other, String otherName) {
            return (raw, c) -> {
                var values = other.apply(c.input());
                if (raw != null && values != null && !values.isEmpty()) {
                    var name = c.path().substring(c.path().lastIndexOf('.') + 1);
                    throw new BadRequestException(c.path(), name + " cannot be combined with " + otherName
                            + ": give one or the other.");
                }
                return raw;
            };
        }
    }

    /** How a field's value becomes conditions of the WHERE clause. */
    @FunctionalInterface
    interface Where {
        void add(MessageSql w, Object value);

        /** {@code column IN {param:Array(String)}}. */
        static Where in(String column, String param) {
            return (w, v) -> w.add(column + " IN {" + param + ":Array(String)}", param, List.copyOf((Collection<?>) v));
        }
    }

    /** How a field's value is written in an export's filter line. */
    @FunctionalInterface
    interface Shown {
        String describe(Object value, FilterWords words);

        /** The label and the value as the column shows it (an enum by its name, a flag as true/false). */
        static Shown value(String label, String column) {
            return (v, words) -> words.word(label) + " " + words.value(column, stored(v));
        }

        /** The label and the value as given. */
        static Shown text(String label) {
            return (v, words) -> words.word(label) + " " + v;
        }

        /** One word for true, another for false. */
        static Shown flag(String whenTrue, String whenFalse) {
            return (v, words) -> words.word((Boolean) v ? whenTrue : whenFalse);
        }

        /** The label and the values as given, joined. */
        static Shown list(String label) {
            return (v, words) -> joined(words.word(label), v, String::valueOf);
        }

        /** The label and the values as the column shows them, joined. */
        static Shown values(String label, String column) {
            return (v, words) -> joined(words.word(label), v, e -> words.value(column, e));
        }

        /** The label and the values, each shown by {@code shown} from its stored text. */
        static String joined(String label, Object values, Function<String, String> shown) {
            return label + " " + ((Collection<?>) values).stream().map(e -> shown.apply(stored(e)))
                    .collect(Collectors.joining(", "));
        }

        /** A value as stored: an enum by its name, anything else as its text. */
        static String stored(Object value) {
            return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        }
    }

    /** For the sets of a {@link ReportFilter} typed accessor. */
    @SuppressWarnings("unchecked")
    static <T> Set<T> set(Object value) {
        return value == null ? Set.of() : (Set<T>) value;
    }
}
