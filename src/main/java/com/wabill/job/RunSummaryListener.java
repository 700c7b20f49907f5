package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.wabill.ingest.RowRejection;
import com.wabill.rating.Account;
import com.wabill.rating.AccountDirectory;
import com.wabill.report.FailureLine;
import com.wabill.report.HtmlReport;
import com.wabill.report.LedgerCsvFiles;
import com.wabill.report.RejectedRow;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.report.SummaryTable;
import com.wabill.invoicing.WabaMonth;

/**
 * The summary of every run: the summary table in the log, {@code summary.json} and {@code report.html}, also for
 * the runs that do not reach the billing job's publish step ({@link ReportingRunOutputs} writes those of a
 * completed billing run). A failed or stopped run says so at the top, with the line that tells what to do; the
 * reconcile job reports the months it compared and their discrepancies; a run with nothing to bill writes
 * {@code summary.json} and leaves the last report as it was.
 *
 * <p>Writing the summary never hides the run's own outcome: a problem here is logged as a warning.
 */
@Component
public class RunSummaryListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunSummaryListener.class);

    private final WabillProperties props;
    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;

    public RunSummaryListener(WabillProperties props, JdbcTemplate jdbc, JobRepository jobRepository) {
        this.props = props;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (Jobs.isBilling(execution) && execution.getStatus() == BatchStatus.COMPLETED) return; // the publish step wrote them
        try {
            write(execution);
        } catch (Exception e) {
            log.warn("Could not write the summary of {} execution {}: {}", execution.getJobInstance().getJobName(),
                    execution.getId(), e.toString());
        }
    }

    /** A run that found every day billed: {@code summary.json} and the table say so; the last report stays. */
    public void nothingToBill(String jobName, String reason) {
        try {
            Path file = props.output().resolve(SummaryJson.FILE);
            RunSummary summary = RunSummary.builder(jobName).status(RunSummary.Status.NOTHING_TO_BILL)
                    .mode(RunSummary.Mode.CATCH_UP, reason).outputFile(file).build();
            Files.createDirectories(props.output());
            SummaryJson.write(file, summary);
            log.info("\n{}", SummaryTable.render(summary));
        } catch (Exception e) {
            log.warn("Could not write {}: {}", SummaryJson.FILE, e.toString());
        }
    }

    /**
     * The line that ends a run that did not complete: the job and its days, the step, the cause with the file and
     * line it names, and what to do.
     */
    public static String failureLine(JobExecution execution) {
        String from = execution.getJobParameters().getString("from");
        String to = execution.getJobParameters().getString("to");
        String run = execution.getJobInstance().getJobName() + (from == null ? "" : " " + from + ".." + to);
        StepExecution step = failedStep(execution);
        Throwable cause = null;
        if (step != null && !step.getFailureExceptions().isEmpty()) cause = step.getFailureExceptions().get(0);
        if (cause == null) {
            cause = execution.getAllFailureExceptions().stream()
                    .filter(t -> !(t.getMessage() != null && t.getMessage().startsWith("Partition handler returned")))
                    .findFirst().orElse(null);
        }
        if (cause == null && execution.getStatus() == BatchStatus.FAILED) {
            String description = execution.getExitStatus().getExitDescription();
            cause = new IllegalStateException(description == null || description.isBlank() ? "no cause recorded" : description);
        }
        return FailureLine.forJob(run, execution.getStatus().toString(), step == null ? null : step.getStepName(), cause);
    }

    /** The step where it went wrong: a failed bucket rather than its partitioned step, the first one to fail. */
    static StepExecution failedStep(JobExecution execution) {
        List<StepExecution> failed = new ArrayList<>();
        for (StepExecution se : execution.getStepExecutions()) {
            if (se.getStatus() == BatchStatus.FAILED || se.getStatus() == BatchStatus.STOPPED
                    || se.getStatus() == BatchStatus.STOPPING) {
                failed.add(se);
            }
        }
        Comparator<StepExecution> order = Comparator
                .comparing((StepExecution se) -> se.getFailureExceptions().isEmpty())
                .thenComparing(se -> !se.getStepName().contains(":"))
                .thenComparing(StepExecution::getId, Comparator.nullsLast(Comparator.naturalOrder()));
        return failed.stream().min(order).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private void write(JobExecution execution) throws Exception {
        Path out = props.output();
        String jobName = execution.getJobInstance().getJobName();
        ExecutionContext jobCtx = execution.getExecutionContext();
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        RunSummary.Builder summary = RunSummary.builder(jobName).executionId(execution.getId())
                .status(completed ? RunSummary.Status.COMPLETED
                        : execution.getStatus() == BatchStatus.STOPPED ? RunSummary.Status.STOPPED : RunSummary.Status.FAILED);
        String from = execution.getJobParameters().getString("from");
        String to = execution.getJobParameters().getString("to");
        if (from != null && to != null) summary.range(LocalDate.parse(from), LocalDate.parse(to));

        RunContext run = RunContext.of(execution);
        RunPlan plan = run.planIfMade().orElse(null);
        List<WabaMonth> touched = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        if (plan == null && !Jobs.isReconcile(execution)) {
            // a billing run that failed before its plan was made
            ReportingRunOutputs.mode(summary, execution);
            ReportingRunOutputs.counts(summary, Map.of(), jdbc, execution.getId());
        } else if (plan != null) {
            // a billing run that stopped on the way: what its completed steps did
            ReportingRunOutputs.mode(summary, execution);
            if (plan.warmup()) summary.coldStart(props.warmupDays());
            ReportingRunOutputs.counts(summary, RunCounters.collect(jobRepository, execution), jdbc, execution.getId());
            touched.addAll(run.touchedMonths());
            try {
                for (RowRejection r : ReportingRunOutputs.rejectedRows(plan)) {
                    rejected.add(new RejectedRow(r.source(), r.row(), r.messageId(), r.reason()));
                }
            } catch (Exception e) {
                rejected.clear(); // spill files of a step that did not finish: no list then
            }
            for (RejectedRow r : rejected) summary.addRejected(r);
        } else {
            // the reconcile job: the months it compared
            summary.mode(from == null ? null : RunSummary.Mode.EXPLICIT_RANGE,
                    from == null ? "the months Meta's export covers" : "the months touching " + from + ".." + to);
            ReportingRunOutputs.counts(summary, Map.of(), jdbc, execution.getId());
            List<String> months = jdbc.queryForList("select months from reconciliation_run where job_execution_id = ?",
                    String.class, execution.getId());
            for (String list : months) {
                if (list == null || list.isBlank()) continue;
                for (String wm : list.split(",")) {
                    String[] p = wm.split("\\|", 2);
                    if (p.length == 2) touched.add(new WabaMonth(p[0], p[1]));
                }
            }
            if (completed) summary.outputFile(out.resolve(LedgerCsvFiles.DISCREPANCIES));
        }
        if (!completed) {
            String line = failureLine(execution);
            summary.failure(line);
            if (!Jobs.isReconcile(execution)) {
                summary.warn("The counts cover the steps that completed before the run stopped.");
            }
        }
        ReportingRunOutputs.stepTimes(summary, execution);
        summary.outputFile(out.resolve(HtmlReport.FILE));
        summary.outputFile(out.resolve(SummaryJson.FILE));
        RunSummary built = summary.build();

        Files.createDirectories(out);
        HtmlReport.write(out, jdbc, built, touched, rejected, wabaNames());
        SummaryJson.write(out.resolve(SummaryJson.FILE), built);
        log.info("\n{}", SummaryTable.render(built));
    }

    private Map<String, String> wabaNames() {
        Map<String, String> names = new HashMap<>();
        try {
            for (Account a : AccountDirectory.load(props.accounts()).accounts()) names.put(a.wabaId(), a.name());
        } catch (RuntimeException e) {
            // accounts.csv may be what failed: the report shows the ids alone
        }
        return names;
    }
}
