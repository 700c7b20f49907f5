package com.wabill.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * A run planned before V12 put its threads into buckets by the remainder of their hash; buckets are ranges of it now
 * ({@code AcceptedMessage#bucketOfHash}), and the ledger's carried states are read by those ranges. Its spills would
 * be replayed with another bucket's states: the range is started afresh.
 */
@Component
public class BucketsByHashRange implements RestartCheck {

    @Override
    public String startAfresh(JobExecution stopped) {
        if (!Jobs.isBilling(stopped) || !RunPlan.isStoredIn(stopped.getExecutionContext())) return null;
        if (RunPlan.bucketsByHashRange(stopped.getExecutionContext())) return null;
        return "it was planned by a version before V12, which put threads into buckets by the remainder of their hash"
                + " (buckets are ranges of it now)";
    }
}
