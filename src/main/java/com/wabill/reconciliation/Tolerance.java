package com.wabill.reconciliation;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * How far two amounts may differ before a row is reported (SPEC 4). The default is half the currency's minor unit
 * per compared line ({@code 0.005} for USD, {@code 0.5} for JPY), so that a side that rounded each line to the minor
 * unit still matches. A difference equal to the tolerance is within it.
 */
public final class Tolerance {

    private final BigDecimal fixed; // null: half the currency's minor unit

    private Tolerance(BigDecimal fixed) {
        this.fixed = fixed;
    }

    private static final Tolerance HALF_MINOR_UNIT = new Tolerance(null);

    /** The default: half the minor unit ({@link Currency#getDefaultFractionDigits()}) of each line's currency. */
    public static Tolerance halfMinorUnit() {
        return HALF_MINOR_UNIT;
    }

    /** The same absolute tolerance for every currency (0 reports any difference). */
    public static Tolerance fixed(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) throw new IllegalArgumentException("tolerance must not be negative: " + amount);
        return new Tolerance(amount);
    }

    /**
     * The tolerance for an amount in the given ISO 4217 currency. An unknown or null currency is treated as having
     * two fraction digits.
     */
    public BigDecimal amountFor(String currencyCode) {
        if (fixed != null) return fixed;
        return new BigDecimal("5").movePointLeft(fractionDigits(currencyCode) + 1);
    }

    /** True when |difference| is beyond the tolerance for the currency. */
    public boolean exceeds(BigDecimal difference, String currencyCode) {
        return difference != null && difference.abs().compareTo(amountFor(currencyCode)) > 0;
    }

    static int fractionDigits(String currencyCode) {
        if (currencyCode == null) return 2;
        try {
            int d = Currency.getInstance(currencyCode.trim().toUpperCase(java.util.Locale.ROOT)).getDefaultFractionDigits();
            return d < 0 ? 0 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    @Override
    public String toString() {
        return fixed == null ? "half the currency's minor unit" : fixed.toPlainString();
    }
}
