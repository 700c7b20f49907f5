package com.wabill.invoicing;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/**
 * One invoice month: a WABA and a calendar month of its time zone ({@code period} is {@code YYYY-MM}, as in the
 * ledger's {@code invoice.period} and {@code local_month} columns). The outputs list what a run touched.
 */
public record WabaMonth(String wabaId, String period) implements Comparable<WabaMonth> {

    private static final Comparator<WabaMonth> ORDER =
            Comparator.comparing(WabaMonth::wabaId).thenComparing(WabaMonth::period);

    public WabaMonth {
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(period, "period");
    }

    public static WabaMonth of(String wabaId, YearMonth month) {
        return new WabaMonth(wabaId, month.toString());
    }

    @Override
    public int compareTo(WabaMonth o) {
        return ORDER.compare(this, o);
    }
}
