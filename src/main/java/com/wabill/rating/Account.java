package com.wabill.rating;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * A WhatsApp Business Account as billed (SPEC 1.4).
 *
 * @param wabaId           the WABA id
 * @param name             display name ("" when not given)
 * @param zone             billing days, months and rate changes follow it
 * @param currency         ISO 4217 currency of its rate cards, invoices and payments
 * @param paymentThreshold positive payment threshold (SPEC 3.3), or {@code null} for none
 * @param portfolioId      the business portfolio that volume tiers count across (default: the WABA itself)
 * @param known            the WABA has a row in accounts.csv ({@code false}: billed by the defaults, and the run warns)
 */
public record Account(String wabaId, String name, ZoneId zone, Currency currency,
                      BigDecimal paymentThreshold, String portfolioId, boolean known) {

    /** Time zone of a WABA without a row in accounts.csv. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
    /** Currency of a WABA without a row in accounts.csv. */
    public static final Currency DEFAULT_CURRENCY = Currency.getInstance("USD");

    public Account {
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(currency, "currency");
        if (name == null) name = "";
        if (portfolioId == null || portfolioId.isBlank()) portfolioId = wabaId;
        if (paymentThreshold != null && paymentThreshold.signum() <= 0) {
            throw new IllegalArgumentException("payment threshold must be positive: " + paymentThreshold);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
    }

    /** A known account without threshold, its own portfolio. */
    public static Account of(String wabaId, ZoneId zone, Currency currency) {
        return new Account(wabaId, "", zone, currency, null, wabaId, true);
    }

    /** The account of a WABA that accounts.csv does not list: UTC, USD, no threshold, its own portfolio. */
    public static Account unknown(String wabaId) {
        return new Account(wabaId, "", DEFAULT_ZONE, DEFAULT_CURRENCY, null, wabaId, false);
    }

    /** The same account with another payment threshold ({@code null}: none). */
    public Account withPaymentThreshold(BigDecimal threshold) {
        return new Account(wabaId, name, zone, currency, threshold, portfolioId, known);
    }

    public boolean hasPaymentThreshold() {
        return paymentThreshold != null;
    }
}
