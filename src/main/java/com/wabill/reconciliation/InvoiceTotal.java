package com.wabill.reconciliation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Our monthly invoice total for a WABA (the latest revision of the invoice), as compared with Meta's invoice lines.
 *
 * @param period the calendar month in the WABA's time zone
 * @param amount the invoice total, already rounded to the currency's minor unit
 */
public record InvoiceTotal(String wabaId, YearMonth period, String currency, BigDecimal amount) {
    public InvoiceTotal {
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
