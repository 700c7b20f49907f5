package com.wabill.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** An invoice is {@code CLOSED} once the billed UTC days reach the end of its month in the WABA's zone, {@code OPEN} before (SPEC 3.2). */
public enum InvoiceStatus {
    OPEN,
    CLOSED;

    /**
     * {@code CLOSED} when the end of the month (the first instant of the next local month) is at or
     * before the end of {@code lastBilledUtcDay} (the first instant of the next UTC day);
     * {@code OPEN} otherwise, and when nothing has been billed ({@code lastBilledUtcDay} null).
     */
    public static InvoiceStatus statusFor(YearMonth period, ZoneId zone, LocalDate lastBilledUtcDay) {
        if (lastBilledUtcDay == null) return OPEN;
        Instant endOfMonth = endOf(period, zone);
        Instant endOfBilled = lastBilledUtcDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfMonth.isAfter(endOfBilled) ? OPEN : CLOSED;
    }

    /** The first instant of the local month after {@code period} in {@code zone}. */
    public static Instant endOf(YearMonth period, ZoneId zone) {
        return period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of {@code period} in {@code zone}. */
    public static Instant startOf(YearMonth period, ZoneId zone) {
        return period.atDay(1).atStartOfDay(zone).toInstant();
    }
}
