package com.wabill.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.rating.AccountDirectory;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyCsv;
import com.wabill.reconciliation.MetaBillingExport;
import com.wabill.reconciliation.MetaBucket;
import com.wabill.reconciliation.MetaInvoiceLine;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.reconciliation.Tolerance;
import com.wabill.ledger.LedgerReader;
import com.wabill.reconciliation.LedgerReconciliation;
import com.wabill.invoicing.WabaMonth;
import java.util.TreeMap;

/**
 * Reconciles the ledger against Meta's export in {@code wabill.meta-billing} (SPEC 4), writes the rows to the
 * {@code discrepancy} table for this job execution and {@code discrepancies.csv} to the output directory.
 *
 * <ul>
 *   <li>In the {@code billing} job (its plan is in the job context): the months the run touched
 *       ({@code touched.months}); the billed days are those of the ledger and the run's own. Without the export
 *       directory the step is skipped with an INFO line.</li>
 *   <li>In the {@code reconcile} job: the months touching the {@code from}/{@code to} job parameters (UTC dates) of
 *       every WABA of the ledger and the export; without them, the months Meta's export covers
 *       ({@link ReconciliationScope#coveredBy}). Without the export directory the job fails: comparing is all it
 *       does.</li>
 * </ul>
 * A malformed export fails the step with the file and the problem named ({@link
 * com.wabill.reconciliation.MetaExportException}). A restarted step replaces the rows it wrote before.
 */
public class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);

    public static final String CSV = "discrepancies.csv";

    private final WabillProperties props;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final LocalDate from;
    private final LocalDate to;

    public ReconcileTasklet(WabillProperties props, JdbcTemplate jdbc, DataSource dataSource, LocalDate from,
            LocalDate to) {
        this.props = props;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.from = from;
        this.to = to;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        JobExecution job = step.getJobExecution();
        ExecutionContext jobCtx = job.getExecutionContext();
        boolean billing = Jobs.isBilling(job);
        Path dir = props.metaBilling();
        if (dir == null || Files.notExists(dir)) {
            if (billing) {
                log.info("Reconciliation skipped: no Meta export at {} (wabill.meta-billing)", dir);
                step.getExecutionContext().putString("reconcile.skipped", "no Meta export at " + dir);
                return RepeatStatus.FINISHED;
            }
            throw new IllegalStateException("No Meta export at " + dir + ": the reconcile job compares billed months"
                    + " with Meta's export; point wabill.meta-billing at its directory.");
        }
        MetaBillingExport export = MetaBillingExport.load(dir);

        AccountDirectory accounts = AccountDirectory.load(props.accounts());
        Function<String, ZoneId> zones = w -> accounts.account(w).zone();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        ReconciliationScope scope;
        LedgerReconciliation.Result result;
        String what;
        try {
            LedgerReader ledger = new LedgerReader(connection);
            NavigableSet<LocalDate> billed = ledger.billedDays();
            Map<String, Set<YearMonth>> months;
            if (billing) {
                RunPlan plan = RunContext.of(job).plan();
                for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) billed.add(d);
                months = new TreeMap<>();
                for (WabaMonth wm : RunContext.of(job).touchedMonths()) {
                    months.computeIfAbsent(wm.wabaId(), w -> new TreeSet<>()).add(YearMonth.parse(wm.period()));
                }
                what = "the months billing " + plan.from() + ".." + plan.to() + " touched";
            } else if (from != null) {
                Set<String> wabas = new TreeSet<>(ledger.ledgerWabas());
                for (MetaBucket b : export.buckets()) wabas.add(b.wabaId());
                for (MetaInvoiceLine l : export.invoiceLines()) wabas.add(l.wabaId());
                months = ReconciliationScope.monthsTouching(wabas, from, to, zones);
                what = "the months touching " + from + ".." + to;
            } else {
                months = ReconciliationScope.coveredBy(export, ledger.ledgerMonths(), zones);
                what = "the months Meta's export covers";
            }
            scope = new ReconciliationScope(months, billed, zones);
            Tolerance tolerance = props.tolerance() == null ? Tolerance.halfMinorUnit()
                    : Tolerance.fixed(props.tolerance());
            result = LedgerReconciliation.reconcile(ledger, export, scope, tolerance);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }

        long executionId = job.getId();
        // one run at a time writes into the output directory (see PublishTasklet)
        jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", PublishTasklet.OUTPUT_LOCK[0], PublishTasklet.OUTPUT_LOCK[1]);
        store(executionId, job.getJobInstance().getJobName(), dir, scope, result);
        Path csv = writeCsv(props.output(), result.discrepancies());

        ExecutionContext ctx = step.getExecutionContext();
        ctx.putLong("reconcile.buckets", result.buckets());
        ctx.putLong("reconcile.bucketsCompared", result.bucketsCompared());
        ctx.putLong("reconcile.itemsCompared", result.itemsCompared());
        ctx.putLong("reconcile.links", result.links());
        ctx.putLong("reconcile.invoices", result.invoicesCompared());
        ctx.putLong("reconcile.discrepancies", result.rows().size());
        contribution.incrementWriteCount(result.rows().size());
        long skippedBuckets = result.buckets() - result.bucketsCompared();
        log.info("Reconciled {} ({}) against Meta's export in {}: {} of {} data point(s) compared{}, {} replay item(s),"
                + " {} message(s) by Meta's conversation id, {} invoice(s): {} discrepanc{}; {}", what,
                String.join(", ", scope.wabaMonths()), dir, result.bucketsCompared(), result.buckets(),
                skippedBuckets == 0 ? "" : " (the others lie outside these months or in days not billed)",
                result.itemsCompared(), result.links(), result.invoicesCompared(), result.rows().size(),
                result.rows().size() == 1 ? "y" : "ies", csv);
        return RepeatStatus.FINISHED;
    }

    private void store(long executionId, String jobName, Path dir, ReconciliationScope scope,
            LedgerReconciliation.Result result) {
        jdbc.update("delete from discrepancy where job_execution_id = ?", executionId);
        List<Object[]> args = new ArrayList<>(result.rows().size());
        for (LedgerReconciliation.Row row : result.rows()) {
            Discrepancy d = row.discrepancy();
            args.add(new Object[] {executionId, d.kind().name(), d.wabaId(), d.phoneNumber(), time(d.periodStart()),
                    time(d.periodEnd()), d.country(), d.category() == null ? null : d.category().name(),
                    d.type() == null ? null : d.type().name(), d.expectedCount(), d.billedCount(), d.expectedAmount(),
                    d.billedAmount(), d.difference(), d.detail(), row.comparison().name()});
        }
        if (!args.isEmpty()) {
            jdbc.batchUpdate("insert into discrepancy (job_execution_id, kind, waba_id, phone_number, period_start,"
                    + " period_end, country, category, type, expected_count, billed_count, expected_amount,"
                    + " billed_amount, difference, detail, comparison) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", args, new int[] {java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
                            java.sql.Types.VARCHAR, java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
                            java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
                            java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT,
                            java.sql.Types.NUMERIC, java.sql.Types.NUMERIC, java.sql.Types.NUMERIC,
                            java.sql.Types.VARCHAR, java.sql.Types.VARCHAR});
        }
        jdbc.update("insert into reconciliation_run (job_execution_id, job_name, meta_dir, months, export_start,"
                + " export_end, buckets, buckets_compared, items_compared, links, invoices, discrepancies)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (job_execution_id) do update set"
                + " job_name = excluded.job_name, meta_dir = excluded.meta_dir, months = excluded.months,"
                + " export_start = excluded.export_start, export_end = excluded.export_end,"
                + " buckets = excluded.buckets, buckets_compared = excluded.buckets_compared,"
                + " items_compared = excluded.items_compared, links = excluded.links, invoices = excluded.invoices,"
                + " discrepancies = excluded.discrepancies, finished_at = now()",
                executionId, jobName, dir.toAbsolutePath().toString(), String.join(",", scope.wabaMonths()),
                time(result.exportStart()), time(result.exportEnd()), result.buckets(), result.bucketsCompared(),
                result.itemsCompared(), result.links(), result.invoicesCompared(), (long) result.rows().size());
    }

    /** Writes {@code discrepancies.csv} beside a temporary name, then moves it over the old one. */
    static Path writeCsv(Path outputDir, List<Discrepancy> rows) throws IOException {
        Files.createDirectories(outputDir);
        Path target = outputDir.resolve(CSV);
        Path tmp = outputDir.resolve("." + CSV + ".tmp");
        DiscrepancyCsv.write(tmp, rows);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static OffsetDateTime time(java.time.Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
