package com.wabill.report;

import java.util.Set;

/**
 * Personal data is never printed whole: a contact's number is shown as its country calling code and its last four
 * digits, the rest starred: {@code 5511987650001} becomes {@code +55 *******0001}.
 *
 * <p>The calling code is found by the E.164 assignment rule: {@code 1} and {@code 7} are the one-digit codes, a
 * fixed list of two-digit codes follows, every other code has three digits. A number too short to hide anything
 * behind that rule shows only its last two digits.
 */
public final class ContactMask {

    /** The two-digit country calling codes of ITU-T E.164 (every other code outside 1 and 7 has three digits). */
    private static final Set<String> TWO_DIGIT = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private ContactMask() {
    }

    /**
     * The masked form of a contact number. Anything but digits is ignored ({@code +55 11 98765-0001} masks like
     * {@code 5511987650001}); {@code null} gives {@code null}, a value without digits {@code ***}.
     */
    public static String mask(String number) {
        if (number == null) return null;
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
        }
        int n = digits.length();
        if (n == 0) return "***";
        int cc = callingCodeLength(digits);
        if (n - cc - 4 >= 2) {
            // at least two digits hidden between the calling code and the last four
            return "+" + digits.substring(0, cc) + " " + "*".repeat(n - cc - 4) + digits.substring(n - 4);
        }
        int shown = Math.min(2, n / 2);
        return "+" + "*".repeat(n - shown) + digits.substring(n - shown);
    }

    /** The number of leading digits that form the country calling code (1 to 3). */
    static int callingCodeLength(CharSequence digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') return 1;
        if (digits.length() >= 2 && TWO_DIGIT.contains(digits.subSequence(0, 2).toString())) return 2;
        return Math.min(3, digits.length());
    }
}
