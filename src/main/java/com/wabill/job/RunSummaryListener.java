package com.wabill.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.wabill.report.FailureLine;
import com.wabill.report.SummaryJson;

/**
 * The summary of the runs that do not reach the billing job's publish step (which writes its own through
 * {@link RunReports}): a failed or stopped billing run, a reconcile run, and a run with nothing to bill. A failed
 * or stopped run says so at the top, with the line that tells what to do.
 *
 * <p>Writing the summary never hides the run's own outcome: a problem here is logged as a warning.
 */
@Component
public class RunSummaryListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunSummaryListener.class);

    private final RunReports reports;

    public RunSummaryListener(RunReports reports) {
        this.reports = reports;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (Jobs.isBilling(execution) && execution.getStatus() == BatchStatus.COMPLETED) return; // the publish step wrote them
        try {
            reports.writeEnded(execution);
        } catch (Exception e) {
            log.warn("Could not write the summary of {} execution {}: {}", execution.getJobInstance().getJobName(),
                    execution.getId(), e.toString());
        }
    }

    /** A run that found every day billed: {@code summary.json} and the table say so; the last report stays. */
    public void nothingToBill(String jobName, String reason) {
        try {
            reports.writeNothingToBill(jobName, reason);
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
}
