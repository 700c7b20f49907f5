package com.wabill.invoicing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The invoice of one WABA for one calendar month of its zone (SPEC 3.2).
 *
 * @param wabaId           the WABA
 * @param period           the local calendar month
 * @param revision         1 for the first, n + 1 when a CLOSED invoice changed (see {@link InvoiceRevision})
 * @param currency         the WABA's currency
 * @param conversations    CBP conversations of the month, free ones included (PMP free entry point windows not counted)
 * @param messages         PMP-priced messages of the month, free ones included
 * @param billable         conversations and messages of those with an amount above zero
 * @param amount           {@code unroundedAmount} rounded half-up to the currency's minor unit
 * @param unroundedAmount  the exact sum of the line amounts
 * @param status           OPEN or CLOSED
 * @param lines            the lines, in {@link InvoiceLine#ORDER}
 */
public record Invoice(String wabaId, YearMonth period, int revision, Currency currency, long conversations,
                      long messages, long billable, BigDecimal amount, BigDecimal unroundedAmount,
                      InvoiceStatus status, List<InvoiceLine> lines) {

    public Invoice {
        Objects.requireNonNull(wabaId);
        Objects.requireNonNull(period);
        Objects.requireNonNull(currency);
        Objects.requireNonNull(amount);
        Objects.requireNonNull(unroundedAmount);
        Objects.requireNonNull(status);
        lines = List.copyOf(lines);
        if (revision < 1) throw new IllegalArgumentException("revisions count from 1, found " + revision);
    }

    /** The same invoice with another revision and status. */
    public Invoice with(int revision, InvoiceStatus status) {
        return new Invoice(wabaId, period, revision, currency, conversations, messages, billable, amount, unroundedAmount, status, lines);
    }

    /** Nothing in the month (SPEC: such a month has no invoice). */
    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
