package com.wabill.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Money rules (SPEC 2.7): decimal amounts, compared by value ({@code 0} equals {@code 0.0000});
 * conversation and message amounts keep the rate's precision; totals are rounded to the
 * currency's minor unit, half-up, once, at the total.
 */
public final class Money {

    private Money() {
    }

    /** Digits of the currency's minor unit (USD 2, JPY 0, BHD 3). */
    public static int minorUnitDigits(Currency currency) {
        int d = currency.getDefaultFractionDigits();
        if (d < 0) throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        return d;
    }

    /** The minor unit as an amount (USD 0.01, JPY 1). */
    public static BigDecimal minorUnit(Currency currency) {
        return BigDecimal.ONE.movePointLeft(minorUnitDigits(currency));
    }

    /** Half the minor unit (USD 0.005): the default reconciliation tolerance per line. */
    public static BigDecimal halfMinorUnit(Currency currency) {
        return new BigDecimal(5).movePointLeft(minorUnitDigits(currency) + 1);
    }

    /** {@code total} rounded half-up (away from zero at .5) to the currency's minor unit. */
    public static BigDecimal roundTotal(BigDecimal total, Currency currency) {
        return total.setScale(minorUnitDigits(currency), RoundingMode.HALF_UP);
    }

    /** Equal by value; two nulls are equal. */
    public static boolean sameValue(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) return a == b;
        return a.compareTo(b) == 0;
    }

    /** Above zero (billable). */
    public static boolean isPositive(BigDecimal amount) {
        return amount != null && amount.signum() > 0;
    }
}
