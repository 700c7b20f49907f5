package com.wabill.ingest;

import static com.wabill.parquet.MessageLogColumn.*;

import java.time.Instant;
import java.util.Map;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.parquet.MessageLogColumn;

/**
 * Turns the raw values of one row into a {@link LogRow} or a {@link RowRejection}, per SPEC 1.1. Pure: it
 * depends on nothing but its arguments.
 *
 * <ul>
 *   <li>{@code MISSING_VALUE}: message_id, waba_id, phone_number_id, contact_wa_id, direction, sent_at or
 *       message_type absent (null or blank), or status absent on an outbound row;</li>
 *   <li>{@code MISSING_CATEGORY}: template_category absent on a template;</li>
 *   <li>{@code INVALID_VALUE}: an unknown direction, outbound status, template category (on a template:
 *       MARKETING, UTILITY or AUTHENTICATION) or inbound referral_source_type (AD or POST); a contact_wa_id
 *       that is not digits once a leading {@code +}, spaces and dashes are removed; an identifier (message_id,
 *       waba_id, phone_number_id, contact_wa_id) whose bytes are not valid UTF-8, or longer than
 *       {@value #MAX_ID_LENGTH} characters, or holding a control character.</li>
 * </ul>
 * Enumerations and TEMPLATE are matched ignoring case and surrounding white space. The meta_* columns never
 * reject a row; values that are not used (an inbound row's status, a non-template's category, an outbound
 * row's referral) are ignored whatever they hold. A row with several problems gets them all in its reason,
 * the first (in the order above, by column) giving the code the reason starts with.
 */
public final class RowValidator {

    /**
     * Longest identifier accepted, in characters. WhatsApp's ids are far shorter (a wamid is about 60 characters);
     * a longer value is a broken export, and ids are keys in the ledger, whose indexes cannot hold arbitrary lengths.
     */
    public static final int MAX_ID_LENGTH = 256;

    private RowValidator() {}

    /** Validates a row given by column name (see {@link RawValues#of}). */
    public static RowResult validate(String source, long rowNumber, Map<String, ?> row) {
        return validate(source, rowNumber, RawValues.of(row));
    }

    public static RowResult validate(String source, long rowNumber, RawValues raw) {
        Problems problems = null;

        String messageId = blankToNull(raw.string(MESSAGE_ID));
        problems = requireId(problems, raw, MESSAGE_ID, messageId);
        String wabaId = blankToNull(raw.string(WABA_ID));
        problems = requireId(problems, raw, WABA_ID, wabaId);
        String phoneNumberId = blankToNull(raw.string(PHONE_NUMBER_ID));
        problems = requireId(problems, raw, PHONE_NUMBER_ID, phoneNumberId);

        String contactRaw = raw.string(CONTACT_WA_ID);
        String contact = null;
        if (blankToNull(contactRaw) == null) {
            problems = Problems.add(problems, RejectionCode.MISSING_VALUE, "contact_wa_id");
        } else {
            contact = normaliseContact(contactRaw);
            if (contact == null) {
                problems = Problems.add(problems, RejectionCode.INVALID_VALUE,
                        "contact_wa_id " + SafeText.maskedPhone(contactRaw) + " is not a phone number");
            } else if (contact.length() > MAX_ID_LENGTH) {
                problems = Problems.add(problems, RejectionCode.INVALID_VALUE,
                        "contact_wa_id has " + contact.length() + " digits (at most " + MAX_ID_LENGTH + ")");
                contact = null;
            }
        }

        Direction direction = null;
        String directionRaw = raw.string(DIRECTION);
        if (blankToNull(directionRaw) == null) {
            problems = Problems.add(problems, RejectionCode.MISSING_VALUE, "direction");
        } else {
            direction = parseEnum(Direction.class, directionRaw);
            if (direction == null) {
                problems = Problems.add(problems, RejectionCode.INVALID_VALUE, "direction " + SafeText.quote(directionRaw));
            }
        }

        Instant sentAt = raw.instant(SENT_AT);
        if (sentAt == null) {
            problems = Problems.add(problems, RejectionCode.MISSING_VALUE, "sent_at");
        }

        String messageType = raw.string(MESSAGE_TYPE);
        if (blankToNull(messageType) == null) {
            problems = Problems.add(problems, RejectionCode.MISSING_VALUE, "message_type");
            messageType = null;
        }
        boolean template = messageType != null && messageType.trim().equalsIgnoreCase("TEMPLATE");

        DeliveryStatus status = null;
        if (direction == Direction.OUTBOUND) {
            String statusRaw = raw.string(STATUS);
            if (blankToNull(statusRaw) == null) {
                problems = Problems.add(problems, RejectionCode.MISSING_VALUE, "status (required on outbound rows)");
            } else {
                status = parseEnum(DeliveryStatus.class, statusRaw);
                if (status == null) {
                    problems = Problems.add(problems, RejectionCode.INVALID_VALUE, "status " + SafeText.quote(statusRaw));
                }
            }
        }

        Category category = null;
        if (template) {
            String categoryRaw = raw.string(TEMPLATE_CATEGORY);
            if (blankToNull(categoryRaw) == null) {
                problems = Problems.add(problems, RejectionCode.MISSING_CATEGORY, "template_category (required on templates)");
            } else {
                category = parseEnum(Category.class, categoryRaw);
                if (category == null || !category.isTemplateCategory()) {
                    category = null;
                    problems = Problems.add(problems, RejectionCode.INVALID_VALUE,
                            "template_category " + SafeText.quote(categoryRaw));
                }
            }
        }

        String referral = null;
        if (direction == Direction.INBOUND) {
            String referralRaw = raw.string(REFERRAL_SOURCE_TYPE);
            if (blankToNull(referralRaw) != null) {
                String r = referralRaw.trim();
                if (r.equalsIgnoreCase("AD")) {
                    referral = "AD";
                } else if (r.equalsIgnoreCase("POST")) {
                    referral = "POST";
                } else {
                    problems = Problems.add(problems, RejectionCode.INVALID_VALUE,
                            "referral_source_type " + SafeText.quote(referralRaw));
                }
            }
        }

        if (problems != null) {
            // an id too long or unprintable is not repeated in the rejected rows: the reason shows it, escaped and cut
            String shownId = messageId != null && messageId.length() <= MAX_ID_LENGTH && !hasControlCharacter(messageId)
                    ? messageId : null;
            return new RowRejection(source, rowNumber, shownId, problems.text.toString());
        }

        String business = text(raw.string(BUSINESS_PHONE_NUMBER));
        if (business != null) {
            String digits = normaliseContact(business);
            business = digits != null ? digits : business.trim();
        }
        Instant deliveredAt = direction == Direction.OUTBOUND ? raw.instant(DELIVERED_AT) : null;
        return new LogRow(source, rowNumber, messageId, wabaId, phoneNumberId, business, contact, direction, sentAt,
                deliveredAt, status, messageType, template, text(raw.string(TEMPLATE_NAME)), category, referral,
                text(raw.string(META_CONVERSATION_ID)), text(raw.string(META_CONVERSATION_CATEGORY)),
                raw.bool(META_BILLABLE), text(raw.string(META_PRICING_MODEL)),
                text(raw.string(META_PRICING_CATEGORY)), text(raw.string(META_PRICING_TYPE)));
    }

    /**
     * A WhatsApp id or phone number with a leading {@code +}, spaces and dashes removed; null when what remains
     * is not one or more ASCII digits.
     */
    public static String normaliseContact(String value) {
        if (value == null) {
            return null;
        }
        int n = value.length();
        boolean clean = n > 0;
        for (int i = 0; i < n && clean; i++) {
            char c = value.charAt(i);
            clean = c >= '0' && c <= '9';
        }
        if (clean) {
            return value;
        }
        StringBuilder sb = new StringBuilder(n);
        boolean plusAllowed = true;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c == '+' && plusAllowed) {
                plusAllowed = false;
                continue;
            }
            if (c < '0' || c > '9') {
                return null;
            }
            plusAllowed = false;
            sb.append(c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static Problems requireId(Problems problems, RawValues raw, MessageLogColumn column, String value) {
        if (value == null) {
            return Problems.add(problems, RejectionCode.MISSING_VALUE, column.columnName);
        }
        if (raw.invalidUtf8(column)) {
            return Problems.add(problems, RejectionCode.INVALID_VALUE,
                    column.columnName + " " + SafeText.quote(value) + " is not valid UTF-8");
        }
        if (hasControlCharacter(value)) {
            return Problems.add(problems, RejectionCode.INVALID_VALUE, column.columnName + " " + SafeText.quote(value)
                    + " contains a control character");
        }
        if (value.length() > MAX_ID_LENGTH) {
            return Problems.add(problems, RejectionCode.INVALID_VALUE, column.columnName + " " + SafeText.quote(value)
                    + " is " + value.length() + " characters long (at most " + MAX_ID_LENGTH + ")");
        }
        return problems;
    }

    /** Whether a value holds an ISO control character (NUL, tab, line breaks, DEL...): no identifier does. */
    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) return true;
        }
        return false;
    }

    /**
     * A free-text value as kept: blank is null, and NUL characters (which a PostgreSQL text value cannot hold, so
     * the ledger could not take the row) become U+FFFD.
     */
    static String text(String s) {
        String v = blankToNull(s);
        return v == null || v.indexOf('\u0000') < 0 ? v : v.replace('\u0000', '\uFFFD');
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return s;
            }
        }
        return null;
    }

    /** The constant whose name equals the trimmed value ignoring case, or null. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        String v = value.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        return null;
    }

    /** The problems of one row, in the order found. */
    private static final class Problems {
        final StringBuilder text = new StringBuilder();

        static Problems add(Problems p, RejectionCode code, String detail) {
            if (p == null) {
                p = new Problems();
            } else {
                p.text.append("; ");
            }
            p.text.append(code.name()).append(": ").append(detail);
            return p;
        }
    }
}
