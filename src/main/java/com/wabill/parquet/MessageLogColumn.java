package com.wabill.parquet;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a message log file (SPEC 1.1), in the order of the table there.
 * Only the columns marked "yes" in SPEC 1.1 must be present in a file; {@code status} and
 * {@code template_category} are required per row (outbound rows and templates), not per file.
 */
public enum MessageLogColumn {
    MESSAGE_ID("message_id", Kind.STRING, true),
    WABA_ID("waba_id", Kind.STRING, true),
    PHONE_NUMBER_ID("phone_number_id", Kind.STRING, true),
    BUSINESS_PHONE_NUMBER("business_phone_number", Kind.STRING, false),
    CONTACT_WA_ID("contact_wa_id", Kind.STRING, true),
    DIRECTION("direction", Kind.STRING, true),
    SENT_AT("sent_at", Kind.TIMESTAMP, true),
    DELIVERED_AT("delivered_at", Kind.TIMESTAMP, false),
    STATUS("status", Kind.STRING, false),
    MESSAGE_TYPE("message_type", Kind.STRING, true),
    TEMPLATE_NAME("template_name", Kind.STRING, false),
    TEMPLATE_CATEGORY("template_category", Kind.STRING, false),
    REFERRAL_SOURCE_TYPE("referral_source_type", Kind.STRING, false),
    META_CONVERSATION_ID("meta_conversation_id", Kind.STRING, false),
    META_CONVERSATION_CATEGORY("meta_conversation_category", Kind.STRING, false),
    META_BILLABLE("meta_billable", Kind.BOOLEAN, false),
    META_PRICING_MODEL("meta_pricing_model", Kind.STRING, false),
    META_PRICING_CATEGORY("meta_pricing_category", Kind.STRING, false),
    META_PRICING_TYPE("meta_pricing_type", Kind.STRING, false);

    /** The logical kind of a column's values. */
    public enum Kind {
        /** BINARY, UTF-8 text. */
        STRING,
        /** An instant: INT64 TIMESTAMP (any unit) or legacy INT96. */
        TIMESTAMP,
        /** BOOLEAN. */
        BOOLEAN
    }

    public static final List<MessageLogColumn> ALL = List.of(values());

    private static final Map<String, MessageLogColumn> BY_NAME = new HashMap<>();

    static {
        for (MessageLogColumn c : values()) {
            BY_NAME.put(c.columnName, c);
        }
    }

    /** The column name in the file. */
    public final String columnName;
    public final Kind kind;
    /** Whether a file without this column is refused. */
    public final boolean requiredInFile;

    MessageLogColumn(String columnName, Kind kind, boolean requiredInFile) {
        this.columnName = columnName;
        this.kind = kind;
        this.requiredInFile = requiredInFile;
    }

    /** The column of that exact name, or {@code null}. */
    public static MessageLogColumn byName(String name) {
        return BY_NAME.get(name);
    }

    /** The column of that name ignoring case, or {@code null}. */
    public static MessageLogColumn byNameIgnoreCase(String name) {
        MessageLogColumn c = BY_NAME.get(name);
        return c != null ? c : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return columnName;
    }
}
