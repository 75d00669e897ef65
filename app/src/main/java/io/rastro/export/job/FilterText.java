package io.rastro.export.job;

import io.rastro.report.ReportFilter;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** The filter a document was made with, in one line (the period is shown separately). */
final class FilterText {

    private FilterText() {
    }

    static String describe(ReportFilter f, Map<String, String> subaccountNames) {
        var parts = new StringJoiner("; ");
        if (f.direction() != null) {
            parts.add("direction " + f.direction());
        }
        list(parts, "subaccounts", f.subaccounts().stream().map(id -> {
            var name = subaccountNames.get(id);
            return name == null || name.isEmpty() ? id : name + " (" + id + ")";
        }).toList());
        list(parts, "users", f.users());
        list(parts, "campaigns", f.campaigns());
        list(parts, "content types", f.contentTypes());
        if (f.sentWithSession() != null) {
            parts.add("sent with session " + f.sentWithSession());
        }
        if (f.correlationId() != null) {
            parts.add("correlation id " + f.correlationId());
        }
        list(parts, "statuses", f.statuses());
        list(parts, "error codes", f.errorCodes());
        if (f.contact() != null) {
            parts.add("contact " + f.contact().value());
        }
        if (f.conversationId() != null) {
            parts.add("conversation " + f.conversationId());
        }
        list(parts, "conversation types", f.conversationTypes());
        return parts.toString();
    }

    private static void list(StringJoiner parts, String label, Collection<?> values) {
        if (values != null && !values.isEmpty()) {
            parts.add(label + " " + values.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }
}
