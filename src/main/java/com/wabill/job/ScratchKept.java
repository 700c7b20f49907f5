package com.wabill.job;

import java.nio.file.Files;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Whether a stopped billing run still has its scratch folder: a restart continues from the files its completed steps
 * left there. Gone (the run is restarted on another machine, the folder was on a temporary volume such as a
 * Kubernetes {@code emptyDir}, or someone deleted it), the range is started afresh instead of failing again and again
 * on files that will never come back ({@link RestartCheck}).
 */
@Component
public class ScratchKept implements RestartCheck {

    /** The last step: once it completed, nothing left to do reads the scratch folder. */
    static final String PUBLISH = "publish";

    private final JobRepository jobRepository;

    public ScratchKept(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public String startAfresh(JobExecution stopped) {
        if (!Jobs.isBilling(stopped)) return null;
        RunContext run = RunContext.of(stopped);
        if (!run.isPlanned()) return null; // not planned yet: the restart plans, and makes the folder
        RunPlan plan = run.plan();
        if (Files.isDirectory(plan.workDir())) return null;
        // killed after its last step, before its end was recorded: the folder went with the completed work
        StepExecution publish = jobRepository.getLastStepExecution(stopped.getJobInstance(), PUBLISH);
        if (publish != null && publish.getStatus() == BatchStatus.COMPLETED) return null;
        return "its scratch folder " + plan.workDir() + " is gone (another machine, a temporary volume, or deleted)";
    }
}
