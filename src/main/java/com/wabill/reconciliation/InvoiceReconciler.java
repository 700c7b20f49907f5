package com.wabill.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares our monthly invoice totals with Meta's invoice lines (SPEC 4, Invoices).
 *
 * <ul>
 *   <li>Both sides are added up per WABA, month and currency (Meta may split a month into several lines); a month
 *       invoiced in two different currencies gives one row per currency, each missing on the other side.</li>
 *   <li>A side without a line counts as zero, and a difference beyond the tolerance of that currency
 *       ({@code INVOICE_MISMATCH}) is reported, so a missing invoice is reported unless it would be zero (Meta
 *       issues no invoice for a month without charges).</li>
 *   <li>What is compared: by default every WABA and month on Meta's side, and ours of the months that Meta's lines
 *       cover (any WABA has a line for that month): a month Meta has not invoiced yet, such as the current one, is
 *       not reported. A scope can narrow this (e.g. to the months a run touched).</li>
 *   <li>The period columns are the month in the WABA's time zone; the counts are empty.</li>
 * </ul>
 */
public final class InvoiceReconciler {

    private final Function<String, ZoneId> zones;
    private final Tolerance tolerance;

    public InvoiceReconciler(Function<String, ZoneId> zones) {
        this(zones, Tolerance.halfMinorUnit());
    }

    public InvoiceReconciler(Function<String, ZoneId> zones, Tolerance tolerance) {
        this.zones = Objects.requireNonNull(zones, "zones");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    }

    /** Compares with the default scope (see the class comment). */
    public List<Discrepancy> reconcile(Collection<InvoiceTotal> ours, Collection<MetaInvoiceLine> meta) {
        return reconcile(ours, meta, (waba, month) -> true);
    }

    /**
     * Compares only the WABAs and months in {@code scope}, within the default scope.
     *
     * @return the rows in {@link Discrepancy#CANONICAL_ORDER}
     */
    public List<Discrepancy> reconcile(Collection<InvoiceTotal> ours, Collection<MetaInvoiceLine> meta,
                                       BiPredicate<String, YearMonth> scope) {
        Set<YearMonth> covered = new HashSet<>();
        TreeMap<Key, BigDecimal[]> sums = new TreeMap<>();
        for (MetaInvoiceLine l : meta) {
            covered.add(l.period());
            if (!scope.test(l.wabaId(), l.period())) continue;
            BigDecimal[] s = sums.computeIfAbsent(new Key(l.wabaId(), l.period(), l.currency()), k -> new BigDecimal[2]);
            s[1] = s[1] == null ? l.amount() : s[1].add(l.amount());
        }
        for (InvoiceTotal t : ours) {
            if (!covered.contains(t.period()) || !scope.test(t.wabaId(), t.period())) continue;
            BigDecimal[] s = sums.computeIfAbsent(new Key(t.wabaId(), t.period(), t.currency()), k -> new BigDecimal[2]);
            s[0] = s[0] == null ? t.amount() : s[0].add(t.amount());
        }
        List<Discrepancy> rows = new ArrayList<>();
        sums.forEach((k, s) -> {
            BigDecimal expected = s[0] == null ? BigDecimal.ZERO : s[0];
            BigDecimal billed = s[1] == null ? BigDecimal.ZERO : s[1];
            BigDecimal diff = billed.subtract(expected);
            if (!tolerance.exceeds(diff, k.currency())) return;
            String detail;
            if (s[0] == null) {
                detail = "Meta invoiced " + billed.toPlainString() + " " + k.currency() + " for " + k.period()
                        + "; we have no invoice for that month";
            } else if (s[1] == null) {
                detail = "we invoiced " + expected.toPlainString() + " " + k.currency() + " for " + k.period()
                        + "; Meta's invoices.csv has no line for it";
            } else {
                detail = "invoice " + k.period() + " in " + k.currency() + ": ours " + expected.toPlainString()
                        + ", Meta's " + billed.toPlainString() + " (tolerance "
                        + tolerance.amountFor(k.currency()).toPlainString() + ")";
            }
            ZoneId zone = zones.apply(k.waba());
            if (zone == null) zone = ZoneOffset.UTC;
            Instant start = k.period().atDay(1).atStartOfDay(zone).toInstant();
            Instant end = k.period().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            rows.add(new Discrepancy(DiscrepancyKind.INVOICE_MISMATCH, k.waba(), null, start, end, null, null, null,
                    null, null, expected, billed, diff, detail));
        });
        rows.sort(Discrepancy.CANONICAL_ORDER);
        return rows;
    }

    private record Key(String waba, YearMonth period, String currency) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = waba.compareTo(o.waba);
            if (c == 0) c = period.compareTo(o.period);
            if (c == 0) c = currency.compareTo(o.currency);
            return c;
        }
    }
}
