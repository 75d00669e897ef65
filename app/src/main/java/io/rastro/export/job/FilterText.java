package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportWords;
import io.rastro.report.ReportFilter;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The filter a document was made with, in one line and in the document's language: each label and each value
 * with a word of its own (a status, a direction, a content type...) in {@link ExportWords}. The period is shown
 * separately.
 */
final class FilterText {

    private FilterText() {
    }

    static String describe(ReportFilter f, Map<String, String> subaccountNames, ExportWords words) {
        var parts = new StringJoiner("; ");
        if (f.direction() != null) {
            parts.add(words.get("filter.direction") + " " + words.value(ExportColumn.DIRECTION, f.direction().name()));
        }
        list(parts, words.get("filter.subaccounts"), f.subaccounts(), id -> {
            var name = subaccountNames.get(id);
            return name == null || name.isEmpty() ? id : name + " (" + id + ")";
        });
        list(parts, words.get("filter.users"), f.users(), String::valueOf);
        list(parts, words.get("filter.campaigns"), f.campaigns(), String::valueOf);
        if (f.withoutCampaign() != null) {
            parts.add(words.get(f.withoutCampaign() ? "filter.withoutCampaign" : "filter.withCampaign"));
        }
        if (f.withoutUser() != null) {
            parts.add(words.get(f.withoutUser() ? "filter.withoutUser" : "filter.withUser"));
        }
        if (f.replied() != null) {
            parts.add(words.get(f.replied() ? "filter.replied" : "filter.notReplied"));
        }
        list(parts, words.get("filter.replyButtons"), f.replyButtons(), String::valueOf);
        if (f.billable() != null) {
            parts.add(words.get(f.billable() ? "filter.billable" : "filter.notBillable"));
        }
        list(parts, words.get("filter.pricingCategories"), f.pricingCategories(), String::valueOf);
        list(parts, words.get("filter.contentTypes"), f.contentTypes(),
                t -> words.value(ExportColumn.CONTENT_TYPE, t.name()));
        if (f.sentWithSession() != null) {
            parts.add(words.get("filter.sentWithSession") + " "
                    + words.value(ExportColumn.SENT_WITH_SESSION, f.sentWithSession().toString()));
        }
        if (f.correlationId() != null) {
            parts.add(words.get("filter.correlationId") + " " + f.correlationId());
        }
        list(parts, words.get("filter.statuses"), f.statuses(), s -> words.value(ExportColumn.STATUS, s.name()));
        list(parts, words.get("filter.errorCodes"), f.errorCodes(), String::valueOf);
        if (f.contact() != null) {
            parts.add(words.get("filter.contact") + " " + f.contact().value());
        }
        if (f.conversationId() != null) {
            parts.add(words.get("filter.conversation") + " " + f.conversationId());
        }
        list(parts, words.get("filter.conversationTypes"), f.conversationTypes(),
                t -> words.value(ExportColumn.CONVERSATION_TYPE, t.name()));
        return parts.toString();
    }

    private static <T> void list(StringJoiner parts, String label, Collection<T> values, Function<T, String> shown) {
        if (values != null && !values.isEmpty()) {
            parts.add(label + " " + values.stream().map(shown).collect(Collectors.joining(", ")));
        }
    }
}
