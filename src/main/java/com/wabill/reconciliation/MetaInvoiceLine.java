package com.wabill.reconciliation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/** One line of Meta's {@code invoices.csv} (SPEC 1.5): what Meta invoiced a WABA for a month. */
public record MetaInvoiceLine(String wabaId, YearMonth period, String currency, BigDecimal amount) {
    public MetaInvoiceLine {
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
