package io.rastro.export;

import io.rastro.domain.Direction;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of an export in one language: column headers, the values people read (statuses, directions, content
 * and conversation types, yes/no, the titles of common WhatsApp errors), filter descriptions and the PDF's title
 * block. They live in one place, the
 * {@code i18n/export*.properties} bundles read through Spring's {@link ResourceBundleMessageSource}; nothing
 * else holds a translated word. English is the default bundle; a key missing from a language falls back to it.
 */
public final class ExportWords {

    /**
     * The WhatsApp error codes whose titles the bundles hold in every language ({@code error.<code>}): the
     * failures seen most. Any other code keeps the title Meta sent, in English.
     */
    public static final List<Integer> ERROR_CODES = List.of(131026, 131047, 131049, 131050, 130472, 131048, 131056,
            130429, 131042, 131031, 368, 132001);
    private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource();
    private static final Map<ExportLocale, ExportWords> BY_LOCALE = new EnumMap<>(ExportLocale.class);

    static {
        SOURCE.setBasename("i18n/export");
        SOURCE.setDefaultEncoding("UTF-8");
        // English is the default bundle: a machine whose own locale is Spanish must not get Spanish for EN
        SOURCE.setFallbackToSystemLocale(false);
        for (var locale : ExportLocale.values()) {
            BY_LOCALE.put(locale, new ExportWords(locale));
        }
    }

    private final ExportLocale exportLocale;
    private final Locale locale;

    private ExportWords(ExportLocale exportLocale) {
        this.exportLocale = exportLocale;
        this.locale = switch (exportLocale) {
            case EN -> Locale.ENGLISH;
            case ES -> Locale.forLanguageTag("es");
            case PT -> Locale.forLanguageTag("pt-BR");
        };
    }

    public static ExportWords of(ExportLocale locale) {
        return BY_LOCALE.get(locale);
    }

    public ExportLocale exportLocale() {
        return exportLocale;
    }

    /** The locale numbers are written in for readers of this language. */
    public Locale locale() {
        return locale;
    }

    /** The word for {@code code}, with {@code args} put into its pattern; a missing key is a bug: it throws. */
    public String get(String code, Object... args) {
        return SOURCE.getMessage(code, args, locale);
    }

    /** A column's header. */
    public String header(ExportColumn column) {
        return get("column." + column.name());
    }

    /**
     * A column's header in a document for one direction: "Sent at" rather than "Date/time" for MT rows, where the
     * bundles have a word of that direction's own ({@code column.<COLUMN>.<DIRECTION>}); else {@link #header}.
     */
    public String header(ExportColumn column, Direction direction) {
        if (direction != null) {
            var own = find("column." + column.name() + "." + direction.name());
            if (own != null) {
                return own;
            }
        }
        return header(column);
    }

    /**
     * A stored value as people read it in this language: a status, a direction, a content type, a conversation
     * type or a yes/no. A value the bundles do not name (a new code, a free text) is returned as it is.
     */
    public String value(ExportColumn column, String stored) {
        var vocabulary = vocabulary(column);
        if (vocabulary == null || stored == null || stored.isEmpty()) {
            return stored;
        }
        var word = find(vocabulary + "." + stored);
        return word == null ? stored : word;
    }

    /** The titles of {@link #ERROR_CODES} in this language, code to title, in that order. */
    public Map<Integer, String> errorTitles() {
        var titles = new LinkedHashMap<Integer, String>();
        for (var code : ERROR_CODES) {
            titles.put(code, get("error." + code));
        }
        return titles;
    }

    /** The vocabulary ({@code status}, {@code bool}...) whose words a column's values are; null for free values. */
    public static String vocabulary(ExportColumn column) {
        return switch (column) {
            case STATUS -> "status";
            case DIRECTION -> "direction";
            case CONTENT_TYPE -> "contentType";
            case CONVERSATION_TYPE -> "conversationType";
            case SENT_WITH_SESSION -> "bool";
            default -> null;
        };
    }

    private String find(String code) {
        try {
            return SOURCE.getMessage(code, null, locale);
        } catch (NoSuchMessageException e) {
            return null;
        }
    }
}
