package io.rastro.report;

import io.rastro.RastroProperties;
import io.rastro.domain.PhoneNumbers;
import io.rastro.domain.StoredTimes;
import io.rastro.security.TenantScope;
import io.rastro.web.BadRequestException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a caller's filter into a {@link ReportFilter}, or refuses it with a message that names the field: the
 * period here, every other field by its {@link FilterField} entry, in the entries' order. Bad
 * input is an error, never an empty result: a reversed period, one longer than the limit, an unparseable phone,
 * a subaccount outside the caller's scope (FORBIDDEN).
 */
@Component
public class FilterValidator {

    private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.[0-9]{6,40}");
    private static final int MAX_TEXT = 200;
    /** WhatsApp's pricing categories are lower-case words (marketing, authentication_international, ...). */
    static final Pattern PRICING_CATEGORY = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final int MAX_LIST = 1000;

    private final Duration maxPeriod;
    private final Directory directory;

    public FilterValidator(RastroProperties properties, Directory directory) {
        this.maxPeriod = properties.report().maxPeriod();
        this.directory = directory;
    }

    /**
     * @param field where the filter sits in the request, for error messages (e.g. "input.filter")
     */
    public ReportFilter validate(MessageFilterInput input, TenantScope scope, String field) {
        var f = input == null ? MessageFilterInput.empty() : input;
        if (f.period() == null || f.period().from() == null || f.period().to() == null) {
            throw new BadRequestException(field + ".period",
                    "A period is required: give " + field + ".period {from, to} (or a saved search that has one).");
        }
        var from = toStoredPrecision(f.period().from().toInstant());
        var to = toStoredPrecision(f.period().to().toInstant());
        if (!StoredTimes.accepted(from) || !StoredTimes.accepted(to)) {
            throw new BadRequestException(field + ".period", "The period must lie between "
                    + StoredTimes.EARLIEST + " and " + StoredTimes.LATEST + ".");
        }
        if (!to.isAfter(from)) {
            throw new BadRequestException(field + ".period",
                    "The period is empty or reversed: 'to' (" + to + ") must be after 'from' (" + from + ").");
        }
        if (Duration.between(from, to).compareTo(maxPeriod) > 0) {
            throw new BadRequestException(field + ".period", "The period covers "
                    + Duration.between(from, to).toDays() + " days; one request may cover at most "
                    + maxPeriod.toDays() + " days. Split it, or export it in parts.");
        }
        var values = new EnumMap<FilterField, Object>(FilterField.class);
        for (var filterField : FilterField.values()) {
            var context = new FilterField.Context(field + "." + filterField.inputName(), f,
                    subaccount -> scope.allows(subaccount) && directory.hasSubaccount(scope.accountId(), subaccount));
            values.put(filterField, filterField.validate(filterField.of(f), context));
        }
        return new ReportFilter(from, to, values);
    }

    /**
     * A bound rounded up to the millisecond, the precision times are stored in: then [from, to) holds exactly the
     * stored times inside the period as given. Cut instead of rounded, a bound of .0775 became .077, so a message
     * at .077 fell out of a period ending at .0775 and into one starting there.
     */
    static Instant toStoredPrecision(Instant bound) {
        var millis = bound.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(bound) ? bound : millis.plusMillis(1);
    }

    /** Classifies a contact: a BSUID as is, anything else must be a phone number ({@link PhoneNumbers}). */
    static ReportFilter.Contact contact(String raw, String field) {
        var value = text(raw, field);
        if (value == null) {
            return null;
        }
        if (BSUID.matcher(value).matches()) {
            return new ReportFilter.Contact(ReportFilter.Contact.Kind.BSUID, value);
        }
        var phone = PhoneNumbers.parse(value);
        if (!phone.valid()) {
            var why = PhoneNumbers.explain(phone.problem(), truncate(value));
            throw new BadRequestException(field, phone.problem() == PhoneNumbers.Problem.NO_COUNTRY_CODE ? why
                    : why + ", nor a WhatsApp business-scoped user id (e.g. US.1349120865530).");
        }
        return new ReportFilter.Contact(ReportFilter.Contact.Kind.PHONE, phone.digits());
    }

    static Set<String> ids(Collection<String> values, String field) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > MAX_LIST) {
            throw new BadRequestException(field, "At most " + MAX_LIST + " values may be given.");
        }
        var out = new LinkedHashSet<String>();
        for (var v : values) {
            if (v == null) {
                throw new BadRequestException(field, "Values may not be null.");
            }
            out.add(text(v, field));
        }
        return out;
    }

    /**
     * A text value, stripped; null when not given. A blank one is refused: it used to be dropped in silence, so
     * {@code campaigns: [""]} matched everything rather than the messages without a campaign (for those, the
     * filter has {@code withoutCampaign} and {@code withoutUser}).
     */
    static String text(String value, String field) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new BadRequestException(field, field + " holds a blank value. Leave it out; for messages without a "
                    + "campaign or a user, use withoutCampaign / withoutUser.");
        }
        if (value.length() > MAX_TEXT) {
            throw new BadRequestException(field, "Values are at most " + MAX_TEXT + " characters long.");
        }
        refuseControlCharacters(value, field);
        return value.strip();
    }

    /**
     * Refuses a value holding a control character (NUL, or any other C0/C1 one). No stored id, name or e-mail
     * holds one, and a NUL made the engine fail the statement: an internal error instead of an answer.
     */
    static void refuseControlCharacters(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new BadRequestException(field, field + " holds a control character (U+"
                        + "%04X".formatted((int) value.charAt(i)) + "), which no stored value has.");
            }
        }
    }

    static Set<Integer> errorCodes(Collection<Integer> codes, String field) {
        if (codes == null) {
            return Set.of();
        }
        for (var code : codes) {
            if (code == null || code < 0) {
                throw new BadRequestException(field, "Error codes are positive numbers such as 131026.");
            }
        }
        return new LinkedHashSet<>(codes);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <E extends Enum<E>> Set<E> enums(Collection<?> values) {
        return values == null || values.isEmpty() ? Set.of() : EnumSet.copyOf((Collection) values);
    }

    static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
