package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of {@code discrepancies.csv} (SPEC 4), column for column.
 * "Expected" is the replay's side, "billed" is Meta's; {@code difference} is billed − expected, in money.
 * Any column but {@code kind} and {@code wabaId} may be null (an empty CSV cell) when it does not apply.
 *
 * @param kind           what is reported
 * @param wabaId         the WhatsApp Business Account
 * @param phoneNumber    the business phone number (digits) of the Meta data point, or null when compared without it
 * @param periodStart    start of the period the row is about (a bucket, a local day, a month; inclusive)
 * @param periodEnd      end of that period (exclusive for buckets, days and months; for conversation rows the
 *                       latest event time named)
 * @param country        ISO 3166-1 alpha-2 code
 * @param category       conversation or pricing category (null when unknown, e.g. an unknown Meta category)
 * @param type           conversation or pricing type
 * @param expectedCount  the replay's number of conversations (CBP) or messages (PMP)
 * @param billedCount    Meta's number
 * @param expectedAmount the replay's amount
 * @param billedAmount   Meta's amount (null when Meta did not report a cost)
 * @param difference     billedAmount − expectedAmount (null when either is unknown)
 * @param detail         human-readable explanation naming the evidence (ids, files)
 */
public record Discrepancy(
        DiscrepancyKind kind,
        String wabaId,
        String phoneNumber,
        Instant periodStart,
        Instant periodEnd,
        String country,
        Category category,
        ConversationType type,
        Long expectedCount,
        Long billedCount,
        BigDecimal expectedAmount,
        BigDecimal billedAmount,
        BigDecimal difference,
        String detail) {

    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(wabaId, "wabaId");
    }

    private static final Comparator<String> STRINGS = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Instant> INSTANTS = Comparator.nullsFirst(Comparator.naturalOrder());

    /**
     * The order of {@code discrepancies.csv}: by kind (SPEC order), WABA, period start, period end, phone number,
     * country, category, type, then detail. Total on the columns, so the file is deterministic.
     */
    public static final Comparator<Discrepancy> CANONICAL_ORDER = Comparator
            .comparing(Discrepancy::kind)
            .thenComparing(Discrepancy::wabaId, STRINGS)
            .thenComparing(Discrepancy::periodStart, INSTANTS)
            .thenComparing(Discrepancy::periodEnd, INSTANTS)
            .thenComparing(Discrepancy::phoneNumber, STRINGS)
            .thenComparing(Discrepancy::country, STRINGS)
            .thenComparing(Discrepancy::category, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Discrepancy::type, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Discrepancy::detail, STRINGS)
            .thenComparing(d -> Objects.toString(d.expectedCount(), ""))
            .thenComparing(d -> Objects.toString(d.billedCount(), ""))
            .thenComparing(d -> d.expectedAmount() == null ? "" : d.expectedAmount().toPlainString())
            .thenComparing(d -> d.billedAmount() == null ? "" : d.billedAmount().toPlainString());

    /**
     * For the report: the largest money difference first (by absolute value; rows without a difference last),
     * then the largest count difference, then {@link #CANONICAL_ORDER}.
     */
    public static final Comparator<Discrepancy> LARGEST_FIRST = Comparator
            .comparing((Discrepancy d) -> d.difference() == null ? null : d.difference().abs(),
                    Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(Discrepancy::countGap, Comparator.reverseOrder())
            .thenComparing(CANONICAL_ORDER);

    /** |billedCount − expectedCount|, counting a missing side as 0. */
    public long countGap() {
        long e = expectedCount == null ? 0 : expectedCount;
        long b = billedCount == null ? 0 : billedCount;
        return Math.abs(b - e);
    }
}
