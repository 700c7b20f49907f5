package com.wabill.reconciliation;

import com.wabill.engine.PricingModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one reconciliation compares: the (WABA, month) pairs in scope (months in the WABA's time zone, as invoices
 * and the ledger's {@code local_month} count them), and only what the ledger can answer for, i.e. the UTC days that
 * have been billed.
 *
 * <ul>
 *   <li>A Meta data point is compared when its whole interval lies in months in scope of its WABA and every UTC day
 *       it overlaps has been billed ({@link #select}). Meta's data for days not billed yet (a nightly run against an
 *       export of the whole month, an export that reaches past the last billed day) is left out instead of showing
 *       up as {@code MISSING_IN_LOGS}.</li>
 *   <li>A replay item is compared when its month is in scope and it does not lie inside the interval of a data point
 *       of its WABA and model that was left out ({@link #compares}): the replay's half of a data point that straddles
 *       the last billed day is not reported as {@code MISSING_AT_META}.</li>
 *   <li>An invoice is compared when its month is in scope and every UTC day of the month in the WABA's time zone has
 *       been billed ({@link #monthComplete}): Meta invoices whole months.</li>
 * </ul>
 */
public final class ReconciliationScope {

    private final Map<String, Set<YearMonth>> months;
    private final NavigableSet<LocalDate> billedDays;
    private final Function<String, ZoneId> zones;
    private final Map<String, ZoneId> zoneCache = new HashMap<>();
    private final Map<List<Object>, Intervals> excluded = new HashMap<>();

    /**
     * @param months     the months in scope per WABA
     * @param billedDays the UTC days billed (the ledger holds their results)
     * @param zones      each WABA's time zone (null answers mean UTC)
     */
    public ReconciliationScope(Map<String, ? extends Collection<YearMonth>> months, Collection<LocalDate> billedDays,
                               Function<String, ZoneId> zones) {
        Map<String, Set<YearMonth>> m = new TreeMap<>();
        months.forEach((w, ms) -> m.put(w, Collections.unmodifiableSet(new TreeSet<>(ms))));
        this.months = Collections.unmodifiableMap(m);
        this.billedDays = Collections.unmodifiableNavigableSet(new TreeSet<>(billedDays));
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    /** Parses {@code WABA|YYYY-MM} pairs, as the billing job keeps its touched months. */
    public static Map<String, Set<YearMonth>> parseWabaMonths(Collection<String> pairs) {
        Map<String, Set<YearMonth>> out = new TreeMap<>();
        for (String p : pairs) {
            int bar = p.lastIndexOf('|');
            if (bar <= 0) throw new IllegalArgumentException("not WABA|YYYY-MM: " + p);
            out.computeIfAbsent(p.substring(0, bar), w -> new TreeSet<>()).add(YearMonth.parse(p.substring(bar + 1)));
        }
        return out;
    }

    /**
     * The months of these WABAs (in each one's time zone) that the UTC days {@code from..to} (inclusive) touch.
     */
    public static Map<String, Set<YearMonth>> monthsTouching(Collection<String> wabas, LocalDate from, LocalDate to,
                                                             Function<String, ZoneId> zones) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Set<YearMonth>> out = new TreeMap<>();
        for (String w : new TreeSet<>(wabas)) addMonths(out, w, start, end, zoneOf(zones, w));
        return out;
    }

    /**
     * The (WABA, month) pairs that Meta's export covers: for each WABA of the analytics, the months from the
     * earliest start to the latest end of its data points; the WABA and period of every invoice line; and, for
     * each period that {@code invoices.csv} covers, every WABA that the ledger has in that month (so that a WABA
     * Meta did not invoice shows up).
     *
     * @param ledgerMonths the (WABA, month) pairs the ledger has, as {@code WABA|YYYY-MM}
     */
    public static Map<String, Set<YearMonth>> coveredBy(MetaBillingExport export, Collection<String> ledgerMonths,
                                                        Function<String, ZoneId> zones) {
        Map<String, Instant[]> spans = new TreeMap<>();
        for (MetaBucket b : export.buckets()) {
            spans.merge(b.wabaId(), new Instant[]{b.start(), b.end()}, (a, n) -> new Instant[]{
                    a[0].isBefore(n[0]) ? a[0] : n[0], a[1].isAfter(n[1]) ? a[1] : n[1]});
        }
        Map<String, Set<YearMonth>> out = new TreeMap<>();
        spans.forEach((w, s) -> addMonths(out, w, s[0], s[1], zoneOf(zones, w)));
        Set<YearMonth> invoiced = new TreeSet<>();
        for (MetaInvoiceLine l : export.invoiceLines()) {
            out.computeIfAbsent(l.wabaId(), w -> new TreeSet<>()).add(l.period());
            invoiced.add(l.period());
        }
        parseWabaMonths(ledgerMonths).forEach((w, ms) -> {
            for (YearMonth m : ms) if (invoiced.contains(m)) out.computeIfAbsent(w, x -> new TreeSet<>()).add(m);
        });
        return out;
    }

    private static void addMonths(Map<String, Set<YearMonth>> out, String waba, Instant start, Instant end, ZoneId z) {
        YearMonth last = YearMonth.from(end.minusNanos(1).atZone(z));
        Set<YearMonth> ms = out.computeIfAbsent(waba, w -> new TreeSet<>());
        for (YearMonth m = YearMonth.from(start.atZone(z)); !m.isAfter(last); m = m.plusMonths(1)) ms.add(m);
    }

    private static ZoneId zoneOf(Function<String, ZoneId> zones, String waba) {
        ZoneId z = zones.apply(waba);
        return z == null ? ZoneOffset.UTC : z;
    }

    /** The months in scope, per WABA (sorted). */
    public Map<String, Set<YearMonth>> months() {
        return months;
    }

    /** The (WABA, month) pairs as {@code WABA|YYYY-MM}, sorted. */
    public List<String> wabaMonths() {
        List<String> out = new ArrayList<>();
        months.forEach((w, ms) -> ms.forEach(m -> out.add(w + "|" + m)));
        return out;
    }

    public boolean inScope(String waba, YearMonth month) {
        Set<YearMonth> ms = months.get(waba);
        return ms != null && ms.contains(month);
    }

    /** The month is in scope and every UTC day it overlaps (in the WABA's time zone) has been billed. */
    public boolean monthComplete(String waba, YearMonth month) {
        if (!inScope(waba, month)) return false;
        ZoneId z = zone(waba);
        return allBilled(month.atDay(1).atStartOfDay(z).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(z).toInstant());
    }

    /** {@code [start, end)} lies in months in scope of the WABA, and every UTC day it overlaps has been billed. */
    public boolean covers(String waba, Instant start, Instant end) {
        ZoneId z = zone(waba);
        Instant last = end.minusNanos(1);
        YearMonth to = YearMonth.from(last.atZone(z));
        for (YearMonth m = YearMonth.from(start.atZone(z)); !m.isAfter(to); m = m.plusMonths(1)) {
            if (!inScope(waba, m)) return false;
        }
        return allBilled(start, end);
    }

    private boolean allBilled(Instant start, Instant end) {
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
        // every day in [first, last] is billed: the billed days in that range are exactly last - first + 1
        long needed = last.toEpochDay() - first.toEpochDay() + 1;
        return billedDays.subSet(first, true, last, true).size() == needed;
    }

    /**
     * The data points to compare; the intervals of the others are remembered, so that {@link #compares} leaves the
     * replay's items inside them out too.
     */
    public List<MetaBucket> select(Collection<MetaBucket> buckets) {
        List<MetaBucket> kept = new ArrayList<>(buckets.size());
        for (MetaBucket b : buckets) {
            if (covers(b.wabaId(), b.start(), b.end())) {
                kept.add(b);
            } else {
                excluded.computeIfAbsent(List.of(b.wabaId(), b.model()), k -> new Intervals()).add(b.start(), b.end());
            }
        }
        excluded.values().forEach(Intervals::index);
        return kept;
    }

    /** The item's month is in scope and it lies in no left-out data point of its WABA and model. */
    public boolean compares(ReplayItem item) {
        if (!inScope(item.wabaId(), YearMonth.from(item.at().atZone(zone(item.wabaId()))))) return false;
        Intervals x = excluded.get(List.of(item.wabaId(), item.model()));
        return x == null || !x.holds(item.at());
    }

    /** Whether an item of this WABA and model at this instant lies in a left-out data point. */
    public boolean excluded(String waba, PricingModel model, Instant at) {
        Intervals x = excluded.get(List.of(waba, model));
        return x != null && x.holds(at);
    }

    public ZoneId zone(String waba) {
        return zoneCache.computeIfAbsent(waba, w -> {
            ZoneId z = zones.apply(w);
            return z == null ? ZoneOffset.UTC : z;
        });
    }

    /** Disjoint sorted half-open intervals, merged from any added ones. */
    private static final class Intervals {
        private final List<Instant[]> added = new ArrayList<>();
        private Instant[] starts = new Instant[0];
        private Instant[] ends = new Instant[0];

        void add(Instant start, Instant end) {
            added.add(new Instant[]{start, end});
        }

        void index() {
            added.sort(Comparator.comparing((Instant[] a) -> a[0]));
            List<Instant[]> merged = new ArrayList<>();
            for (Instant[] a : added) {
                Instant[] lastOne = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (lastOne != null && !a[0].isAfter(lastOne[1])) {
                    if (a[1].isAfter(lastOne[1])) lastOne[1] = a[1];
                } else {
                    merged.add(new Instant[]{a[0], a[1]});
                }
            }
            starts = new Instant[merged.size()];
            ends = new Instant[merged.size()];
            for (int i = 0; i < merged.size(); i++) {
                starts[i] = merged.get(i)[0];
                ends[i] = merged.get(i)[1];
            }
        }

        boolean holds(Instant at) {
            int lo = 0, hi = starts.length - 1, idx = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (!starts[mid].isAfter(at)) {
                    idx = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return idx >= 0 && at.isBefore(ends[idx]);
        }
    }
}
