package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Plants known differences into a clean Meta export (one built by {@link MetaExportWriter} from the ledger), and
 * says which row of {@code discrepancies.csv} each must give, so that sample data and tests know what a
 * reconciliation has to find.
 *
 * <p>Each plant takes its own data point, chosen deterministically (data points in {@link MetaExportWriter}'s
 * order) among those the reconciliation will compare ({@code comparable}: inside the billed days) and with a
 * different (WABA, model, interval, country, category, type) from the others, so that each planted difference is
 * exactly one row. A plant that finds no data point that fits is left out and said so.
 */
public final class MetaExportPlanter {

    /** What can be planted. */
    public enum Plant {
        /** One conversation (CBP) or message (PMP) more at Meta in a data point, at its unit cost: COUNT_MISMATCH. */
        EXTRA_CONVERSATION("extra-conversation"),
        /** A data point's cost one minor unit (0.01 USD) too high: AMOUNT_MISMATCH. */
        WRONG_PRICE("wrong-price"),
        /** A data point Meta's export lacks: MISSING_AT_META. */
        MISSING_BUCKET("missing-bucket"),
        /** A data point of a category the replay has nothing of on that day: MISSING_IN_LOGS. */
        PHANTOM_BUCKET("phantom-bucket"),
        /** One of Meta's invoice lines one minor unit too high: INVOICE_MISMATCH. */
        INVOICE_CENT("invoice-cent");

        public final String label;

        Plant(String label) {
            this.label = label;
        }

        public static Plant of(String label) {
            for (Plant p : values()) if (p.label.equalsIgnoreCase(label.trim()) || p.name().equalsIgnoreCase(label.trim())) return p;
            throw new IllegalArgumentException("unknown plant '" + label + "'; known: " + labels());
        }

        public static String labels() {
            List<String> out = new ArrayList<>();
            for (Plant p : values()) out.add(p.label);
            return String.join(", ", out);
        }
    }

    /** A planted difference and the row it must give (its detail left empty). */
    public record Planted(Plant plant, String description, Discrepancy expected) {
    }

    /** The planted export. */
    public record Result(List<MetaBucket> buckets, List<MetaInvoiceLine> invoiceLines, List<Planted> planted,
                         List<String> notPlanted) {
    }

    private final Function<String, ZoneId> zones;
    private final java.util.function.BiFunction<String, java.time.Instant, String> currencies;
    private final Predicate<MetaBucket> comparable;
    private final BiPredicate<String, YearMonth> invoiceComparable;

    /**
     * @param zones             each WABA's time zone
     * @param currencies        each WABA's currency (ISO 4217), for the size of a minor unit
     * @param comparable        the data points a reconciliation will compare (inside its scope)
     * @param invoiceComparable the invoices a reconciliation will compare (complete months in its scope)
     */
    public MetaExportPlanter(Function<String, ZoneId> zones, Function<String, String> currencies,
                             Predicate<MetaBucket> comparable, BiPredicate<String, YearMonth> invoiceComparable) {
        this(zones, (w, at) -> currencies.apply(w), comparable, invoiceComparable);
        Objects.requireNonNull(currencies);
    }

    /**
     * As above, with the currency of the account row in force at an instant (SPEC 1.4: a WABA may change currency),
     * asked at a data point's start.
     */
    public MetaExportPlanter(Function<String, ZoneId> zones,
                             java.util.function.BiFunction<String, java.time.Instant, String> currencies,
                             Predicate<MetaBucket> comparable, BiPredicate<String, YearMonth> invoiceComparable) {
        this.zones = Objects.requireNonNull(zones);
        this.currencies = Objects.requireNonNull(currencies);
        this.comparable = Objects.requireNonNull(comparable);
        this.invoiceComparable = Objects.requireNonNull(invoiceComparable);
    }

    /** Plants the given differences into the clean buckets and invoice lines (which are not changed). */
    public Result plant(List<MetaBucket> cleanBuckets, List<MetaInvoiceLine> cleanLines, Collection<Plant> plants) {
        Set<Plant> todo = plants.isEmpty() ? EnumSet.noneOf(Plant.class) : EnumSet.copyOf(plants);
        List<MetaBucket> buckets = new ArrayList<>(cleanBuckets);
        buckets.sort(MetaExportWriter.BUCKET_ORDER);
        List<MetaBucket> before = List.copyOf(buckets);
        List<MetaInvoiceLine> lines = new ArrayList<>(cleanLines);
        List<String> notPlanted = new ArrayList<>();
        List<Object[]> done = new ArrayList<>(); // {plant, description, bucket key or invoice}
        Set<List<Object>> used = new HashSet<>();
        Set<String> mergedWabas = new HashSet<>();
        for (MetaBucket b : before) if (b.phoneNumber() == null) mergedWabas.add(b.wabaId());

        // data points whose removal keeps the exported period of their WABA and model as it is
        Map<List<Object>, Instant[]> periods = new HashMap<>();
        for (MetaBucket b : before) {
            periods.merge(List.of(b.wabaId(), b.model()), new Instant[]{b.start(), b.end()},
                    (a, n) -> new Instant[]{a[0].isBefore(n[0]) ? a[0] : n[0], a[1].isAfter(n[1]) ? a[1] : n[1]});
        }

        if (todo.contains(Plant.MISSING_BUCKET)) {
            MetaBucket b = pick(before, used, PricingModel.CBP, x -> x.cost() != null && x.cost().signum() > 0
                    && x.count() > 0 && inside(x, periods));
            if (b == null) {
                notPlanted.add(Plant.MISSING_BUCKET.label + ": no data point strictly inside the exported period");
            } else {
                buckets.remove(b);
                done.add(new Object[]{Plant.MISSING_BUCKET, "removed the data point " + describe(b), b});
            }
        }
        if (todo.contains(Plant.EXTRA_CONVERSATION)) {
            MetaBucket b = pick(before, used, PricingModel.CBP, x -> x.cost() != null && x.cost().signum() > 0
                    && x.count() > 0);
            if (b == null) {
                notPlanted.add(Plant.EXTRA_CONVERSATION.label + ": no charged data point to add to");
            } else {
                BigDecimal unit = unit(b);
                replace(buckets, b, b.withCount(b.count() + 1).withCost(b.cost().add(unit)));
                done.add(new Object[]{Plant.EXTRA_CONVERSATION, "one " + unitName(b) + " more at Meta, costing "
                        + unit.toPlainString() + ", in " + describe(b), b});
            }
        }
        if (todo.contains(Plant.WRONG_PRICE)) {
            MetaBucket b = pick(before, used, PricingModel.PMP, x -> x.cost() != null && x.cost().signum() > 0
                    && x.count() > 0);
            if (b == null) {
                notPlanted.add(Plant.WRONG_PRICE.label + ": no charged data point to change");
            } else {
                BigDecimal minor = minorUnit(currencies.apply(b.wabaId(), b.start()));
                replace(buckets, b, b.withCost(b.cost().add(minor)));
                done.add(new Object[]{Plant.WRONG_PRICE, "cost " + minor.toPlainString() + " too high in "
                        + describe(b), b});
            }
        }
        if (todo.contains(Plant.PHANTOM_BUCKET)) {
            MetaBucket phantom = null;
            MetaBucket from = null;
            for (MetaBucket b : before) {
                if (!comparable.test(b) || b.count() == 0 || b.cost() == null) continue;
                for (Category c : List.of(Category.AUTHENTICATION, Category.UTILITY, Category.MARKETING)) {
                    MetaBucket p = new MetaBucket(b.wabaId(), b.model(), b.start(), b.end(), b.phoneNumber(),
                            b.country(), c, ConversationType.REGULAR, 1, unit(b).signum() > 0 ? unit(b)
                            : new BigDecimal("0.01"), null);
                    boolean taken = false;
                    for (MetaBucket o : before) taken |= mergedKey(o).equals(mergedKey(p));
                    if (!taken && !used.contains(mergedKey(p))) {
                        phantom = p;
                        from = b;
                        break;
                    }
                }
                if (phantom != null) break;
            }
            if (phantom == null) {
                notPlanted.add(Plant.PHANTOM_BUCKET.label + ": no interval with a free category");
            } else {
                used.add(mergedKey(phantom));
                buckets.add(phantom);
                done.add(new Object[]{Plant.PHANTOM_BUCKET, "added a data point the replay has nothing in: "
                        + describe(phantom) + " (beside " + describe(from) + ")", phantom});
            }
        }
        List<Planted> planted = new ArrayList<>();
        if (todo.contains(Plant.INVOICE_CENT)) {
            MetaInvoiceLine line = null;
            for (MetaInvoiceLine l : lines) {
                if (invoiceComparable.test(l.wabaId(), l.period())) {
                    line = l;
                    break;
                }
            }
            if (line == null) {
                notPlanted.add(Plant.INVOICE_CENT.label + ": no invoice of a complete billed month");
            } else {
                BigDecimal minor = minorUnit(line.currency());
                MetaInvoiceLine off = new MetaInvoiceLine(line.wabaId(), line.period(), line.currency(),
                        line.amount().add(minor));
                lines.set(lines.indexOf(line), off);
                ZoneId z = zone(line.wabaId());
                planted.add(new Planted(Plant.INVOICE_CENT, "invoice " + line.wabaId() + " " + line.period() + " "
                        + line.amount().toPlainString() + " -> " + off.amount().toPlainString() + " " + line.currency(),
                        new Discrepancy(DiscrepancyKind.INVOICE_MISMATCH, line.wabaId(), null,
                                line.period().atDay(1).atStartOfDay(z).toInstant(),
                                line.period().plusMonths(1).atDay(1).atStartOfDay(z).toInstant(), null, null, null,
                                null, null, line.amount(), off.amount(), minor, null)));
            }
        }
        for (Object[] d : done) {
            MetaBucket b = (MetaBucket) d[2];
            planted.add(new Planted((Plant) d[0], (String) d[1], expectedRow(b, before, buckets,
                    mergedWabas.contains(b.wabaId()))));
        }
        planted.sort(Comparator.comparing((Planted p) -> p.plant().ordinal()));
        buckets.sort(MetaExportWriter.BUCKET_ORDER);
        return new Result(List.copyOf(buckets), List.copyOf(lines), List.copyOf(planted), List.copyOf(notPlanted));
    }

    /** The first comparable, unused data point matching, of the preferred model if there is one. */
    private MetaBucket pick(List<MetaBucket> buckets, Set<List<Object>> used, PricingModel preferred,
                            Predicate<MetaBucket> fits) {
        MetaBucket other = null;
        for (MetaBucket b : buckets) {
            if (!b.recognised() || !comparable.test(b) || !fits.test(b) || used.contains(mergedKey(b))) continue;
            if (b.model() == preferred) {
                used.add(mergedKey(b));
                return b;
            }
            if (other == null) other = b;
        }
        if (other != null) used.add(mergedKey(other));
        return other;
    }

    private static boolean inside(MetaBucket b, Map<List<Object>, Instant[]> periods) {
        Instant[] p = periods.get(List.of(b.wabaId(), b.model()));
        return p[0].isBefore(b.start()) && b.end().isBefore(p[1]);
    }

    /** The row the reconciler gives for the cell of {@code b}, comparing the clean buckets (the replay) with the planted ones. */
    private Discrepancy expectedRow(MetaBucket b, List<MetaBucket> replay, List<MetaBucket> meta, boolean merged) {
        long[] rc = {0};
        BigDecimal[] ra = {BigDecimal.ZERO};
        long[] mc = {0};
        BigDecimal[] ma = {BigDecimal.ZERO};
        boolean[] metaAny = {false};
        for (MetaBucket x : replay) {
            if (sameCell(x, b, merged)) {
                rc[0] += x.count();
                ra[0] = ra[0].add(x.cost());
            }
        }
        for (MetaBucket x : meta) {
            if (sameCell(x, b, merged)) {
                metaAny[0] = true;
                mc[0] += x.count();
                ma[0] = ma[0].add(x.cost());
            }
        }
        String phone = merged ? null : MetaNames.phoneDigits(b.phoneNumber());
        String country = MetaNames.country(b.country());
        if (!metaAny[0]) {
            return new Discrepancy(DiscrepancyKind.MISSING_AT_META, b.wabaId(), phone, b.start(), b.end(), country,
                    b.category(), b.type(), rc[0], 0L, ra[0], BigDecimal.ZERO, ra[0].negate(), null);
        }
        DiscrepancyKind kind = rc[0] == 0 ? DiscrepancyKind.MISSING_IN_LOGS
                : rc[0] != mc[0] ? DiscrepancyKind.COUNT_MISMATCH : DiscrepancyKind.AMOUNT_MISMATCH;
        return new Discrepancy(kind, b.wabaId(), phone, b.start(), b.end(), country, b.category(), b.type(), rc[0],
                mc[0], ra[0], ma[0], ma[0].subtract(ra[0]), null);
    }

    private static boolean sameCell(MetaBucket x, MetaBucket b, boolean merged) {
        return x.wabaId().equals(b.wabaId()) && x.model() == b.model() && x.start().equals(b.start())
                && x.end().equals(b.end()) && Objects.equals(MetaNames.country(x.country()), MetaNames.country(b.country()))
                && x.category() == b.category() && x.type() == b.type()
                && (merged || Objects.equals(MetaNames.phoneDigits(x.phoneNumber()), MetaNames.phoneDigits(b.phoneNumber())));
    }

    private static List<Object> mergedKey(MetaBucket b) {
        return List.of(b.wabaId(), b.model(), b.start(), b.end(), String.valueOf(MetaNames.country(b.country())),
                String.valueOf(b.category()), String.valueOf(b.type()));
    }

    private static void replace(List<MetaBucket> buckets, MetaBucket old, MetaBucket now) {
        buckets.set(buckets.indexOf(old), now);
    }

    /** The cost of one conversation or message of the data point (they share a rate within a local day). */
    static BigDecimal unit(MetaBucket b) {
        if (b.cost() == null || b.count() == 0) return BigDecimal.ZERO;
        BigDecimal n = BigDecimal.valueOf(b.count());
        try {
            return b.cost().divide(n);
        } catch (ArithmeticException e) {
            return b.cost().divide(n, MathContext.DECIMAL64).setScale(Math.max(b.cost().scale(), 4),
                    RoundingMode.HALF_UP);
        }
    }

    static BigDecimal minorUnit(String currency) {
        return BigDecimal.ONE.movePointLeft(Tolerance.fractionDigits(currency));
    }

    private static String unitName(MetaBucket b) {
        return b.model() == PricingModel.CBP ? "conversation" : "message";
    }

    private ZoneId zone(String waba) {
        ZoneId z = zones.apply(waba);
        return z == null ? ZoneOffset.UTC : z;
    }

    private static String describe(MetaBucket b) {
        return b.analyticsName() + " " + b.wabaId() + " " + b.start() + ".." + b.end()
                + (b.phoneNumber() == null ? "" : " phone " + b.phoneNumber()) + " " + b.country() + " "
                + b.metaCategory() + "/" + b.metaType() + " (" + b.count() + " " + unitName(b) + "(s), cost "
                + (b.cost() == null ? "none" : b.cost().toPlainString()) + ")";
    }
}
