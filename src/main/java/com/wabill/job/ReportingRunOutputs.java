package com.wabill.job;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.wabill.ingest.RowRejection;
import com.wabill.rating.Account;
import com.wabill.rating.AccountDirectory;
import com.wabill.report.HtmlReport;
import com.wabill.report.InvoicePage;
import com.wabill.report.LedgerCsvFiles;
import com.wabill.report.PolicyViolations;
import com.wabill.report.RejectedRow;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.report.SummaryTable;
import com.wabill.invoicing.WabaMonth;
import com.wabill.spill.IngestRecord;
import com.wabill.spill.SpillInput;

/**
 * The run's files for people and machines: the CSV files of SPEC 3.2, {@code report.html} with an invoice page per
 * invoice, {@code summary.json}, and the summary table in the log.
 */
@Component
public class ReportingRunOutputs implements RunOutputs {

    private static final Logger log = LoggerFactory.getLogger(ReportingRunOutputs.class);

    private final WabillProperties props;
    private final JdbcTemplate jdbc;

    public ReportingRunOutputs(WabillProperties props, JdbcTemplate jdbc) {
        this.props = props;
        this.jdbc = jdbc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings,
            PolicyViolations policyViolations) throws Exception {
        Path out = props.output();
        List<WabaMonth> touched = new ArrayList<>(RunContext.of(execution).touchedMonths());
        List<RejectedRow> rejected = new ArrayList<>();
        for (RowRejection r : rejectedRows(plan)) rejected.add(new RejectedRow(r.source(), r.row(), r.messageId(), r.reason()));

        AccountDirectory accounts = AccountDirectory.load(props.accounts());
        Map<String, String> names = new HashMap<>();
        for (Account a : accounts.accounts()) names.put(a.wabaId(), a.name());

        RunSummary.Builder summary = RunSummary.builder(execution.getJobInstance().getJobName())
                .executionId(execution.getId())
                .status(RunSummary.Status.COMPLETED)
                .range(plan.from(), plan.to());
        mode(summary, execution);
        counts(summary, counters, jdbc, execution.getId());
        if (plan.warmup()) summary.coldStart(props.warmupDays());
        for (RejectedRow r : rejected) summary.addRejected(r);
        jdbc.query("select category, type, count(*) from conversation where day between ? and ?"
                + " and pricing_model = 'CBP' group by category, type",
                rs -> {
                    summary.addConversations(rs.getString(1), rs.getString(2), rs.getLong(3));
                }, plan.from(), plan.to());
        jdbc.query("select pricing_category, count(*) from priced_message where day between ? and ?"
                + " and outcome = 'CHARGED' group by pricing_category",
                rs -> {
                    summary.addChargedMessages(rs.getString(1), rs.getLong(2));
                }, plan.from(), plan.to());
        jdbc.query("select waba_id, currency, sum(amount) from (select waba_id, currency, amount from conversation"
                + " where day between ? and ? union all select waba_id, currency, amount from priced_message"
                + " where day between ? and ?) c group by waba_id, currency order by waba_id",
                rs -> {
                    String waba = rs.getString(1);
                    BigDecimal amount = rs.getBigDecimal(3);
                    summary.addCharge(waba, rs.getString(2), amount);
                    if (!accounts.isKnown(waba)) summary.addUnknownWaba(waba);
                }, plan.from(), plan.to(), plan.from(), plan.to());
        summary.policyViolations(policyViolations);
        for (String w : warnings) summary.warn(w);
        stepTimes(summary, execution);

        // discrepancies.csv is the reconcile step's: written there when Meta's export was compared, absent when not
        LedgerCsvFiles csv = new LedgerCsvFiles(jdbc);
        List<Path> files = new ArrayList<>();
        files.add(csv.writeInvoices(out, touched));
        files.add(csv.writeInvoiceLines(out, touched));
        files.add(csv.writePayments(out, touched));
        files.add(LedgerCsvFiles.writeRejectedRows(out, rejected));
        Path discrepancies = out.resolve(LedgerCsvFiles.DISCREPANCIES);
        boolean reconciled = execution.getStepExecutions().stream()
                .anyMatch(se -> se.getStepName().equals("reconcile") && !se.getExecutionContext().containsKey("reconcile.skipped"));
        if (reconciled) files.add(discrepancies);
        else Files.deleteIfExists(discrepancies);
        files.add(out.resolve("conversations"));
        files.add(out.resolve("message_outcomes"));
        files.addAll(InvoicePage.write(out, jdbc, touched, names));
        for (Path f : files) summary.outputFile(f);
        summary.outputFile(out.resolve(HtmlReport.FILE));
        summary.outputFile(out.resolve(SummaryJson.FILE));
        RunSummary built = summary.build();
        HtmlReport.write(out, jdbc, built, touched, rejected, names);
        SummaryJson.write(out.resolve(SummaryJson.FILE), built);
        log.info("\n{}", SummaryTable.render(built));
    }

    /** How the run chose its days: a {@code mode} job parameter is set when the days were chosen for it. */
    static void mode(RunSummary.Builder summary, JobExecution execution) {
        String mode = execution.getJobParameters().getString("mode");
        summary.mode(mode == null ? RunSummary.Mode.EXPLICIT_RANGE : RunSummary.Mode.CATCH_UP,
                mode == null ? "from/to given" : mode);
    }

    /** The counters the steps left ({@link RunCounters}) and the discrepancies of this execution. */
    static void counts(RunSummary.Builder summary, Map<String, Long> counters, JdbcTemplate jdbc, long executionId) {
        summary.addRowsRead(counters.getOrDefault("ingest.accepted", 0L) + counters.getOrDefault("ingest.rejected", 0L))
                .addAccepted(counters.getOrDefault("count.accepted", 0L))
                .addMergedDuplicates(counters.getOrDefault("count.mergedCopies", 0L))
                .addMessagesReplayed(counters.getOrDefault("count.replayed", 0L))
                .addMessagesLeftForLaterRun(counters.getOrDefault("count.leftForLater", 0L))
                .addLateDeliveries(counters.getOrDefault("count.lateDeliveries", 0L));
        Long discrepancies = jdbc.queryForObject("select count(*) from discrepancy where job_execution_id = ?",
                Long.class, executionId);
        summary.discrepancies(discrepancies == null ? 0 : discrepancies);
    }

    /** Wall time of the steps that ran in this execution, in the order they started (partitions inside theirs). */
    static void stepTimes(RunSummary.Builder summary, JobExecution execution) {
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getId, Comparator.nullsLast(Comparator.naturalOrder())));
        for (StepExecution se : steps) {
            if (se.getStepName().contains(":") || se.getStartTime() == null) continue;
            var end = se.getEndTime() != null ? se.getEndTime() : java.time.LocalDateTime.now();
            summary.stepTime(se.getStepName(), Duration.between(se.getStartTime(), end).toMillis());
        }
    }

    /** Every row the run rejected: at ingest (invalid values) and at de-duplication (conflicting copies). */
    public static List<RowRejection> rejectedRows(RunPlan plan) throws Exception {
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
        return rows;
    }

    static TreeSet<LocalDate> days(RunPlan plan) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) days.add(d);
        return days;
    }
}
