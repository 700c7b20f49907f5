package com.wabill.ingest;

/**
 * Formats values from the logs for rejection details: quoted, with control, format and replacement characters
 * escaped, truncated, and phone numbers masked, so that a detail is always one short, printable line that
 * gives away no customer's number.
 */
public final class SafeText {

    /** Longest value shown, in code points, before it is cut with an ellipsis. */
    public static final int MAX_VALUE_LENGTH = 40;

    private SafeText() {}

    /** The value in single quotes, escaped and truncated ({@code null} shows as {@code null}). */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH) + 8);
        sb.append('\'');
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (shown == MAX_VALUE_LENGTH) {
                sb.append("\u2026 (").append(value.codePointCount(0, value.length())).append(" chars)");
                break;
            }
            shown++;
            appendEscaped(sb, cp);
        }
        return sb.append('\'').toString();
    }

    /** A phone number or WhatsApp id with every digit but the last four replaced by {@code *}, then quoted. */
    public static String maskedPhone(String value) {
        if (value == null) {
            return "null";
        }
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isAsciiDigit(value.charAt(i))) digits++;
        }
        StringBuilder sb = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isAsciiDigit(c)) {
                seen++;
                sb.append(seen > digits - 4 ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return quote(sb.toString());
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void appendEscaped(StringBuilder sb, int cp) {
        if (cp == '\'' || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
        } else if (cp == '\n') {
            sb.append("\\n");
        } else if (cp == '\r') {
            sb.append("\\r");
        } else if (cp == '\t') {
            sb.append("\\t");
        } else if (Character.isISOControl(cp) || cp == 0xFFFD || !Character.isDefined(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE
                || Character.getType(cp) == Character.PRIVATE_USE
                || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
            if (cp > 0xFFFF) {
                sb.append(String.format("\\U%08X", cp));
            } else {
                sb.append(String.format("\\u%04X", cp));
            }
        } else {
            sb.appendCodePoint(cp);
        }
    }
}
