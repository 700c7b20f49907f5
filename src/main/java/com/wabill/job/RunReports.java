package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.wabill.ingest.RowRejection;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.OutputQueries;
import com.wabill.rating.Account;
import com.wabill.rating.AccountDirectory;
import com.wabill.report.CsvFiles;
import com.wabill.report.HtmlReport;
import com.wabill.report.InvoicePage;
import com.wabill.report.LedgerFigures;
import com.wabill.report.LedgerParquetFiles;
import com.wabill.report.PolicyViolations;
import com.wabill.report.RejectedRow;
import com.wabill.report.RunReport;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.spill.IngestRecord;
import com.wabill.spill.SpillInput;

/**
 * The end of every run: the one place that assembles its {@link RunSummary} (a billing run that completed, in its
 * publish step; one that failed or was stopped; a reconcile run; a run that found nothing to bill), reads from the
 * ledger what the outputs show ({@link OutputQueries}), and hands plain values to the writers of {@code report}:
 * the CSV files and invoice pages of a completed billing run, then {@link RunReport} for {@code report.html},
 * {@code summary.json} and the table in the log.
 */
@Component
public class RunReports implements RunOutputs {

    private final WabillProperties props;
    private final OutputQueries ledger;
    private final JobRepository jobRepository;

    public RunReports(WabillProperties props, OutputQueries ledger, JobRepository jobRepository) {
        this.props = props;
        this.ledger = ledger;
        this.jobRepository = jobRepository;
    }

    // ------------------------------------------------------------------ a completed billing run (publish)

    @Override
    public LedgerParquetFiles parquetFiles(long jobExecutionId, LedgerParquetFiles.PriceSource repriced) {
        return new LedgerParquetFiles(props.output(), jobExecutionId,
                (day, rows) -> ledger.conversationsOfDay(day, c -> rows.accept(new LedgerParquetFiles.Conversation(
                        c.conversationId(), c.wabaId(), c.phoneNumberId(), c.contactWaId(), c.category(), c.type(),
                        c.openedAt(), c.closedAt(), c.openingMessageId(), c.country(), c.market(), c.currency(),
                        c.rate(), c.amount(), c.pricingModel()))),
                repriced);
    }

    @Override
    public void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings,
            PolicyViolations policyViolations) throws Exception {
        Path out = props.output();
        List<WabaMonth> touched = new ArrayList<>(RunContext.of(execution).touchedMonths());
        List<RejectedRow> rejected = rejectedRows(plan);
        AccountDirectory accounts = AccountDirectory.load(props.accounts());
        Map<String, String> names = new HashMap<>();
        for (Account a : accounts.accounts()) names.put(a.wabaId(), a.name());
        LedgerFigures figures = figures(touched, execution.getId());

        // discrepancies.csv is the reconcile step's: written there when Meta's export was compared, absent when not
        List<Path> files = new ArrayList<>(CsvFiles.writeAll(out, figures.invoices(), figures.payments(), rejected));
        Path discrepancies = out.resolve(CsvFiles.DISCREPANCIES);
        boolean reconciled = execution.getStepExecutions().stream().anyMatch(se -> se.getStepName().equals("reconcile")
                && !se.getExecutionContext().containsKey("reconcile.skipped"));
        if (reconciled) files.add(discrepancies);
        else Files.deleteIfExists(discrepancies);
        files.add(out.resolve("conversations"));
        files.add(out.resolve("message_outcomes"));
        files.addAll(InvoicePage.write(out, figures.invoices(), figures.payments(), names, figures.serviceUse(),
                figures.utilityInWindow()));

        RunSummary.Builder summary = billing(execution, RunSummary.Status.COMPLETED, counters, plan, rejected)
                .range(plan.from(), plan.to()).policyViolations(policyViolations);
        for (OutputQueries.CategoryTypeCount c : ledger.conversationsOfDays(plan.from(), plan.to())) {
            summary.addConversations(c.category(), c.type(), c.count());
        }
        ledger.chargedMessagesOfDays(plan.from(), plan.to()).forEach(summary::addChargedMessages);
        for (OutputQueries.WabaCharge c : ledger.chargesOfDays(plan.from(), plan.to())) {
            summary.addCharge(c.wabaId(), c.currency(), c.amount());
            if (!accounts.isKnown(c.wabaId())) summary.addUnknownWaba(c.wabaId());
            else beforeFirstRow(accounts, c.wabaId(), plan.replayStart()).ifPresent(summary::warn);
        }
        for (String w : warnings) summary.warn(w);
        for (Path f : files) summary.outputFile(f);
        summary.ledger(figures);
        RunReport.write(out, finish(summary, execution), new HtmlReport.Inputs(figures, touched, rejected, names));
    }

    /**
     * SPEC 1.4: a WABA billed in the run's days before its earliest account row is billed as a WABA without a row
     * (USD, no threshold, no 2.11) in its rows' zone; the summary says so.
     */
    static java.util.Optional<String> beforeFirstRow(com.wabill.rating.AccountDirectory accounts, String wabaId,
            java.time.Instant billedFrom) {
        List<com.wabill.rating.Account> rows = accounts.rows(wabaId);
        if (rows.isEmpty() || rows.get(0).effectiveFrom() == null) return java.util.Optional.empty();
        java.time.LocalDate first = rows.get(0).effectiveFrom();
        java.time.Instant firstStart = first.atStartOfDay(rows.get(0).zone()).toInstant();
        if (!billedFrom.isBefore(firstStart)) return java.util.Optional.empty();
        return java.util.Optional.of("WABA " + wabaId + " is billed before its earliest accounts.csv row (effective from "
                + first + "): until then as a WABA without a row (USD, no payment threshold, no"
                + " authentication-international), in its time zone " + rows.get(0).zone());
    }

    // ------------------------------------------------------------------ runs that did not reach publish

    /**
     * A billing run that failed or was stopped (what its completed steps did), or a reconcile run (the months it
     * compared): {@code report.html}, {@code summary.json} and the table, the failure first.
     */
    public void writeEnded(JobExecution execution) throws Exception {
        Path out = props.output();
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        RunContext run = RunContext.of(execution);
        RunPlan plan = run.planIfMade().orElse(null);
        RunSummary.Status status = completed ? RunSummary.Status.COMPLETED
                : execution.getStatus() == BatchStatus.STOPPED ? RunSummary.Status.STOPPED : RunSummary.Status.FAILED;
        List<WabaMonth> touched = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        RunSummary.Builder summary;
        if (Jobs.isReconcile(execution)) {
            String from = execution.getJobParameters().getString("from");
            String to = execution.getJobParameters().getString("to");
            summary = start(execution, status).mode(from == null ? null : RunSummary.Mode.EXPLICIT_RANGE,
                    from == null ? "the months Meta's export covers" : "the months touching " + from + ".." + to);
            touched.addAll(ledger.reconciledMonths(execution.getId()));
            if (completed) summary.outputFile(out.resolve(CsvFiles.DISCREPANCIES));
        } else if (plan == null) {
            summary = billing(execution, status, Map.of(), null, List.of()); // failed before its plan was made
        } else {
            touched.addAll(run.touchedMonths());
            try {
                rejected.addAll(rejectedRows(plan));
            } catch (Exception e) {
                rejected.clear(); // spill files of a step that did not finish: no list then
            }
            summary = billing(execution, status, RunCounters.collect(jobRepository, execution), plan, rejected);
        }
        if (!completed) {
            summary.failure(RunSummaryListener.failureLine(execution));
            if (!Jobs.isReconcile(execution)) summary.warn("The counts cover the steps that completed before the run stopped.");
        }
        LedgerFigures figures = figures(touched, execution.getId());
        summary.ledger(figures);
        RunReport.write(out, finish(summary, execution), new HtmlReport.Inputs(figures, touched, rejected, wabaNames()));
    }

    /** A run that found every day billed: {@code summary.json} and the table say so; the last report stays. */
    public void writeNothingToBill(String jobName, String reason) throws Exception {
        RunSummary summary = RunSummary.builder(jobName).status(RunSummary.Status.NOTHING_TO_BILL)
                .mode(RunSummary.Mode.CATCH_UP, reason).outputFile(props.output().resolve(SummaryJson.FILE)).build();
        RunReport.write(props.output(), summary, null);
    }

    // ------------------------------------------------------------------ assembling the summary

    private static RunSummary.Builder start(JobExecution execution, RunSummary.Status status) {
        RunSummary.Builder summary = RunSummary.builder(execution.getJobInstance().getJobName())
                .executionId(execution.getId()).status(status);
        String from = execution.getJobParameters().getString("from");
        String to = execution.getJobParameters().getString("to");
        if (from != null && to != null) summary.range(LocalDate.parse(from), LocalDate.parse(to));
        return summary;
    }

    /**
     * A billing run: how it chose its days (a {@code mode} job parameter is set when the days were chosen for it),
     * the counters its steps left ({@link RunCounters}), its plan's cold start, its rejected rows.
     */
    private RunSummary.Builder billing(JobExecution execution, RunSummary.Status status, Map<String, Long> counters,
            RunPlan plan, List<RejectedRow> rejected) {
        RunSummary.Builder summary = start(execution, status);
        String mode = execution.getJobParameters().getString("mode");
        summary.mode(mode == null ? RunSummary.Mode.EXPLICIT_RANGE : RunSummary.Mode.CATCH_UP,
                mode == null ? "from/to given" : mode);
        summary.addRowsRead(counters.getOrDefault("ingest.accepted", 0L) + counters.getOrDefault("ingest.rejected", 0L))
                .addAccepted(counters.getOrDefault("count.accepted", 0L))
                .addMergedDuplicates(counters.getOrDefault("count.mergedCopies", 0L))
                .addMessagesReplayed(counters.getOrDefault("count.replayed", 0L))
                .addMessagesLeftForLaterRun(counters.getOrDefault("count.leftForLater", 0L))
                .addLateDeliveries(counters.getOrDefault("count.lateDeliveries", 0L))
                .addMessagesMoved(counters.getOrDefault(RunCounters.MOVED, 0L))
                .scratchPeakBytes(counters.getOrDefault(RunCounters.SCRATCH_PEAK_BYTES, 0L));
        if (plan != null && plan.warmup()) summary.coldStart(props.warmupDays());
        for (RejectedRow r : rejected) summary.addRejected(r);
        return summary;
    }

    /** What every run's summary ends with: its discrepancies, its step times, and the two files written last. */
    private RunSummary finish(RunSummary.Builder summary, JobExecution execution) {
        summary.discrepancies(ledger.discrepancyCount(execution.getId()));
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getId, Comparator.nullsLast(Comparator.naturalOrder())));
        for (StepExecution se : steps) {
            if (se.getStepName().contains(":") || se.getStartTime() == null) continue; // partitions count in theirs
            LocalDateTime end = se.getEndTime() != null ? se.getEndTime() : LocalDateTime.now();
            summary.stepTime(se.getStepName(), Duration.between(se.getStartTime(), end).toMillis());
        }
        summary.outputFile(props.output().resolve(HtmlReport.FILE));
        summary.outputFile(props.output().resolve(SummaryJson.FILE));
        return summary.build();
    }

    // ------------------------------------------------------------------ reading what the outputs show

    private LedgerFigures figures(Collection<WabaMonth> touched, long executionId) {
        return figures(ledger, touched, executionId);
    }

    /** The ledger figures of the touched months and the execution's discrepancies, as plain values. */
    static LedgerFigures figures(OutputQueries ledger, Collection<WabaMonth> touched, long executionId) {
        List<LedgerFigures.Invoice> invoices = new ArrayList<>();
        for (OutputQueries.IssuedInvoice i : ledger.invoices(touched)) {
            List<LedgerFigures.Line> lines = new ArrayList<>();
            for (OutputQueries.IssuedLine l : i.lines()) {
                lines.add(new LedgerFigures.Line(l.lineNo(), l.pricingModel(), l.category(), l.type(), l.market(),
                        l.currency(), l.rate(), l.quantity(), l.amount()));
            }
            invoices.add(new LedgerFigures.Invoice(i.wabaId(), i.period(), i.revision(), i.currency(),
                    i.conversations(), i.messages(), i.billable(), i.amount(), i.unroundedAmount(), i.status(),
                    i.issuedAt(), i.jobExecutionId(), lines));
        }
        List<LedgerFigures.Payment> payments = ledger.payments(touched).stream().map(p -> new LedgerFigures.Payment(
                p.wabaId(), p.period(), p.seq(), p.chargedAt(), p.amount(), p.reason(), p.currency())).toList();
        List<LedgerFigures.WabaTotals> perWaba = ledger.totalsPerWaba(touched).stream().map(t ->
                new LedgerFigures.WabaTotals(t.wabaId(), t.period(), t.currency(), t.conversations(),
                        t.entryPointWindows(), t.messages(), t.billable(), t.amount())).toList();
        List<LedgerFigures.CategoryTotals> perCategory = ledger.totalsPerCategory(touched).stream().map(t ->
                new LedgerFigures.CategoryTotals(t.pricingModel(), t.category(), t.type(), t.currency(),
                        t.conversations(), t.messages(), t.billable(), t.amount())).toList();
        long discrepancies = ledger.discrepancyCount(executionId);
        List<LedgerFigures.ServiceUse> serviceUse = ledger.serviceMessagesPerPhone(touched).stream().map(u ->
                new LedgerFigures.ServiceUse(u.wabaId(), u.phoneNumberId(), u.businessPhoneNumber(), u.period(),
                        u.currency(), u.free(), u.charged(), u.chargedAmount())).toList();
        List<LedgerFigures.MonthCategoryTotals> perMonth = ledger.totalsPerMonthAndCategory(touched).stream().map(t ->
                new LedgerFigures.MonthCategoryTotals(t.period(), t.pricingModel(), t.category(), t.type(),
                        t.currency(), t.conversations(), t.messages(), t.billable(), t.amount())).toList();
        List<LedgerFigures.InWindowUtility> inWindow = ledger.utilityInServiceWindow(touched).stream().map(u ->
                new LedgerFigures.InWindowUtility(u.wabaId(), u.period(), u.currency(), u.messages(), u.amount()))
                .toList();
        return new LedgerFigures(invoices, payments, perWaba, perCategory,
                dayCounts(ledger.conversationsPerDay(touched)), dayCounts(ledger.pricedMessagesPerDay(touched)),
                discrepancies == 0 ? LedgerFigures.Discrepancies.NONE : new LedgerFigures.Discrepancies(discrepancies,
                        ledger.discrepanciesByKind(executionId),
                        ledger.largestDiscrepancies(executionId, HtmlReport.MAX_DISCREPANCIES)),
                serviceUse, perMonth, inWindow);
    }

    private static List<LedgerFigures.DayCount> dayCounts(List<OutputQueries.DayCount> counts) {
        return counts.stream().map(c -> new LedgerFigures.DayCount(c.day(), c.category(), c.count())).toList();
    }

    /** Every row the run rejected: at ingest (invalid values) and at de-duplication (conflicting copies). */
    static List<RejectedRow> rejectedRows(RunPlan plan) throws Exception {
        List<Path> files = new ArrayList<>();
        Path ingest = MessageIdSpillWriter.rejectedFile(plan.ingestDir());
        if (Files.exists(ingest)) files.add(ingest);
        if (Files.isDirectory(plan.rejectedDir())) {
            try (Stream<Path> s = Files.list(plan.rejectedDir())) {
                files.addAll(s.sorted().toList());
            }
        }
        List<RowRejection> rows = new ArrayList<>();
        for (Path f : files) {
            try (SpillInput in = new SpillInput(f)) {
                while (in.hasMore()) rows.add(IngestRecord.readRejection(in));
            }
        }
        rows.sort(Comparator.comparing(RowRejection::source).thenComparingLong(RowRejection::row));
        List<RejectedRow> rejected = new ArrayList<>(rows.size());
        for (RowRejection r : rows) rejected.add(new RejectedRow(r.source(), r.row(), r.messageId(), r.reason()));
        return rejected;
    }

    /** WABA id → name from accounts.csv; none when it cannot be read (it may be what failed the run). */
    private Map<String, String> wabaNames() {
        Map<String, String> names = new HashMap<>();
        try {
            for (Account a : AccountDirectory.load(props.accounts()).accounts()) names.put(a.wabaId(), a.name());
        } catch (RuntimeException e) {
            // the report shows the ids alone
        }
        return names;
    }
}
