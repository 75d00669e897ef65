package io.rastro.domain;

import java.util.Map;

/**
 * What a WhatsApp error code means for the sender: whether sending again can help, and what to do. The one table
 * of it in the code; {@code docs/whatsapp-errors.md} lists it for people. Codes not in it are
 * {@link ErrorClass#UNCLASSIFIED}: shown and counted like the others, never dropped.
 */
public final class WhatsAppErrors {

    /** Whether a failure of this kind can succeed on another try, and whose move it is. */
    public enum ErrorClass {
        /** The contact cannot or will not receive it: sending again fails again. */
        PERMANENT,
        /** A limit or a passing fault: the same message may go through later, more slowly. */
        RETRYABLE_LATER,
        /** Something in the sender's template, request, account or timing must change first. */
        FIX_ON_YOUR_SIDE,
        /** A code this table does not know yet. */
        UNCLASSIFIED
    }

    /** A code's class and the action recommended for it. */
    public record Classification(ErrorClass errorClass, String action) {
    }


    private static final String LATER = "Retry later with backoff, and send more slowly.";

    private static final Map<Integer, Classification> TABLE = Map.ofEntries(
            permanent(131026, "Do not retry: the number is not on WhatsApp or cannot receive this message. Check the number, or reach the contact another way."),
            permanent(131050, "Do not send marketing to this contact: they stopped marketing messages from the business."),
            permanent(131031, "Do not retry: the business account is locked. Check its status in Business Manager."),
            permanent(131021, "Do not retry: the recipient is the sender's own number."),
            permanent(130472, "Do not resend this marketing message: the contact is in Meta's marketing-message experiment group."),
            later(130429, "Retry later: the number's throughput limit was reached. Send more slowly."),
            later(131048, "Retry later and lower the volume: too many contacts blocked or reported the number."),
            later(131056, "Retry later: too many messages to the same contact in a short time."),
            later(131049, "Retry later or to fewer contacts: Meta held back this marketing message to keep engagement healthy."),
            later(131000, LATER),
            later(131016, LATER),
            later(133004, LATER),
            later(1, LATER),
            later(2, LATER),
            later(4, LATER),
            later(80007, LATER),
            fix(132001, "Fix the template: it does not exist in this language, or is not approved yet."),
            fix(132000, "Fix the template call: the number of parameters does not match the template."),
            fix(132005, "Fix the template call: the translated text is too long."),
            fix(132007, "Fix the template: its content breaks WhatsApp's policy."),
            fix(132012, "Fix the template call: a parameter is not in the expected format."),
            fix(132015, "Fix the template: it is paused for low quality. Edit it or use another."),
            fix(132016, "Fix the template: it is disabled. Use another."),
            fix(131042, "Fix the account's payment method in Business Manager, then send again."),
            fix(368, "Review WhatsApp's policies: the account is temporarily restricted."),
            fix(131047, "Send an approved template: more than 24 hours passed since the contact last wrote."),
            fix(470, "Send an approved template: more than 24 hours passed since the contact last wrote."),
            fix(131051, "Send a supported message type."),
            fix(131052, "Ask the contact to send the media again: it could not be downloaded."),
            fix(131053, "Fix the media: its type or size is not accepted."),
            fix(131008, "Fix the request: a required parameter is missing."),
            fix(131009, "Fix the request: a parameter value is not valid."),
            fix(100, "Fix the request: a parameter is not valid."),
            fix(190, "Renew the access token."),
            fix(10, "Grant the app the permission it needs."),
            fix(200, "Grant the app the permission it needs."),
            fix(133010, "Register the business phone number on the WhatsApp Business Platform."));

    private WhatsAppErrors() {
    }

    public static Classification classify(int code) {
        return TABLE.getOrDefault(code, new Classification(ErrorClass.UNCLASSIFIED,
                "Look the code up in WhatsApp's error reference; it is not classified here yet."));
    }

    /**
     * The class of the error code in {@code column}, in SQL: a {@code transform} over this table (codes in order),
     * UNCLASSIFIED for any other code. Meaningful only where there is an error (a code other than 0).
     */
    public static String classSql(String column) {
        var codes = TABLE.keySet().stream().sorted().toList();
        return "transform(" + column + ", [" + String.join(", ", codes.stream().map(String::valueOf).toList())
                + "], [" + String.join(", ", codes.stream().map(c -> "'" + TABLE.get(c).errorClass().name() + "'")
                .toList()) + "], '" + ErrorClass.UNCLASSIFIED.name() + "')";
    }

    /** The codes whose failures mean a contact is tired of marketing: suppress them from campaigns. */
    public static final java.util.List<Integer> MARKETING_FATIGUE = java.util.List.of(131049, 131050);

    private static Map.Entry<Integer, Classification> permanent(int code, String action) {
        return Map.entry(code, new Classification(ErrorClass.PERMANENT, action));
    }

    private static Map.Entry<Integer, Classification> later(int code, String action) {
        return Map.entry(code, new Classification(ErrorClass.RETRYABLE_LATER, action));
    }

    private static Map.Entry<Integer, Classification> fix(int code, String action) {
        return Map.entry(code, new Classification(ErrorClass.FIX_ON_YOUR_SIDE, action));
    }

    /** Every classified code, for the docs and their test. */
    static Map<Integer, Classification> table() {
        return TABLE;
    }
}
