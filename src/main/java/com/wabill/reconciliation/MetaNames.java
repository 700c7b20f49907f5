package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.util.Locale;

/** Meta's names of categories and types, matched case-insensitively. */
final class MetaNames {

    private MetaNames() {
    }

    /**
     * The category Meta's name stands for, or null when it is not one of MARKETING, UTILITY, AUTHENTICATION,
     * AUTHENTICATION_INTERNATIONAL, SERVICE, REFERRAL_CONVERSION, MARKETING_LITE (any case; a dash reads as an
     * underscore, as the status webhook writes {@code authentication-international}). MARKETING_LITE (marketing
     * messages sent through the Marketing Messages API) is MARKETING: Meta prices it at the marketing rate (SPEC 4).
     * The pre-2023 BUSINESS_INITIATED/USER_INITIATED and anything else are unknown: reported, never guessed.
     */
    static Category category(String name) {
        if (name == null) return null;
        return switch (name.trim().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "MARKETING", "MARKETING_LITE" -> Category.MARKETING;
            case "AUTHENTICATION_INTERNATIONAL" -> Category.AUTHENTICATION_INTERNATIONAL;
            case "UTILITY" -> Category.UTILITY;
            case "AUTHENTICATION" -> Category.AUTHENTICATION;
            case "SERVICE" -> Category.SERVICE;
            case "REFERRAL_CONVERSION" -> Category.REFERRAL_CONVERSION;
            default -> null;
        };
    }

    /**
     * The type Meta's name stands for, or null when unknown. {@code FREE_ENTRY} (the name of the request filter) is
     * read as FREE_ENTRY_POINT.
     */
    static ConversationType type(String name) {
        if (name == null) return null;
        return switch (name.trim().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "REGULAR" -> ConversationType.REGULAR;
            case "FREE_TIER" -> ConversationType.FREE_TIER;
            case "FREE_ENTRY_POINT", "FREE_ENTRY" -> ConversationType.FREE_ENTRY_POINT;
            case "FREE_CUSTOMER_SERVICE" -> ConversationType.FREE_CUSTOMER_SERVICE;
            default -> null;
        };
    }

    /** The digits of a phone number ({@code +1 555-000 1111} → {@code 15550001111}); null when there are none. */
    static String phoneDigits(String phone) {
        if (phone == null) return null;
        StringBuilder b = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') b.append(c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Upper-case, trimmed country code; null when blank. */
    static String country(String country) {
        if (country == null) return null;
        String c = country.trim().toUpperCase(Locale.ROOT);
        return c.isEmpty() ? null : c;
    }
}
