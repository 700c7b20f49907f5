package com.wabill.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.rating.AccountDirectory;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyCsv;
import com.wabill.reconciliation.MetaBillingExport;
import com.wabill.reconciliation.MetaBucket;
import com.wabill.reconciliation.MetaInvoiceLine;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.reconciliation.Tolerance;
import com.wabill.reconciliation.LedgerReconciliation;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.DiscrepancyStore;
import com.wabill.ledger.ReconciliationReads;
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
    private final ReconciliationReads ledger;
    private final BilledDays billedDays;
    private final DiscrepancyStore discrepancies;
    private final AdvisoryLocks locks;
    private final LocalDate from;
    private final LocalDate to;

    public ReconcileTasklet(WabillProperties props, ReconciliationReads ledger, BilledDays billedDays,
            DiscrepancyStore discrepancies, AdvisoryLocks locks, LocalDate from, LocalDate to) {
        this.props = props;
        this.ledger = ledger;
        this.billedDays = billedDays;
        this.discrepancies = discrepancies;
        this.locks = locks;
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
                step.getExecutionContext().putString(RunCounters.RECONCILE_SKIPPED, "no Meta export at " + dir);
                return RepeatStatus.FINISHED;
            }
            throw new IllegalStateException("No Meta export at " + dir + ": the reconcile job compares billed months"
                    + " with Meta's export; point wabill.meta-billing at its directory.");
        }
        MetaBillingExport export = MetaBillingExport.load(dir);

        AccountDirectory accounts = AccountDirectory.load(props.accounts());
        Function<String, ZoneId> zones = accounts::zone;
        String what;
        NavigableSet<LocalDate> billed = billedDays.all();
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
        ReconciliationScope scope = new ReconciliationScope(months, billed, zones);
        Tolerance tolerance = props.tolerance() == null ? Tolerance.halfMinorUnit()
                : Tolerance.fixed(props.tolerance());
        LedgerReconciliation.Result result = LedgerReconciliation.reconcile(ledger, export, scope, tolerance);

        long executionId = job.getId();
        // one run at a time writes into the output directory
        locks.holdOutputDirectory();
        discrepancies.record(executionId, job.getJobInstance().getJobName(), dir, scope, result);
        Path csv = writeCsv(props.output(), result.discrepancies());

        ExecutionContext ctx = step.getExecutionContext();
        ctx.putLong(RunCounters.RECONCILE_BUCKETS, result.buckets());
        ctx.putLong(RunCounters.RECONCILE_BUCKETS_COMPARED, result.bucketsCompared());
        ctx.putLong(RunCounters.RECONCILE_ITEMS_COMPARED, result.itemsCompared());
        ctx.putLong(RunCounters.RECONCILE_LINKS, result.links());
        ctx.putLong(RunCounters.RECONCILE_INVOICES, result.invoicesCompared());
        ctx.putLong(RunCounters.RECONCILE_DISCREPANCIES, result.rows().size());
        contribution.incrementWriteCount(result.rows().size());
        long skippedBuckets = result.buckets() - result.bucketsCompared();
        log.info("Reconciled {} ({}) against Meta's export in {}: {} of {} data point(s) compared{}, {} replay item(s),"
                + " {} message(s) by Meta's conversation id, {} by Meta's per-message pricing, {} invoice(s):"
                + " {} discrepanc{}; {}", what,
                String.join(", ", scope.wabaMonths()), dir, result.bucketsCompared(), result.buckets(),
                skippedBuckets == 0 ? "" : " (the others lie outside these months or in days not billed)",
                result.itemsCompared(), result.links(), result.messagesCompared(), result.invoicesCompared(),
                result.rows().size(),
                result.rows().size() == 1 ? "y" : "ies", csv);
        return RepeatStatus.FINISHED;
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
}
