package com.wabill.launch;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;
import com.wabill.job.RestartCheck;

/**
 * What to do with a run that stopped before completing (it failed, or its process died): continue it, or start its
 * range afresh because its input changed since it was planned ({@link RestartCheck}); and a run left UNKNOWN is
 * released for its restart.
 */
@Component
public class StoppedRuns {

    private static final Logger log = LoggerFactory.getLogger(StoppedRuns.class);

    private final JobRepository jobRepository;
    private final List<RestartCheck> checks;

    public StoppedRuns(JobRepository jobRepository, List<RestartCheck> checks) {
        this.jobRepository = jobRepository;
        this.checks = checks;
    }

    /** Why {@code stopped} must not be continued but its range started afresh, or null to continue it. */
    String whyStartAfresh(JobExecution stopped) {
        JobExecution full = jobRepository.getJobExecution(stopped.getId());
        for (RestartCheck check : checks) {
            String why = check.startAfresh(full != null ? full : stopped);
            if (why != null) return why;
        }
        return null;
    }

    /**
     * A step (or the job) left UNKNOWN: its last commit failed in a way that could not be told committed or rolled
     * back (the database went away during the commit), so Spring Batch would refuse to restart it. Every step of
     * these jobs can be repeated safely (a replay bucket that committed knows it from its context), so it is marked
     * FAILED and restarted.
     */
    void releaseUnknown(JobExecution stopped) {
        JobExecution full = jobRepository.getJobExecution(stopped.getId());
        if (full == null) return;
        for (StepExecution step : full.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                log.warn("Step {} of execution {} ended UNKNOWN (its last commit may or may not have happened);"
                        + " it is safe to repeat: restarting it.", step.getStepName(), full.getId());
                step.setStatus(BatchStatus.FAILED);
                jobRepository.update(step);
            }
        }
        if (full.getStatus() == BatchStatus.UNKNOWN) {
            full.setStatus(BatchStatus.FAILED);
            jobRepository.update(full);
        }
    }
}
