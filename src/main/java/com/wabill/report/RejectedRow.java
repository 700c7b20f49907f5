package com.wabill.report;

/**
 * A log row that broke the table (SPEC 1.1): its source file, its row number (data rows counted from 1), its
 * message id when it had one, and a reason that starts with a code ({@code MISSING_VALUE: sent_at}).
 */
public record RejectedRow(String source, long row, String messageId, String reason) {

    /** The reason's code: the text before the first {@code :}, trimmed ({@code UNKNOWN} when there is none). */
    public String code() {
        return reasonCode(reason);
    }

    public static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) return "UNKNOWN";
        int colon = reason.indexOf(':');
        return (colon < 0 ? reason : reason.substring(0, colon)).trim();
    }
}
