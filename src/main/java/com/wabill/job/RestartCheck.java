package com.wabill.job;

import org.springframework.batch.core.job.JobExecution;

/**
 * Whether a stopped run may be continued. A run restarted after a failure continues from what it planned; when its
 * input has changed since (an operator replaced a broken log file, say), continuing would bill the old input, so the
 * range is started afresh instead.
 */
public interface RestartCheck {

    /**
     * @param stopped the last execution of a job instance, failed or recovered after its process died, with its context
     * @return why the run must start afresh instead of continuing, or null when it may continue
     */
    String startAfresh(JobExecution stopped);
}
