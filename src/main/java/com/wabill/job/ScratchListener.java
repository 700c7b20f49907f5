package com.wabill.job;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Holds a billing run's scratch folder ({@link ScratchFolders}) for as long as the run: locked before its first step,
 * removed when it completes, kept (and unlocked) for its restart when it does not. A folder locked by another
 * process fails the run before any step ({@link ScratchFolderInUseException}: exit status 3).
 */
public class ScratchListener implements JobExecutionListener {

    private final ScratchFolders folders;

    public ScratchListener(ScratchFolders folders) {
        this.folders = folders;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        try {
            folders.acquire(execution.getJobInstance().getInstanceId());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the scratch folder under wabill.work-dir", e);
        }
        folders.sweep();
    }

    @Override
    public void afterJob(JobExecution execution) {
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        folders.release(execution.getJobInstance().getInstanceId(), completed);
        // a run planned by a version before issue 16 and completed by this one: its folder is the plan's
        if (completed) RunContext.of(execution).planIfMade().ifPresent(plan -> folders.removeLegacy(plan.workDir()));
    }
}
