package com.wabill.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.wabill.rating.AccountDirectory;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.MetaBillingExport;
import com.wabill.reconciliation.MetaBucket;
import com.wabill.reconciliation.MetaExportPlanter;
import com.wabill.reconciliation.MetaExportWriter;
import com.wabill.reconciliation.MetaInvoiceLine;
import com.wabill.reconciliation.MessagePricing;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.reconciliation.ReplayItem;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.ReconciliationReads;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Writes Meta's billing export (SPEC 1.5) for a billed ledger, with known differences planted in it, so that a
 * reconciliation has something to find. It reads the ledger's conversations (CBP) and priced messages (PMP) from
 * the database, writes what Meta would export for them ({@link MetaExportWriter}: DAILY data points on the WABA's
 * local days, {@code invoices.csv} of monthly totals), then plants the differences ({@link MetaExportPlanter}),
 * prints them and writes them to {@code <dir>/PLANTED.md} with the row each must give in
 * {@code discrepancies.csv} when the {@code reconcile} job runs against the directory.
 *
 * <pre>
 * java -Dloader.main=com.wabill.tools.PlantMetaExport -jar tools/target/wabill-tools.jar \
 *     jdbc:postgresql://localhost:5432/wabill sample-data/meta \
 *     [--user=postgres] [--password=…] [--accounts=sample-data/accounts.csv] \
 *     [--plant=extra-conversation,wrong-price,missing-bucket,phantom-bucket,invoice-cent | --plant=none]
 *     [--pricing-planted=wamid.A,wamid.B]
 * </pre>
 * {@code --pricing-planted} names the messages whose Meta per-message pricing {@code LogGenerator --plant-pricing}
 * changed in the logs (it prints their ids): PLANTED.md then also lists the PRICING_MISMATCH row each must give,
 * built from the ledger's priced message (WABA, phone number, local day, the replay's category, type and amount),
 * and the tool says when the ledger holds other per-message differences (logs and replay disagree).
 * The database may also be given as {@code embedded:.wabill/pgdata}: the embedded PostgreSQL that wabill runs
 * without {@code spring.datasource.url} is started on that data folder (while no wabill run uses it). Options may
 * also be written {@code --db=…} and {@code --out=…}. In the output directory the tool replaces {@code *.json},
 * {@code invoices.csv} and {@code PLANTED.md}, and leaves other files alone.
 *
 * <p>Only data points inside billed UTC days, and invoices of months whose days are all billed, are planted in:
 * the reconciliation compares nothing else. Differences of the conversation comparison come from the logs'
 * {@code meta_conversation_id}/{@code meta_conversation_category}, not from this export, so they cannot be
 * planted here.
 */
public final class PlantMetaExport {

    private PlantMetaExport() {
    }

    public static void main(String[] args) {
        quietLogging();
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("PlantMetaExport: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("PlantMetaExport: " + e);
            System.exit(1);
        }
    }

    /** Without Spring Boot, logback would print every DEBUG line of the embedded PostgreSQL and the driver. */
    private static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    static String usage() {
        return "usage: PlantMetaExport <jdbc-url | embedded:<pgdata-dir>> <output-dir> [--user=U] [--password=P]"
                + " [--accounts=accounts.csv] [--plant=" + MetaExportPlanter.Plant.labels() + " | none | all]";
    }

    /** Runs the tool; returns what was planted. */
    public static MetaExportPlanter.Result run(String[] args, PrintStream out) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("expected --name=value, got " + a);
                opts.put(a.substring(2, eq), a.substring(eq + 1));
            } else {
                positional.add(a);
            }
        }
        String db = opts.getOrDefault("db", positional.size() > 0 ? positional.get(0) : null);
        String dir = opts.getOrDefault("out", positional.size() > 1 ? positional.get(1) : null);
        if (db == null || dir == null) throw new IllegalArgumentException("give the database and the output directory");
        Path outDir = Path.of(dir);
        Path accountsCsv = Path.of(opts.getOrDefault("accounts", "sample-data/accounts.csv"));
        Set<MetaExportPlanter.Plant> plants = plants(opts.getOrDefault("plant", "all"));
        AccountDirectory accounts = AccountDirectory.load(accountsCsv);
        Function<String, ZoneId> zones = accounts::zone;

        List<ReplayItem> items = new ArrayList<>();
        List<MessagePricing> priced = new ArrayList<>();
        NavigableSet<LocalDate> billed;
        List<String> ledgerMonths;
        EmbeddedPostgres embedded = null;
        try {
            String url = db;
            String user = opts.get("user");
            String password = opts.get("password");
            if (db.startsWith("embedded:")) {
                embedded = EmbeddedPostgres.builder().setDataDirectory(Path.of(db.substring("embedded:".length())))
                        .setCleanDataDirectory(false).start();
                url = embedded.getJdbcUrl("postgres", "postgres");
                user = user == null ? "postgres" : user;
            }
            try (Connection c = user == null ? DriverManager.getConnection(url)
                    : DriverManager.getConnection(url, user, password)) {
                c.setAutoCommit(false);
                SingleConnectionDataSource ledgerDb = new SingleConnectionDataSource(c, true);
                ReconciliationReads ledger = new ReconciliationReads(ledgerDb);
                ledger.allItems(items::add);
                billed = new BilledDays(ledgerDb).all();
                ledgerMonths = ledger.ledgerMonths();
                ledger.pricedMessages(ReconciliationScope.parseWabaMonths(ledgerMonths), priced::add);
                c.rollback();
            }
        } finally {
            if (embedded != null) embedded.close();
        }
        if (items.isEmpty()) throw new IllegalStateException("the ledger at " + db + " has nothing billed");

        MetaExportWriter writer = new MetaExportWriter(zones);
        List<MetaBucket> clean = writer.buckets(items);
        List<MetaInvoiceLine> cleanLines = writer.invoiceLines(items);
        // what the reconcile job will compare: the months the export covers, on billed days
        Map<String, Set<YearMonth>> months = ReconciliationScope.coveredBy(
                new MetaBillingExport(clean, cleanLines), ledgerMonths, zones);
        ReconciliationScope scope = new ReconciliationScope(months, billed, zones);
        MetaExportPlanter planter = new MetaExportPlanter(zones,
                (w, at) -> accounts.accountAt(w, at).currency().getCurrencyCode(),
                b -> scope.covers(b.wabaId(), b.start(), b.end()), scope::monthComplete);
        MetaExportPlanter.Result planted = planter.plant(clean, cleanLines, plants);
        List<String> notPlanted = new ArrayList<>(planted.notPlanted());
        List<Row> rows = new ArrayList<>();
        for (MetaExportPlanter.Planted p : planted.planted()) rows.add(new Row(p.plant().label, p.description(), p.expected()));
        rows.addAll(pricingPlanted(opts.getOrDefault("pricing-planted", ""), priced, zones, notPlanted, out));
        MetaExportPlanter.Result result = new MetaExportPlanter.Result(planted.buckets(), planted.invoiceLines(),
                planted.planted(), notPlanted);

        Files.createDirectories(outDir);
        clearExport(outDir);
        MetaExportWriter.writeJson(outDir, result.buckets());
        MetaExportWriter.writeInvoices(outDir.resolve(MetaBillingExport.INVOICES_FILE), result.invoiceLines());
        String md = markdown(items.size(), rows, notPlanted);
        Files.writeString(outDir.resolve("PLANTED.md"), md, StandardCharsets.UTF_8);

        out.println("Wrote Meta's export of " + items.size() + " conversation(s) and message(s) to " + outDir + ": "
                + result.buckets().size() + " data point(s), " + result.invoiceLines().size() + " invoice line(s).");
        if (rows.isEmpty()) out.println("Planted nothing: a clean reconciliation is expected.");
        for (Row p : rows) out.println("Planted " + p.label() + ": " + p.description() + " -> " + row(p.expected()));
        for (String n : result.notPlanted()) out.println("Not planted: " + n);
        out.println("See " + outDir.resolve("PLANTED.md"));
        return result;
    }

    /**
     * Adds the PRICING_MISMATCH row of each message whose Meta pricing was planted in the logs: one message, so a
     * row of count 1 with the replay's category, type and amount, on the message's local day.
     */
    static List<Row> pricingPlanted(String ids, List<MessagePricing> priced, Function<String, ZoneId> zones,
            List<String> notPlanted, PrintStream out) {
        List<String> wanted = new ArrayList<>();
        for (String id : ids.split(",")) if (!id.isBlank()) wanted.add(id.trim());
        List<Row> planted = new ArrayList<>();
        Map<String, MessagePricing> byId = new LinkedHashMap<>();
        for (MessagePricing m : priced) byId.put(m.messageId(), m);
        for (String id : wanted) {
            MessagePricing m = byId.get(id);
            if (m == null) {
                notPlanted.add(PRICING_IN_LOGS + ": " + id
                        + " is not a priced message of the ledger with Meta's pricing");
                continue;
            }
            ZoneId zone = zones.apply(m.wabaId());
            LocalDate day = m.at().atZone(zone).toLocalDate();
            String phone = m.phoneNumber() == null ? null : m.phoneNumber().replaceAll("[^0-9]", "");
            Discrepancy expected = new Discrepancy(com.wabill.reconciliation.DiscrepancyKind.PRICING_MISMATCH,
                    m.wabaId(), phone, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
                    null, m.category(), m.type(), 1L, 1L, m.amount(), null, null, id);
            planted.add(new Row(PRICING_IN_LOGS, "in the logs, " + id
                    + ": Meta's pricing " + m.metaPricingCategory() + "/" + m.metaPricingType() + ", the replay's "
                    + m.category() + "/" + m.type(), expected));
        }
        // everything else must agree: otherwise the logs' Meta columns and the replay differ unplanned
        List<Discrepancy> all = com.wabill.reconciliation.MessagePricingReconciler.reconcile(priced, zones);
        long found = all.stream().mapToLong(Discrepancy::expectedCount).sum();
        if (found != wanted.size()) {
            String note = "the ledger holds " + found + " message(s) whose Meta pricing differs from the replay's, "
                    + wanted.size() + " planted: the logs' meta_pricing_* columns disagree with the replay elsewhere";
            notPlanted.add(note);
            out.println("WARNING: " + note);
        }
        return planted;
    }

    /** The label of a difference planted in the logs' Meta pricing columns (LogGenerator --plant-pricing). */
    static final String PRICING_IN_LOGS = "pricing-in-logs";

    /** A planted difference and the row of discrepancies.csv it must give. */
    record Row(String label, String description, Discrepancy expected) {
    }

    private static Set<MetaExportPlanter.Plant> plants(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("all") || s.isEmpty()) return EnumSet.allOf(MetaExportPlanter.Plant.class);
        if (s.equals("none")) return EnumSet.noneOf(MetaExportPlanter.Plant.class);
        Set<MetaExportPlanter.Plant> out = EnumSet.noneOf(MetaExportPlanter.Plant.class);
        for (String p : s.split(",")) out.add(MetaExportPlanter.Plant.of(p));
        return out;
    }

    private static void clearExport(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.toLowerCase(Locale.ROOT).endsWith(".json")
                        || name.equals(MetaBillingExport.INVOICES_FILE) || name.equals("PLANTED.md"))) {
                    Files.delete(f);
                }
            }
        }
    }

    static String row(Discrepancy d) {
        StringBuilder b = new StringBuilder(d.kind().name()).append(' ').append(d.wabaId());
        if (d.phoneNumber() != null) b.append(" phone ").append(d.phoneNumber());
        b.append(' ').append(d.periodStart()).append("..").append(d.periodEnd());
        if (d.country() != null) b.append(' ').append(d.country());
        if (d.category() != null) b.append(' ').append(d.category()).append('/').append(d.type());
        if (d.expectedCount() != null) b.append(" count ").append(d.expectedCount()).append(" vs ").append(d.billedCount());
        if (d.expectedAmount() != null) {
            b.append(" amount ").append(d.expectedAmount().toPlainString());
            if (d.billedAmount() != null) {
                b.append(" vs ").append(d.billedAmount().toPlainString()).append(" (difference ")
                        .append(d.difference().toPlainString()).append(')');
            }
        }
        return b.toString();
    }

    static String markdown(int items, List<Row> planted, List<String> notPlanted) {
        StringBuilder b = new StringBuilder();
        b.append("# Planted differences\n\n");
        b.append("Meta's export in this directory was written by `com.wabill.tools.PlantMetaExport` from the billed"
                + " ledger (").append(items).append(" conversations and messages), with the differences below planted"
                + " in it. Running the `reconcile` job against this directory (without `from`/`to`) must report each"
                + " of them as exactly the row shown, and nothing else from the analytics and invoices. Rows of the"
                + " conversation comparison come from the logs' `meta_conversation_id` and"
                + " `meta_conversation_category`, not from this directory; `pricing-in-logs` rows (PRICING_MISMATCH)"
                + " come from differences planted in the logs' `meta_pricing_category`/`meta_pricing_type` by"
                + " `LogGenerator --plant-pricing`.\n\n");
        if (planted.isEmpty()) {
            b.append("Nothing was planted: the reconciliation must be clean.\n");
        } else {
            b.append("| planted | what | kind | waba_id | phone_number | period_start | period_end | country | category"
                    + " | type | expected_count | billed_count | expected_amount | billed_amount | difference |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row p : planted) {
                Discrepancy d = p.expected();
                b.append("| ").append(p.label()).append(" | ").append(p.description().replace("|", "\\|"))
                        .append(" | ").append(d.kind()).append(" | ").append(d.wabaId()).append(" | ")
                        .append(s(d.phoneNumber())).append(" | ").append(s(d.periodStart())).append(" | ")
                        .append(s(d.periodEnd())).append(" | ").append(s(d.country())).append(" | ")
                        .append(s(d.category())).append(" | ").append(s(d.type())).append(" | ")
                        .append(s(d.expectedCount())).append(" | ").append(s(d.billedCount())).append(" | ")
                        .append(d.expectedAmount() == null ? "" : d.expectedAmount().toPlainString()).append(" | ")
                        .append(d.billedAmount() == null ? "" : d.billedAmount().toPlainString()).append(" | ")
                        .append(d.difference() == null ? "" : d.difference().toPlainString()).append(" |\n");
            }
        }
        if (!notPlanted.isEmpty()) {
            b.append("\nNot planted (nothing fitting in the ledger):\n\n");
            for (String n : notPlanted) b.append("- ").append(n).append('\n');
        }
        b.append("\nRe-create with `java -Dloader.main=com.wabill.tools.PlantMetaExport -jar tools/target/wabill-tools.jar <database>"
                + " <this directory> [--pricing-planted=<the ids LogGenerator printed>]` after billing the sample"
                + " data.\n");
        return b.toString();
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
