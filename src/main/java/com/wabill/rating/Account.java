package com.wabill.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * A WhatsApp Business Account as billed (SPEC 1.4): one row of accounts.csv, in force from its
 * {@code effectiveFrom} (local date in the WABA's zone) until the WABA's next row.
 *
 * @param wabaId                the WABA id
 * @param name                  display name ("" when not given)
 * @param zone                  billing days, months and rate changes follow it (the same in every row of a WABA)
 * @param currency              ISO 4217 currency of its rate cards, invoices and payments while the row is in force
 * @param paymentThreshold      positive payment threshold in {@code currency} (SPEC 3.3), or {@code null} for none
 * @param portfolioId           the business portfolio that volume tiers count across (default: the WABA itself)
 * @param known                 the WABA is billed by a row of accounts.csv ({@code false}: by the defaults, and the
 *                              run warns: a WABA without a row, or an instant before the WABA's earliest row)
 * @param primaryCountry        ISO 3166-1 alpha-2 code of the business's primary location (SPEC 2.11), or null
 * @param authInternationalFrom first local date of authentication-international rates (SPEC 2.11), or null
 * @param effectiveFrom         first local date of the row, or null for "always"
 */
public record Account(String wabaId, String name, ZoneId zone, Currency currency,
                      BigDecimal paymentThreshold, String portfolioId, boolean known,
                      String primaryCountry, LocalDate authInternationalFrom, LocalDate effectiveFrom) {

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
        if (primaryCountry != null && primaryCountry.isBlank()) primaryCountry = null;
        if (paymentThreshold != null && paymentThreshold.signum() <= 0) {
            throw new IllegalArgumentException("payment threshold must be positive: " + paymentThreshold);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
    }

    /** A row without the columns of SPEC 2.11, in force always. */
    public Account(String wabaId, String name, ZoneId zone, Currency currency, BigDecimal paymentThreshold,
                   String portfolioId, boolean known) {
        this(wabaId, name, zone, currency, paymentThreshold, portfolioId, known, null, null, null);
    }

    /** A known account without threshold, its own portfolio. */
    public static Account of(String wabaId, ZoneId zone, Currency currency) {
        return new Account(wabaId, "", zone, currency, null, wabaId, true);
    }

    /** The account of a WABA that accounts.csv does not list: UTC, USD, no threshold, its own portfolio. */
    public static Account unknown(String wabaId) {
        return new Account(wabaId, "", DEFAULT_ZONE, DEFAULT_CURRENCY, null, wabaId, false);
    }

    /**
     * How a WABA is billed before its earliest row (SPEC 1.4): as a WABA without a row (USD, no threshold, its own
     * portfolio, no 2.11), but in the zone of its rows.
     */
    public static Account beforeFirstRow(String wabaId, ZoneId zone) {
        return new Account(wabaId, "", zone, DEFAULT_CURRENCY, null, wabaId, false);
    }

    /** The same account with another payment threshold ({@code null}: none). */
    public Account withPaymentThreshold(BigDecimal threshold) {
        return new Account(wabaId, name, zone, currency, threshold, portfolioId, known, primaryCountry,
                authInternationalFrom, effectiveFrom);
    }

    public boolean hasPaymentThreshold() {
        return paymentThreshold != null;
    }

    /** Both columns of SPEC 2.11 are given: the business is eligible for authentication-international rates. */
    public boolean authInternationalEligible() {
        return primaryCountry != null && authInternationalFrom != null;
    }
}
