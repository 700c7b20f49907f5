package com.wabill.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.parquet.MessageLogWriter;
import com.wabill.parquet.ParquetTableReader;
import com.wabill.rating.AccountDirectory;
import com.wabill.job.JobTestBase;
import com.wabill.job.JobTestSupport;
import com.wabill.job.SharedJobContext;
import com.wabill.job.RunCounters;
import com.wabill.tools.PlantMetaExport;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Reconciliation through the real jobs: a generated thread set ({@link ThreadSet}) written as a Parquet log, billed
 * by the {@code billing} job into an embedded PostgreSQL; Meta's export generated from that ledger with
 * {@link MetaExportWriter} reconciles clean; then each kind of difference, planted one at a time, is reported exactly
 * once with the right kind and amounts, and nothing else; the {@code reconcile} job compares a changed export again
 * without billing; {@link PlantMetaExport} plants what it says it plants; a malformed export fails the step.
 *
 * <p>The tests run in order and share the database: each one leaves the clean logs and export behind.
 */
@SharedJobContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationJobTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;
    static final Path META = ROOT.resolve("meta");
    static final Path CSV = ROOT.resolve("out").resolve("discrepancies.csv");
    /** Whole months in both zones: June and July 2025 in São Paulo (UTC-3) and Oslo (UTC+2). */
    static final LocalDate FROM = LocalDate.parse("2025-05-31");
    static final LocalDate TO = LocalDate.parse("2025-08-01");

    @Autowired
    DataSource dataSource;

    Function<String, ZoneId> zones;
    List<Map<String, Object>> plainRows;
    /** message id → {meta_conversation_id, meta_conversation_category}, as Meta's webhooks would say. */
    final Map<String, String[]> webhook = new LinkedHashMap<>();
    List<ReplayItem> items;
    List<MetaBucket> clean;
    List<MetaInvoiceLine> cleanLines;

    @BeforeAll
    void billTheThreadsOnce() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        // the application's reference files, at the top of the repository (the tools module's tests run in tools/)
        JobTestSupport.copyReference(Path.of("../src/test/resources/reference"), ROOT);
        AccountDirectory accounts = AccountDirectory.load(ROOT.resolve("ref/accounts.csv"));
        zones = w -> accounts.account(w).zone();
        plainRows = ThreadSet.generate();
        writeLogs(Map.of(), false);
        bill();

        // Meta's webhooks agree with the replay: one conversation id per replay conversation (per message when a
        // PMP message is priced on its own), with its category
        Map<String, Map<String, Object>> outcomes = new HashMap<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("out/message_outcomes"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                for (Map<String, Object> row : ParquetTableReader.readAll(p.toString())) {
                    outcomes.put((String) row.get("message_id"), row);
                }
            }
        }
        Map<String, String> categories = new HashMap<>();
        jdbc.query("select conversation_id, category from conversation",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> categories.put(rs.getString(1), rs.getString(2)));
        for (Map<String, Object> row : plainRows) {
            if (!"OUTBOUND".equals(row.get("direction"))) continue;
            Map<String, Object> o = outcomes.get((String) row.get("message_id"));
            String outcome = (String) o.get("outcome");
            if (outcome.equals("FAILED_NOT_DELIVERED") || outcome.equals("OUTSIDE_SERVICE_WINDOW")) continue;
            String conv = (String) o.get("conversation_id");
            String id = (String) row.get("message_id");
            webhook.put(id, conv != null
                    ? new String[] {"meta-" + conv, categories.get(conv).toLowerCase(Locale.ROOT)}
                    : new String[] {"meta-msg-" + id, ((String) o.get("pricing_category")).toLowerCase(Locale.ROOT)});
        }
        assertThat(webhook).hasSizeGreaterThan(100);
    }

    @Test
    @Order(1)
    void withoutAnExportTheStepIsSkippedAndTheConversationLinksAreKept() throws Exception {
        writeLogs(Map.of(), true);
        JobExecution e = bill();
        assertThat(step(e, "reconcile").getExecutionContext().containsKey(RunCounters.RECONCILE_SKIPPED)).isTrue();
        assertThat(CSV).doesNotExist();
        assertThat(rows(e)).isEmpty();

        assertThat(jdbc.queryForObject("select count(*) from meta_conversation_link", Long.class)).isEqualTo(webhook.size());
        // a link carries the replay's conversation and Meta's ids as logged
        Map<String, Object> link = jdbc.queryForMap("select l.*, c.category from meta_conversation_link l"
                + " join conversation c using (conversation_id) where c.category = 'MARKETING'"
                + " and c.pricing_model = 'CBP' order by l.message_id limit 1");
        assertThat(link.get("meta_conversation_id")).isEqualTo("meta-" + link.get("conversation_id"));
        assertThat(link.get("meta_conversation_category")).isEqualTo("marketing");
        assertThat(link.get("pricing_model")).isEqualTo("CBP");
        assertThat(link.get("job_execution_id")).isEqualTo(e.getId());
        // failed and refused messages have none
        assertThat(jdbc.queryForObject("select count(*) from meta_conversation_link where outcome in"
                + " ('FAILED_NOT_DELIVERED', 'OUTSIDE_SERVICE_WINDOW')", Long.class)).isZero();
        // a re-run of the days replaces them
        bill();
        assertThat(jdbc.queryForObject("select count(*) from meta_conversation_link", Long.class)).isEqualTo(webhook.size());

        items = ledgerItems();
        MetaExportWriter writer = new MetaExportWriter(zones);
        clean = writer.buckets(items);
        cleanLines = writer.invoiceLines(items);
        assertThat(items.stream().map(ReplayItem::model).distinct()).containsExactlyInAnyOrder(PricingModel.CBP,
                PricingModel.PMP);
        assertThat(cleanLines).extracting(l -> l.wabaId() + "|" + l.period())
                .containsExactly("waba-1|2025-06", "waba-1|2025-07", "waba-2|2025-06", "waba-2|2025-07");
    }

    @Test
    @Order(2)
    void theLedgersOwnExportReconcilesClean() throws Exception {
        writeMeta(clean, cleanLines);
        JobExecution e = bill();
        assertThat(rows(e)).isEmpty();
        assertThat(Files.readString(CSV)).isEqualTo(String.join(",", DiscrepancyCsv.HEADER) + "\r\n");
        Map<String, Object> run = jdbc.queryForMap("select * from reconciliation_run where job_execution_id = ?", e.getId());
        assertThat(run.get("job_name")).isEqualTo("billing");
        assertThat(run.get("months")).isEqualTo("waba-1|2025-06,waba-1|2025-07,waba-2|2025-06,waba-2|2025-07");
        assertThat(run.get("buckets")).isEqualTo((long) clean.size());
        assertThat(run.get("buckets_compared")).isEqualTo((long) clean.size());
        assertThat(run.get("items_compared")).isEqualTo((long) items.size());
        assertThat(run.get("links")).isEqualTo((long) webhook.size());
        assertThat(run.get("invoices")).isEqualTo(4L);
        assertThat(run.get("discrepancies")).isEqualTo(0L);
    }

    @Test
    @Order(3)
    void aMissingBucketIsMissingAtMeta() throws Exception {
        MetaBucket b = pick(x -> x.wabaId().equals("waba-1") && x.model() == PricingModel.CBP && charged(x)
                && inside(x));
        List<MetaBucket> planted = new ArrayList<>(clean);
        planted.remove(b);
        writeMeta(planted, cleanLines);
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.MISSING_AT_META, b.wabaId(), b.phoneNumber(), b.start(),
                b.end(), b.country(), b.category(), b.type(), b.count(), 0L, b.cost(), BigDecimal.ZERO,
                b.cost().negate(), null));
    }

    @Test
    @Order(4)
    void oneConversationMoreAtMetaIsACountMismatch() throws Exception {
        MetaBucket b = pick(x -> x.wabaId().equals("waba-2") && x.model() == PricingModel.CBP && charged(x));
        BigDecimal unit = b.cost().divide(BigDecimal.valueOf(b.count()));
        writeMeta(replace(b, b.withCount(b.count() + 1).withCost(b.cost().add(unit))), cleanLines);
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.COUNT_MISMATCH, b.wabaId(), b.phoneNumber(), b.start(),
                b.end(), b.country(), b.category(), b.type(), b.count(), b.count() + 1, b.cost(), b.cost().add(unit),
                unit, null));
    }

    @Test
    @Order(5)
    void aWrongPriceIsAnAmountMismatch() throws Exception {
        MetaBucket b = pick(x -> x.wabaId().equals("waba-1") && x.model() == PricingModel.PMP && charged(x));
        BigDecimal cent = new BigDecimal("0.01");
        writeMeta(replace(b, b.withCost(b.cost().add(cent))), cleanLines);
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.AMOUNT_MISMATCH, b.wabaId(), b.phoneNumber(), b.start(),
                b.end(), b.country(), b.category(), b.type(), b.count(), b.count(), b.cost(), b.cost().add(cent),
                cent, null));
    }

    @Test
    @Order(6)
    void anInvoiceOffByACentIsAnInvoiceMismatch() throws Exception {
        MetaInvoiceLine line = cleanLines.stream().filter(l -> l.wabaId().equals("waba-2")
                && l.period().equals(YearMonth.of(2025, 6))).findFirst().orElseThrow();
        BigDecimal ours = jdbc.queryForObject("select amount from invoice where waba_id = 'waba-2' and period = '2025-06'"
                + " order by revision desc limit 1", BigDecimal.class);
        assertThat(ours).isEqualByComparingTo(line.amount());
        List<MetaInvoiceLine> lines = new ArrayList<>(cleanLines);
        lines.set(lines.indexOf(line), new MetaInvoiceLine("waba-2", line.period(), "USD",
                line.amount().add(new BigDecimal("0.01"))));
        writeMeta(clean, lines);
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.INVOICE_MISMATCH, "waba-2", null,
                Instant.parse("2025-05-31T22:00:00Z"), Instant.parse("2025-06-30T22:00:00Z"), null, null, null, null,
                null, ours, ours.add(new BigDecimal("0.01")), new BigDecimal("0.01"), null));
        assertThat(YearMonth.of(2025, 6).atDay(1).atStartOfDay(oslo).toInstant())
                .isEqualTo(Instant.parse("2025-05-31T22:00:00Z"));
    }

    @Test
    @Order(7)
    void aCategorySwapInTheWebhooksIsACategoryMismatch() throws Exception {
        writeMeta(clean, cleanLines);
        Map<String, Object> conv = jdbc.queryForMap("select conversation_id, waba_id, opened_at from conversation"
                + " where category = 'MARKETING' and pricing_model = 'CBP' order by conversation_id limit 1");
        writeLogs(Map.of("meta-" + conv.get("conversation_id"), "utility"), true);
        Instant at = instant(conv.get("opened_at"));
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.CATEGORY_MISMATCH, (String) conv.get("waba_id"), null, at,
                at, null, Category.MARKETING, ConversationType.REGULAR, 1L, 1L, null, null, null, null));
    }

    @Test
    @Order(8)
    void aFreeEntryPointMetaDidNotGrantIsAFreeEntryPointMismatch() throws Exception {
        Map<String, Object> conv = jdbc.queryForMap("select conversation_id, waba_id, opened_at from conversation"
                + " where category = 'REFERRAL_CONVERSION' and pricing_model = 'CBP' order by conversation_id limit 1");
        writeLogs(Map.of("meta-" + conv.get("conversation_id"), "service"), true);
        Instant at = instant(conv.get("opened_at"));
        expectOnly(bill(), new Discrepancy(DiscrepancyKind.FREE_ENTRY_POINT_MISMATCH, (String) conv.get("waba_id"),
                null, at, at, null, Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT, 1L, 1L, null,
                null, null, null));
    }

    @Test
    @Order(9)
    void theReconcileJobComparesAChangedExportWithoutBilling() throws Exception {
        writeLogs(Map.of(), true);
        assertThat(rows(bill())).isEmpty();
        long billingRuns = billingExecutions();
        List<Long> ledgerRuns = jdbc.queryForList("select distinct job_execution_id from conversation", Long.class);

        MetaBucket missing = pick(x -> x.wabaId().equals("waba-2") && x.model() == PricingModel.CBP && charged(x)
                && inside(x) && YearMonth.from(x.start().atZone(zones.apply("waba-2"))).equals(YearMonth.of(2025, 6)));
        List<MetaBucket> buckets = new ArrayList<>(clean);
        buckets.remove(missing);
        MetaInvoiceLine line = cleanLines.stream().filter(l -> l.wabaId().equals("waba-1")
                && l.period().equals(YearMonth.of(2025, 7))).findFirst().orElseThrow();
        List<MetaInvoiceLine> lines = new ArrayList<>(cleanLines);
        BigDecimal less = line.amount().subtract(new BigDecimal("0.02"));
        lines.set(lines.indexOf(line), new MetaInvoiceLine("waba-1", line.period(), "USD", less));
        writeMeta(buckets, lines);
        Discrepancy missingRow = new Discrepancy(DiscrepancyKind.MISSING_AT_META, "waba-2", missing.phoneNumber(),
                missing.start(), missing.end(), missing.country(), missing.category(), missing.type(),
                missing.count(), 0L, missing.cost(), BigDecimal.ZERO, missing.cost().negate(), null);
        Discrepancy invoiceRow = new Discrepancy(DiscrepancyKind.INVOICE_MISMATCH, "waba-1", null,
                Instant.parse("2025-07-01T03:00:00Z"), Instant.parse("2025-08-01T03:00:00Z"), null, null, null, null,
                null, line.amount(), less, new BigDecimal("-0.02"), null);

        // the months Meta's export covers
        JobExecution all = reconcile(null, null);
        expectOnly(all, missingRow, invoiceRow);
        assertThat(jdbc.queryForObject("select job_name from reconciliation_run where job_execution_id = ?",
                String.class, all.getId())).isEqualTo("reconcile");
        assertThat(all.getStepExecutions()).extracting(StepExecution::getStepName).containsExactly("reconcile");

        // the months touching from/to: July in both zones (and June in São Paulo, August in Oslo, which are clean)
        JobExecution july = reconcile(LocalDate.parse("2025-07-01"), LocalDate.parse("2025-07-31"));
        expectOnly(july, invoiceRow);
        assertThat(jdbc.queryForObject("select months from reconciliation_run where job_execution_id = ?",
                String.class, july.getId())).isEqualTo("waba-1|2025-06,waba-1|2025-07,waba-2|2025-07,waba-2|2025-08");

        // nothing was billed again
        assertThat(billingExecutions()).isEqualTo(billingRuns);
        assertThat(jdbc.queryForList("select distinct job_execution_id from conversation", Long.class))
                .containsExactlyInAnyOrderElementsOf(ledgerRuns);
        // the rows of the earlier run are still there, apart
        assertThat(rows(all)).hasSize(2);
        writeMeta(clean, cleanLines);
    }

    @Test
    @Order(10)
    void plantMetaExportPlantsWhatItSays() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MetaExportPlanter.Result result = PlantMetaExport.run(new String[] {pool.getJdbcUrl(), META.toString(),
                "--user=" + pool.getUsername(), "--accounts=" + ROOT.resolve("ref/accounts.csv")},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(result.notPlanted()).isEmpty();
        assertThat(result.planted()).extracting(MetaExportPlanter.Planted::plant)
                .containsExactly(MetaExportPlanter.Plant.values());
        String out = printed.toString(StandardCharsets.UTF_8);
        for (MetaExportPlanter.Plant p : MetaExportPlanter.Plant.values()) assertThat(out).contains("Planted " + p.label);
        String md = Files.readString(META.resolve("PLANTED.md"));
        for (MetaExportPlanter.Planted p : result.planted()) assertThat(md).contains(p.expected().kind().name());

        JobExecution e = reconcile(null, null);
        expectOnly(e, result.planted().stream().map(MetaExportPlanter.Planted::expected).toArray(Discrepancy[]::new));

        // without plants the export is clean
        PlantMetaExport.run(new String[] {"--db=" + pool.getJdbcUrl(), "--out=" + META, "--user=" + pool.getUsername(),
                "--accounts=" + ROOT.resolve("ref/accounts.csv"), "--plant=none"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(rows(reconcile(null, null))).isEmpty();
        writeMeta(clean, cleanLines);
    }

    @Test
    @Order(11)
    void aMalformedExportFailsTheStepNamingFileAndProblem() throws Exception {
        Files.writeString(META.resolve("waba-1.json"), "{\"id\": \"waba-1\", \"conversation_analytics\": {\"data\":"
                + " [{\"data_points\": [{\"start\": 1750000000, \"end\": 1750086400, \"conversation\": \"two\"}]}]}}");
        JobExecution failed = launcher.launch(billing, FROM, TO);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, "reconcile").getStatus()).isEqualTo(BatchStatus.FAILED);
        String message = failed.getAllFailureExceptions().get(0).getMessage();
        assertThat(message).contains("waba-1.json").contains("data_points[0].conversation")
                .contains("expected a whole number");

        // fixed, the same command restarts the run at the reconcile step
        writeMeta(clean, cleanLines);
        JobExecution restarted = launcher.launch(billing, FROM, TO);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                .containsExactly("reconcile", "publish");
        assertThat(rows(restarted)).isEmpty();
        assertThat(Files.readString(CSV)).isEqualTo(String.join(",", DiscrepancyCsv.HEADER) + "\r\n");
    }

    @Test
    @Order(12)
    void theReconcileJobFailsWithoutAnExport() throws Exception {
        JobTestSupport.deleteTree(META);
        JobExecution e = launcher.launch(reconcile, null, null);
        assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(e.getAllFailureExceptions().get(0).getMessage()).contains("No Meta export at " + META);
    }

    // ------------------------------------------------------------------ helpers

    private JobExecution bill() throws Exception {
        JobExecution e = launcher.launch(billing, FROM, TO);
        assertThat(e.getStatus()).as("billing; failures: %s", e.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    private JobExecution reconcile(LocalDate from, LocalDate to) throws Exception {
        JobExecution e = launcher.launch(reconcile, from, to);
        assertThat(e.getStatus()).as("reconcile; failures: %s", e.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    private long billingExecutions() {
        return jdbc.queryForObject("select count(*) from batch_job_execution e join batch_job_instance i"
                + " on i.job_instance_id = e.job_instance_id where i.job_name = 'billing'", Long.class);
    }

    private static StepExecution step(JobExecution e, String name) {
        return e.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    /** The log: the generated rows, with Meta's webhook columns when asked, some categories overridden. */
    private void writeLogs(Map<String, String> categoryOverrides, boolean withWebhooks) throws IOException {
        JobTestSupport.deleteTree(ROOT.resolve("logs"));
        Files.createDirectories(ROOT.resolve("logs"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : plainRows) {
            Map<String, Object> row = new LinkedHashMap<>(r);
            String[] w = webhook.get((String) r.get("message_id"));
            if (withWebhooks && w != null) {
                row.put("meta_conversation_id", w[0]);
                row.put("meta_conversation_category", categoryOverrides.getOrDefault(w[0], w[1]));
                row.put("meta_billable", Boolean.TRUE);
            }
            rows.add(row);
        }
        MessageLogWriter.writeAll(ROOT.resolve("logs/part-0.parquet").toString(), rows);
    }

    private static void writeMeta(List<MetaBucket> buckets, List<MetaInvoiceLine> lines) throws IOException {
        JobTestSupport.deleteTree(META);
        MetaExportWriter.writeJson(META, buckets);
        MetaExportWriter.writeInvoices(META.resolve(MetaBillingExport.INVOICES_FILE), lines);
    }

    /** The replay's items, straight from the ledger. */
    private List<ReplayItem> ledgerItems() {
        return jdbc.query("select 'C', conversation_id, waba_id, business_phone_number, country, category, type,"
                + " opened_at, amount, currency from conversation where pricing_model = 'CBP'"
                + " union all select 'M', message_id, waba_id, business_phone_number, country, pricing_category,"
                + " pricing_type, event_time, amount, currency from priced_message",
                (rs, i) -> new ReplayItem(rs.getString(1).equals("C") ? ReplayItem.Kind.CONVERSATION
                        : ReplayItem.Kind.MESSAGE, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Category.valueOf(rs.getString(6)), ConversationType.valueOf(rs.getString(7)),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getBigDecimal(9), rs.getString(10)));
    }

    private MetaBucket pick(Predicate<MetaBucket> p) {
        return clean.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no data point fits"));
    }

    private static boolean charged(MetaBucket b) {
        return b.cost() != null && b.cost().signum() > 0;
    }

    /** Strictly inside the exported period of its WABA and model, so that removing it keeps the period. */
    private boolean inside(MetaBucket b) {
        return clean.stream().anyMatch(x -> x.wabaId().equals(b.wabaId()) && x.model() == b.model()
                && x.start().isBefore(b.start()))
                && clean.stream().anyMatch(x -> x.wabaId().equals(b.wabaId()) && x.model() == b.model()
                && x.end().isAfter(b.end()));
    }

    private List<MetaBucket> replace(MetaBucket old, MetaBucket now) {
        List<MetaBucket> out = new ArrayList<>(clean);
        out.set(out.indexOf(old), now);
        return out;
    }

    /** This execution's rows in the discrepancy table. */
    private List<Discrepancy> rows(JobExecution e) {
        return jdbc.query("select kind, waba_id, phone_number, period_start, period_end, country, category, type,"
                + " expected_count, billed_count, expected_amount, billed_amount, difference, detail"
                + " from discrepancy where job_execution_id = ?", (rs, i) -> new Discrepancy(
                DiscrepancyKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                time(rs.getObject(4, OffsetDateTime.class)), time(rs.getObject(5, OffsetDateTime.class)),
                rs.getString(6), rs.getString(7) == null ? null : Category.valueOf(rs.getString(7)),
                rs.getString(8) == null ? null : ConversationType.valueOf(rs.getString(8)),
                (Long) rs.getObject(9), (Long) rs.getObject(10), rs.getBigDecimal(11), rs.getBigDecimal(12),
                rs.getBigDecimal(13), rs.getString(14)), e.getId());
    }

    /** The run found exactly these rows, in the table and in discrepancies.csv. */
    private void expectOnly(JobExecution e, Discrepancy... expected) throws IOException {
        List<Discrepancy> table = new ArrayList<>(rows(e));
        List<Discrepancy> csv;
        try (Reader r = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
            csv = DiscrepancyCsv.read(r);
        }
        table.sort(Discrepancy.CANONICAL_ORDER);
        assertThat(csv).as("discrepancies.csv is the table's rows of this run").isEqualTo(table);
        assertThat(table).as("rows: %s", table).hasSize(expected.length);
        for (Discrepancy x : expected) {
            long matches = table.stream().filter(d -> same(d, x)).count();
            assertThat(matches).as("rows matching %s among %s", x, table).isEqualTo(1);
        }
    }

    private static boolean same(Discrepancy a, Discrepancy x) {
        return a.kind() == x.kind() && a.wabaId().equals(x.wabaId())
                && java.util.Objects.equals(a.phoneNumber(), x.phoneNumber())
                && java.util.Objects.equals(a.periodStart(), x.periodStart())
                && java.util.Objects.equals(a.periodEnd(), x.periodEnd())
                && java.util.Objects.equals(a.country(), x.country()) && a.category() == x.category()
                && a.type() == x.type() && java.util.Objects.equals(a.expectedCount(), x.expectedCount())
                && java.util.Objects.equals(a.billedCount(), x.billedCount())
                && sameAmount(a.expectedAmount(), x.expectedAmount()) && sameAmount(a.billedAmount(), x.billedAmount())
                && sameAmount(a.difference(), x.difference());
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Instant time(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(Object sqlTimestamp) {
        if (sqlTimestamp instanceof java.sql.Timestamp t) return t.toInstant();
        if (sqlTimestamp instanceof OffsetDateTime o) return o.toInstant();
        return (Instant) sqlTimestamp;
    }
}
