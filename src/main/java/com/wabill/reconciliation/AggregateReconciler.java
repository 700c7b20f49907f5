package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Compares Meta's analytics with the replay's conversations (CBP) and messages (PMP), bucket by bucket (SPEC 4,
 * Aggregates).
 *
 * <p>Use: construct it with Meta's data points, {@link #accept} every replay item (any number, any order: only the
 * buckets' aggregates and the aggregates of items that fall in no bucket are kept), then {@link #finish()}.
 *
 * <p>Rules, beyond the SPEC's wording:
 * <ul>
 *   <li>A bucket is one data point, within its WABA and model (CBP data points hold conversations, PMP data points
 *       messages). Data points with the same WABA, model, interval, phone, country, category and type (as Meta splits
 *       a bucket by {@code tier}) are added together into one bucket.</li>
 *   <li>An item goes into the bucket of its WABA and model whose {@code [start, end)} holds its time and whose phone
 *       number (by digits), country (case-insensitive), category and type equal the item's. Should buckets of one key
 *       overlap (a DAILY and a MONTHLY export in one directory), the item goes into the one that starts latest (then
 *       ends first), so it is counted once.</li>
 *   <li>The phone dimension is used for a WABA only when every item of the WABA has a business phone number and every
 *       Meta data point of the WABA has one; otherwise the whole WABA (both models) is compared without it: Meta's
 *       data points of one interval, country, category and type are added across phone numbers, and the rows have
 *       an empty phone number.</li>
 *   <li>Rows per bucket: the replay has nothing in it → {@code MISSING_IN_LOGS} if Meta's count or cost is non-zero;
 *       counts differ → {@code COUNT_MISMATCH}; else amounts differ beyond the tolerance → {@code AMOUNT_MISMATCH}
 *       (not checked when Meta reported no cost). The tolerance is taken in the currency of the bucket's items.</li>
 *   <li>The exported period of a WABA and model is, per source file, from the earliest {@code start} to the latest
 *       {@code end} of its data points (unknown-category ones included); items inside none of these periods are not
 *       compared ({@link #notCompared()}). Items inside it but in no bucket are {@code MISSING_AT_META}, one row per
 *       WABA, model, phone number, country, category, type and local day in the WABA's time zone. A file with no
 *       data points exports no period.</li>
 *   <li>Data points whose category or type Meta names in a way the replay does not know are not compared: one
 *       {@code UNKNOWN_META_CATEGORY} row per WABA, model and name, with Meta's total count and cost. The replay's
 *       items they would hold then show up in their own buckets (for AUTHENTICATION_INTERNATIONAL: as
 *       AUTHENTICATION items Meta does not show), which is the difference to investigate.</li>
 * </ul>
 */
public final class AggregateReconciler implements Consumer<ReplayItem> {

    private final Function<String, ZoneId> zones;
    private final Map<String, ZoneId> zoneCache = new HashMap<>();
    private final Tolerance tolerance;

    private final Map<Dim, Cells> phoned = new HashMap<>();
    private final Map<Dim, Cells> merged = new HashMap<>();
    private final Map<WabaModel, List<Instant[]>> periods = new HashMap<>();
    private final Map<UnknownKey, Unknown> unknown = new LinkedHashMap<>();
    private final Set<String> mergedWabas = new HashSet<>(); // compared without the phone dimension
    private final Map<String, String> mergedReason = new HashMap<>();

    private final Map<MissingKey, Agg> missingPhoned = new HashMap<>();
    private final Map<MissingKey, Agg> missingMerged = new HashMap<>();
    private long compared;
    private long notCompared;
    private boolean finished;

    /** With the default tolerance (half the currency's minor unit). */
    public AggregateReconciler(Collection<MetaBucket> buckets, Function<String, ZoneId> zones) {
        this(buckets, zones, Tolerance.halfMinorUnit());
    }

    /**
     * @param buckets   Meta's data points (all WABAs, both models)
     * @param zones     the time zone of each WABA (for the days of {@code MISSING_AT_META}); null answers mean UTC
     * @param tolerance how far amounts may differ
     */
    public AggregateReconciler(Collection<MetaBucket> buckets, Function<String, ZoneId> zones, Tolerance tolerance) {
        this.zones = Objects.requireNonNull(zones, "zones");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        Map<WabaModelFile, Instant[]> filePeriods = new LinkedHashMap<>();
        for (MetaBucket b : buckets) {
            filePeriods.merge(new WabaModelFile(b.wabaId(), b.model(), b.sourceFile()),
                    new Instant[]{b.start(), b.end()},
                    (a, n) -> new Instant[]{min(a[0], n[0]), max(a[1], n[1])});
            if (!b.recognised()) {
                unknown.computeIfAbsent(UnknownKey.of(b), k -> new Unknown()).add(b);
                continue;
            }
            String phone = MetaNames.phoneDigits(b.phoneNumber());
            String country = MetaNames.country(b.country());
            if (phone == null) {
                merge(b.wabaId(), "Meta's export has no phone_number");
            } else {
                phoned.computeIfAbsent(new Dim(b.wabaId(), b.model(), phone, country, b.category(), b.type()),
                        Cells::new).add(b);
            }
            merged.computeIfAbsent(new Dim(b.wabaId(), b.model(), null, country, b.category(), b.type()),
                    Cells::new).add(b);
        }
        filePeriods.forEach((k, p) -> periods.computeIfAbsent(new WabaModel(k.waba(), k.model()),
                x -> new ArrayList<>()).add(p));
        phoned.values().forEach(Cells::index);
        merged.values().forEach(Cells::index);
    }

    /** Reconciles a whole stream of items. */
    public static List<Discrepancy> reconcile(Collection<MetaBucket> buckets, Stream<ReplayItem> items,
                                              Function<String, ZoneId> zones, Tolerance tolerance) {
        AggregateReconciler r = new AggregateReconciler(buckets, zones, tolerance);
        items.forEachOrdered(r);
        return r.finish();
    }

    /** Reconciles a whole collection of items. */
    public static List<Discrepancy> reconcile(Collection<MetaBucket> buckets, Iterable<? extends ReplayItem> items,
                                              Function<String, ZoneId> zones, Tolerance tolerance) {
        AggregateReconciler r = new AggregateReconciler(buckets, zones, tolerance);
        for (ReplayItem i : items) r.accept(i);
        return r.finish();
    }

    /** Counts one replay item into its bucket (or into the items Meta does not show). */
    @Override
    public void accept(ReplayItem item) {
        if (finished) throw new IllegalStateException("already finished");
        String waba = item.wabaId();
        PricingModel model = item.model();
        Instant at = item.at();
        if (!inExportedPeriod(waba, model, at)) {
            notCompared++;
            return;
        }
        compared++;
        String phone = MetaNames.phoneDigits(item.businessPhoneNumber());
        String country = MetaNames.country(item.country());
        if (phone == null) {
            merge(waba, "the logs lack business_phone_number");
        } else {
            Cell c = find(phoned, new Dim(waba, model, phone, country, item.category(), item.type()), at);
            if (c != null) c.replay.add(item);
            else missing(missingPhoned, waba, model, phone, country, item);
        }
        Cell c = find(merged, new Dim(waba, model, null, country, item.category(), item.type()), at);
        if (c != null) c.replay.add(item);
        else missing(missingMerged, waba, model, null, country, item);
    }

    /** Items compared so far (inside an exported period). */
    public long compared() {
        return compared;
    }

    /** Items outside every exported period, so not compared. */
    public long notCompared() {
        return notCompared;
    }

    /** The rows, in {@link Discrepancy#CANONICAL_ORDER}. */
    public List<Discrepancy> finish() {
        finished = true;
        List<Discrepancy> rows = new ArrayList<>();
        for (Cells cells : phoned.values()) {
            for (Cell c : cells.list) if (!mergedWabas.contains(c.dim.waba())) bucketRow(c, rows);
        }
        for (Cells cells : merged.values()) {
            for (Cell c : cells.list) if (mergedWabas.contains(c.dim.waba())) bucketRow(c, rows);
        }
        missingPhoned.forEach((k, a) -> {
            if (!mergedWabas.contains(k.waba())) rows.add(missingRow(k, a));
        });
        missingMerged.forEach((k, a) -> {
            if (mergedWabas.contains(k.waba())) rows.add(missingRow(k, a));
        });
        unknown.forEach((k, u) -> rows.add(unknownRow(k, u)));
        rows.sort(Discrepancy.CANONICAL_ORDER);
        return rows;
    }

    // ------------------------------------------------------------------ rows

    private void bucketRow(Cell c, List<Discrepancy> rows) {
        Agg r = c.replay;
        String unit = unit(c.dim.model());
        BigDecimal diff = c.cost == null ? null : c.cost.subtract(r.amount);
        DiscrepancyKind kind;
        String what;
        if (r.count == 0) {
            if (c.count == 0 && (c.cost == null || c.cost.signum() == 0)) return;
            kind = DiscrepancyKind.MISSING_IN_LOGS;
            what = "Meta counted " + c.count + " " + unit + (c.cost == null ? "" : " costing " + plain(c.cost))
                    + ", the replay has none in this data point";
        } else if (r.count != c.count) {
            kind = DiscrepancyKind.COUNT_MISMATCH;
            what = "Meta counted " + c.count + " " + unit + ", the replay " + r.count;
        } else if (c.cost != null && tolerance.exceeds(diff, r.currency)) {
            kind = DiscrepancyKind.AMOUNT_MISMATCH;
            what = "Meta's cost " + plain(c.cost) + ", the replay's " + plain(r.amount) + " for " + r.count + " "
                    + unit + " (tolerance " + plain(tolerance.amountFor(r.currency))
                    + (r.currency == null ? "" : " " + r.currency) + ")";
        } else {
            return;
        }
        StringBuilder detail = new StringBuilder(what);
        detail.append("; ").append(c.dim.model() == PricingModel.CBP ? "conversation_analytics" : "pricing_analytics")
                .append(" data point of ").append(files(c.files));
        if (c.dim.phone() == null) detail.append("; compared without the phone number (")
                .append(mergedReason.get(c.dim.waba())).append(")");
        if (c.cost == null) detail.append("; Meta reported no cost");
        if (r.count > 0) detail.append("; replay ").append(unit).append(": ").append(r.ids.describe());
        rows.add(new Discrepancy(kind, c.dim.waba(), c.dim.phone(), c.start, c.end, c.dim.country(),
                c.dim.category(), c.dim.type(), r.count, c.count, r.amount, c.cost, diff, detail.toString()));
    }

    private Discrepancy missingRow(MissingKey k, Agg a) {
        ZoneId zone = zone(k.waba());
        Instant start = k.day().atStartOfDay(zone).toInstant();
        Instant end = k.day().plusDays(1).atStartOfDay(zone).toInstant();
        String unit = unit(k.model());
        String detail = "the replay has " + a.count + " " + unit + " on " + k.day() + " (" + zone.getId()
                + ") that no Meta " + (k.model() == PricingModel.CBP ? "conversation_analytics" : "pricing_analytics")
                + " data point holds, inside the exported period"
                + (k.phone() == null ? "; compared without the phone number (" + mergedReason.get(k.waba()) + ")" : "")
                + "; replay " + unit + ": " + a.ids.describe();
        return new Discrepancy(DiscrepancyKind.MISSING_AT_META, k.waba(), k.phone(), start, end, k.country(),
                k.category(), k.type(), a.count, 0L, a.amount, BigDecimal.ZERO, a.amount.negate(), detail);
    }

    private Discrepancy unknownRow(UnknownKey k, Unknown u) {
        String detail = "Meta's " + k.label() + " is not a category the replay knows; not compared: "
                + u.points + " data point" + (u.points == 1 ? "" : "s") + ", " + u.count + " "
                + unit(k.model()) + (u.cost == null ? "" : ", cost " + plain(u.cost)) + ", in " + files(u.files)
                + "; the replay's items that Meta counted there show up in their own categories";
        return new Discrepancy(DiscrepancyKind.UNKNOWN_META_CATEGORY, k.waba(), null, u.start, u.end, null,
                k.category(), k.type(), null, u.count, null, u.cost, null, detail);
    }

    private static String unit(PricingModel model) {
        return model == PricingModel.CBP ? "conversation(s)" : "message(s)";
    }

    private static String plain(BigDecimal d) {
        return d.toPlainString();
    }

    private static String files(Set<String> files) {
        return files.isEmpty() ? "no file" : String.join(", ", files);
    }

    // ------------------------------------------------------------------ matching

    private void merge(String waba, String reason) {
        if (mergedWabas.add(waba)) mergedReason.put(waba, reason);
    }

    private boolean inExportedPeriod(String waba, PricingModel model, Instant at) {
        List<Instant[]> ps = periods.get(new WabaModel(waba, model));
        if (ps == null) return false;
        for (Instant[] p : ps) if (!at.isBefore(p[0]) && at.isBefore(p[1])) return true;
        return false;
    }

    private static Cell find(Map<Dim, Cells> index, Dim dim, Instant at) {
        Cells cells = index.get(dim);
        return cells == null ? null : cells.find(at);
    }

    private void missing(Map<MissingKey, Agg> map, String waba, PricingModel model, String phone, String country,
                         ReplayItem item) {
        LocalDate day = item.at().atZone(zone(waba)).toLocalDate();
        map.computeIfAbsent(new MissingKey(waba, model, phone, country, item.category(), item.type(), day),
                k -> new Agg()).add(item);
    }

    private ZoneId zone(String waba) {
        return zoneCache.computeIfAbsent(waba, w -> {
            ZoneId z = zones.apply(w);
            return z == null ? ZoneOffset.UTC : z;
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // ------------------------------------------------------------------ state

    /** The dimensions of a bucket besides its interval; phone null when compared per WABA. */
    private record Dim(String waba, PricingModel model, String phone, String country, Category category,
                       ConversationType type) {
    }

    private record WabaModel(String waba, PricingModel model) {
    }

    private record WabaModelFile(String waba, PricingModel model, Path file) {
    }

    private record MissingKey(String waba, PricingModel model, String phone, String country, Category category,
                              ConversationType type, LocalDate day) {
    }

    private record UnknownKey(String waba, PricingModel model, String label, Category category,
                              ConversationType type) {
        static UnknownKey of(MetaBucket b) {
            String cat = b.model() == PricingModel.CBP ? "conversation_category" : "pricing_category";
            String typ = b.model() == PricingModel.CBP ? "conversation_type" : "pricing_type";
            List<String> parts = new ArrayList<>(2);
            if (b.category() == null) parts.add(cat + " '" + norm(b.metaCategory()) + "'");
            if (b.type() == null) parts.add(typ + " '" + norm(b.metaType()) + "'");
            return new UnknownKey(b.wabaId(), b.model(), String.join(" with ", parts), b.category(), b.type());
        }

        private static String norm(String name) {
            return name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** What the replay put somewhere: count, amount, currency and the first few ids. */
    private static final class Agg {
        long count;
        BigDecimal amount = BigDecimal.ZERO;
        String currency;
        final IdSample ids = new IdSample();

        void add(ReplayItem i) {
            count++;
            amount = amount.add(i.amount());
            if (currency == null) currency = i.currency();
            ids.add(i.id(), i.at());
        }
    }

    /** One bucket: Meta's side (possibly several data points added together) and the replay's. */
    private static final class Cell {
        final Dim dim;
        final Instant start;
        final Instant end;
        long count;
        BigDecimal cost = BigDecimal.ZERO; // null once a data point without cost is added
        final Set<String> files = new TreeSet<>();
        final Agg replay = new Agg();

        Cell(Dim dim, Instant start, Instant end) {
            this.dim = dim;
            this.start = start;
            this.end = end;
        }

        void add(MetaBucket b) {
            count += b.count();
            cost = cost == null || b.cost() == null ? null : cost.add(b.cost());
            files.add(b.sourceFile() == null ? "(built in code)" : String.valueOf(b.sourceFile().getFileName()));
        }

        boolean holds(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    /** The buckets of one {@link Dim}, sorted by start (then end, latest first) for a binary search. */
    private static final class Cells {
        private final Map<List<Instant>, Cell> byInterval = new LinkedHashMap<>();
        private Cell[] list = new Cell[0];
        private boolean overlapping;
        private final Dim dim;

        Cells(Dim dim) {
            this.dim = dim;
        }

        void add(MetaBucket b) {
            byInterval.computeIfAbsent(List.of(b.start(), b.end()), k -> new Cell(dim, b.start(), b.end())).add(b);
        }

        void index() {
            list = byInterval.values().toArray(new Cell[0]);
            java.util.Arrays.sort(list, Comparator.comparing((Cell c) -> c.start)
                    .thenComparing((Cell c) -> c.end, Comparator.reverseOrder()));
            Instant maxEnd = null;
            for (Cell c : list) {
                if (maxEnd != null && c.start.isBefore(maxEnd)) overlapping = true;
                if (maxEnd == null || c.end.isAfter(maxEnd)) maxEnd = c.end;
            }
        }

        Cell find(Instant at) {
            int lo = 0, hi = list.length - 1, idx = -1; // last cell with start <= at
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (!list[mid].start.isAfter(at)) {
                    idx = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (idx < 0) return null;
            if (!overlapping) return list[idx].holds(at) ? list[idx] : null;
            for (int i = idx; i >= 0; i--) if (list[i].holds(at)) return list[i];
            return null;
        }
    }

    /** Meta's totals of data points with an unknown category or type. */
    private static final class Unknown {
        long points;
        long count;
        BigDecimal cost = BigDecimal.ZERO;
        Instant start;
        Instant end;
        final Set<String> files = new TreeSet<>();

        void add(MetaBucket b) {
            points++;
            count += b.count();
            cost = cost == null || b.cost() == null ? null : cost.add(b.cost());
            start = start == null ? b.start() : min(start, b.start());
            end = end == null ? b.end() : max(end, b.end());
            files.add(b.sourceFile() == null ? "(built in code)" : String.valueOf(b.sourceFile().getFileName()));
        }
    }
}
