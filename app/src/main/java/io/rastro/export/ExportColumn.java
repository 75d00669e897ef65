package io.rastro.export;

import io.rastro.report.Enums.Direction;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns an export can hold. Each knows its SQL expression over the report's row columns (code, never
 * input; {@code m} is the report query as a subquery), the kind of value it carries, which direction it belongs
 * to (null: both) and its header in each locale. The declaration order is the default file order.
 */
public enum ExportColumn {
    MESSAGE_ID(Kind.TEXT, "m.message_id", null, 3, "Message ID", "ID del mensaje", "ID da mensagem"),
    DIRECTION(Kind.TEXT, "m.direction", null, 1, "Direction", "Dirección", "Direção"),
    AT(Kind.INSTANT, "m.event_time", null, 2, "Date/time", "Fecha/hora", "Data/hora"),
    SUBACCOUNT_ID(Kind.TEXT, "m.subaccount_id", null, 2, "Subaccount ID", "ID de subcuenta", "ID da subconta"),
    SUBACCOUNT_NAME(Kind.TEXT, "transform(toString(m.subaccount_id), {subaccount_ids:Array(String)}, "
            + "{subaccount_names:Array(String)}, '')", null, 2, "Subaccount", "Subcuenta", "Subconta"),
    USER(Kind.TEXT, "m.user_id", null, 2, "User", "Usuario", "Usuário"),
    CAMPAIGN_ID(Kind.TEXT, "m.campaign_id", null, 2, "Campaign ID", "ID de campaña", "ID da campanha"),
    CAMPAIGN_NAME(Kind.TEXT, "m.campaign_name", null, 2, "Campaign", "Campaña", "Campanha"),
    CONTENT_TYPE(Kind.TEXT, "m.content_type", null, 1, "Content type", "Tipo de contenido", "Tipo de conteúdo"),
    TEMPLATE_NAME(Kind.TEXT, "m.template_name", Direction.MT, 2, "Template", "Plantilla", "Modelo"),
    TEMPLATE_LANGUAGE(Kind.TEXT, "m.template_language", Direction.MT, 1, "Template language",
            "Idioma de la plantilla", "Idioma do modelo"),
    TEXT(Kind.TEXT, "m.text", null, 5, "Text", "Texto", "Texto"),
    CONTACT_PHONE(Kind.TEXT, "m.contact_phone", null, 2, "Phone", "Teléfono", "Telefone"),
    CONTACT_WA_ID(Kind.TEXT, "m.contact_wa_id", null, 2, "WhatsApp ID", "ID de WhatsApp", "ID do WhatsApp"),
    CONTACT_BSUID(Kind.TEXT, "m.contact_bsuid", null, 2, "BSUID", "BSUID", "BSUID"),
    CORRELATION_ID(Kind.TEXT, "m.correlation_id", null, 2, "Correlation ID", "ID de correlación", "ID de correlação"),
    CONVERSATION_ID(Kind.TEXT, "m.conversation_id", null, 2, "Conversation ID", "ID de conversación",
            "ID da conversa"),
    CONVERSATION_TYPE(Kind.TEXT, "m.conversation_type", null, 2, "Conversation type", "Tipo de conversación",
            "Tipo de conversa"),
    CONVERSATION_EXPIRES_AT(Kind.INSTANT, "m.conversation_expires_at", null, 2, "Conversation expires at",
            "Vencimiento de la conversación", "Expiração da conversa"),
    PRICING_CATEGORY(Kind.TEXT, "m.pricing_category", Direction.MT, 2, "Pricing category", "Categoría de precio",
            "Categoria de preço"),
    // Only MT messages have a session flag: an MO row gets an empty cell, not a misleading "false".
    SENT_WITH_SESSION(Kind.BOOL, "if(m.direction = 'MT', m.sent_with_session, NULL)", Direction.MT, 1,
            "Sent in session", "Enviado en sesión", "Enviado em sessão"),
    STATUS(Kind.TEXT, "m.status", null, 1, "Status", "Estado", "Status"),
    STATUS_AT(Kind.INSTANT, "m.status_at", Direction.MT, 2, "Status at", "Fecha del estado", "Data do status"),
    DELIVERED_AT(Kind.INSTANT, "m.delivered_at", Direction.MT, 2, "Delivered at", "Entregado", "Entregue em"),
    READ_AT(Kind.INSTANT, "m.read_at", Direction.MT, 2, "Read at", "Leído", "Lido em"),
    // 0 means "never failed" in the store; a file shows an empty cell instead.
    ERROR_CODE(Kind.NUMBER, "nullIf(m.error_code, 0)", Direction.MT, 1, "Error code", "Código de error",
            "Código de erro"),
    ERROR_TITLE(Kind.TEXT, "m.error_title", Direction.MT, 2, "Error", "Error", "Erro"),
    BUTTON_PAYLOAD(Kind.TEXT, "m.button_payload", Direction.MO, 2, "Button payload", "Payload del botón",
            "Payload do botão"),
    BUTTON_TEXT(Kind.TEXT, "m.button_text", Direction.MO, 2, "Button text", "Texto del botón", "Texto do botão"),
    IN_REPLY_TO_ID(Kind.TEXT, "m.reply_to_message_id", Direction.MO, 3, "In reply to", "En respuesta a",
            "Em resposta a");

    /** What a column's values are, which decides how each format writes them. */
    public enum Kind {
        /** Strings; formula-like values are neutralised. */
        TEXT,
        /** Instants, read as epoch milliseconds (cheap to decode) and written in the export's zone. */
        INSTANT,
        /** Integers. */
        NUMBER,
        /** true/false. */
        BOOL
    }

    public final Kind kind;
    /** The expression over the report row {@code m}, as stored (instants as DateTime64 in UTC). */
    public final String expression;
    /** The direction whose rows this column describes; null for both. */
    public final Direction direction;
    /** Relative width in the PDF table. */
    public final int weight;
    private final String en;
    private final String es;
    private final String pt;

    ExportColumn(Kind kind, String expression, Direction direction, int weight, String en, String es, String pt) {
        this.kind = kind;
        this.expression = expression;
        this.direction = direction;
        this.weight = weight;
        this.en = en;
        this.es = es;
        this.pt = pt;
    }

    /** The header a person reads. */
    public String header(ExportLocale locale) {
        return switch (locale) {
            case EN -> en;
            case ES -> es;
            case PT -> pt;
        };
    }

    /** The stable, locale-independent name used where machines read the file (Parquet column names). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The expression the Java writers read: instants as epoch milliseconds (Int64), so the reader decodes a long
     * instead of building a date-time object per cell.
     */
    public String readExpression() {
        return kind == Kind.INSTANT ? "toUnixTimestamp64Milli(" + expression + ")" : expression;
    }

    /** The default columns for a filter's direction: its own columns, or all of them when both are exported. */
    public static List<ExportColumn> defaults(Direction direction) {
        return Arrays.stream(values()).filter(c -> direction == null || c.direction == null || c.direction == direction)
                .toList();
    }
}
