package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The inverse of {@link MetaBillingExport}: Meta-format analytics and {@code invoices.csv} built from replay items,
 * so that tests can check that the replay's own ledger reconciles clean, and so that sample data can plant
 * differences (build the buckets, change some, write them).
 *
 * <p>A test fixture, not in the application's jar: the reconciliation tests use it, and the tools module's
 * {@code PlantMetaExport} reaches it through the application's test jar.
 *
 * <p>Buckets are DAILY, one per WABA, model, phone number, country, category, type and day. By default a day is the
 * WABA's local day: Meta's own samples start their DAILY and MONTHLY buckets at the WABA's local midnight (07:00Z for
 * a Pacific WABA, 18:30Z for an Indian one). {@link #withUtcDays()} gives UTC days instead. The reconciler takes each
 * bucket's interval from the file, so it reads either. Phone numbers are written as digits; an item without one gives
 * a data point without {@code phone_number}. Costs are written exactly, as plain decimals.
 *
 * <p>Invoice lines are per WABA, calendar month of the WABA's time zone and currency: the items' amounts added up and
 * rounded half-up to the currency's minor unit once, at the total (SPEC 2.7); months whose total is zero get no line
 * (Meta issues no invoice then).
 */
public final class MetaExportWriter {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Function<String, ZoneId> zones;
    private final boolean utcDays;

    /** @param zones the time zone of each WABA (null answers mean UTC) */
    public MetaExportWriter(Function<String, ZoneId> zones) {
        this(zones, false);
    }

    private MetaExportWriter(Function<String, ZoneId> zones, boolean utcDays) {
        this.zones = Objects.requireNonNull(zones, "zones");
        this.utcDays = utcDays;
    }

    /** The same writer, with DAILY buckets on UTC days. */
    public MetaExportWriter withUtcDays() {
        return new MetaExportWriter(zones, true);
    }

    private ZoneId zone(String waba) {
        ZoneId z = zones.apply(waba);
        return z == null ? ZoneOffset.UTC : z;
    }

    /** The DAILY data points Meta would export for these items, sorted (WABA, model, start, dimensions). */
    public List<MetaBucket> buckets(Iterable<? extends ReplayItem> items) {
        record Key(String waba, PricingModel model, LocalDate day, String phone, String country, Category category,
                   ConversationType type) {
        }
        Map<Key, Object[]> sums = new HashMap<>();
        Map<String, ZoneId> dayZones = new HashMap<>();
        for (ReplayItem i : items) {
            ZoneId z = dayZones.computeIfAbsent(i.wabaId(), w -> utcDays ? ZoneOffset.UTC : zone(w));
            Key k = new Key(i.wabaId(), i.model(), i.at().atZone(z).toLocalDate(),
                    MetaNames.phoneDigits(i.businessPhoneNumber()), MetaNames.country(i.country()), i.category(),
                    i.type());
            Object[] s = sums.computeIfAbsent(k, x -> new Object[]{0L, BigDecimal.ZERO});
            s[0] = (Long) s[0] + 1;
            s[1] = ((BigDecimal) s[1]).add(i.amount());
        }
        List<MetaBucket> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> {
            ZoneId z = dayZones.get(k.waba());
            out.add(new MetaBucket(k.waba(), k.model(), k.day().atStartOfDay(z).toInstant(),
                    k.day().plusDays(1).atStartOfDay(z).toInstant(), k.phone(), k.country(), k.category(), k.type(),
                    (Long) s[0], (BigDecimal) s[1], null));
        });
        out.sort(BUCKET_ORDER);
        return out;
    }

    static final Comparator<MetaBucket> BUCKET_ORDER = Comparator
            .comparing(MetaBucket::wabaId)
            .thenComparing(MetaBucket::model)
            .thenComparing(MetaBucket::start)
            .thenComparing(MetaBucket::end)
            .thenComparing(MetaBucket::phoneNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(MetaBucket::country, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(b -> String.valueOf(b.metaCategory()))
            .thenComparing(b -> String.valueOf(b.metaType()));

    /** Meta's invoice lines for these items (see the class comment). */
    public List<MetaInvoiceLine> invoiceLines(Iterable<? extends ReplayItem> items) {
        record Key(String waba, YearMonth month, String currency) {
        }
        Map<Key, BigDecimal> sums = new LinkedHashMap<>();
        for (ReplayItem i : items) {
            String cur = i.currency() == null ? "USD" : i.currency();
            YearMonth m = YearMonth.from(i.at().atZone(zone(i.wabaId())));
            sums.merge(new Key(i.wabaId(), m, cur), i.amount(), BigDecimal::add);
        }
        List<MetaInvoiceLine> out = new ArrayList<>();
        sums.forEach((k, total) -> {
            BigDecimal rounded = total.setScale(Tolerance.fractionDigits(k.currency()), RoundingMode.HALF_UP);
            if (rounded.signum() != 0) out.add(new MetaInvoiceLine(k.waba(), k.month(), k.currency(), rounded));
        });
        out.sort(Comparator.comparing(MetaInvoiceLine::wabaId).thenComparing(MetaInvoiceLine::period)
                .thenComparing(MetaInvoiceLine::currency));
        return out;
    }

    /** Writes {@code <WABA_ID>.json} per WABA and {@code invoices.csv} for these items into {@code dir}. */
    public void write(Path dir, Iterable<? extends ReplayItem> items) throws IOException {
        writeJson(dir, buckets(items));
        writeInvoices(dir.resolve(MetaBillingExport.INVOICES_FILE), invoiceLines(items));
    }

    /**
     * Writes one response body per WABA, {@code <dir>/<WABA_ID>.json}, holding {@code conversation_analytics} for its
     * CBP buckets and {@code pricing_analytics} for its PMP buckets (in the order given).
     *
     * @return the files written
     */
    public static List<Path> writeJson(Path dir, Collection<MetaBucket> buckets) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<MetaBucket>> byWaba = new TreeMap<>();
        for (MetaBucket b : buckets) byWaba.computeIfAbsent(b.wabaId(), w -> new ArrayList<>()).add(b);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, List<MetaBucket>> e : byWaba.entrySet()) {
            Path f = dir.resolve(fileName(e.getKey()));
            Files.writeString(f, json(e.getKey(), e.getValue()), StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    /** The response body for one WABA (buckets of other WABAs are ignored). */
    public static String json(String wabaId, Collection<MetaBucket> buckets) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cbp = null, pmp = null;
        for (MetaBucket b : buckets) {
            if (!b.wabaId().equals(wabaId)) continue;
            boolean isCbp = b.model() == PricingModel.CBP;
            ArrayNode points;
            if (isCbp) {
                if (cbp == null) cbp = dataPoints(root, "conversation_analytics");
                points = cbp;
            } else {
                if (pmp == null) pmp = dataPoints(root, "pricing_analytics");
                points = pmp;
            }
            ObjectNode p = points.addObject();
            p.put("start", b.start().getEpochSecond());
            p.put("end", b.end().getEpochSecond());
            if (isCbp) p.put("conversation", b.count());
            else p.put("volume", b.count());
            if (b.phoneNumber() != null) p.put("phone_number", b.phoneNumber());
            if (b.country() != null) p.put("country", b.country());
            p.put(isCbp ? "conversation_type" : "pricing_type", b.metaType());
            p.put(isCbp ? "conversation_category" : "pricing_category", b.metaCategory());
            if (b.cost() != null) p.put("cost", b.cost());
        }
        root.put("id", wabaId);
        return JSON.writeValueAsString(root);
    }

    private static ArrayNode dataPoints(ObjectNode root, String name) {
        return root.putObject(name).putArray("data").addObject().putArray("data_points");
    }

    /** {@code invoices.csv}: {@code waba_id,period,currency,amount}. */
    public static void writeInvoices(Path file, Collection<MetaInvoiceLine> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeInvoices(w, lines);
        }
    }

    /** {@code invoices.csv} to a writer (not closed). */
    public static void writeInvoices(Writer w, Collection<MetaInvoiceLine> lines) throws IOException {
        w.write("waba_id,period,currency,amount" + Csv.EOL);
        for (MetaInvoiceLine l : lines) {
            w.write(Csv.field(l.wabaId()) + "," + l.period() + "," + l.currency() + ","
                    + l.amount().toPlainString() + Csv.EOL);
        }
        w.flush();
    }

    private static String fileName(String wabaId) {
        String safe = wabaId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe + ".json";
    }

}
