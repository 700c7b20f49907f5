package com.wabill.job;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * Runs the bucket partitions of the {@code dedupe} and {@code replay} steps. With {@code wabill.partitioning=local}
 * (the default) they run on this process's cores; with {@code manager} they are sent to worker processes
 * ({@code com.wabill.distribution}); a {@code worker} process runs the bucket steps it receives and never the job.
 */
@FunctionalInterface
public interface BucketPartitionHandlers {

    /** The handler of a partitioned step whose partitions are executions of {@code worker}. */
    PartitionHandler handler(Step worker);
}
