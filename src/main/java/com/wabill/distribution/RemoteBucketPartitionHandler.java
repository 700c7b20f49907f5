package com.wabill.distribution;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

import com.wabill.job.StepProgress;

/**
 * The manager's side of a remote partitioned step: the workers' results come back from the job repository as new
 * objects, while the job execution this process holds still has the partitions as it created them (STARTING, with
 * only their bucket number). This copies what the workers recorded (status, exit status, counts, context) onto those,
 * so that everything after the step — the run's counters, the summary, the failure line, the progress line — sees
 * the same job execution as after a local run. A failed bucket's exception is known here only as the text the worker
 * recorded, which becomes a {@link RemoteBucketException}.
 */
final class RemoteBucketPartitionHandler implements PartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemoteBucketPartitionHandler.class);

    private final PartitionHandler delegate;
    private final StepProgress progress;

    RemoteBucketPartitionHandler(PartitionHandler delegate, StepProgress progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStep) throws Exception {
        log.info("{}: sending the buckets to the workers", managerStep.getStepName());
        Collection<StepExecution> results = delegate.handle(splitter, managerStep);
        Map<Long, StepExecution> held = new HashMap<>();
        for (StepExecution se : managerStep.getJobExecution().getStepExecutions()) held.put(se.getId(), se);
        for (StepExecution result : results) {
            StepExecution mine = held.get(result.getId());
            if (mine == null || mine == result) continue;
            mine.setStatus(result.getStatus());
            mine.setExitStatus(result.getExitStatus());
            mine.setExecutionContext(result.getExecutionContext());
            mine.setReadCount(result.getReadCount());
            mine.setWriteCount(result.getWriteCount());
            mine.setFilterCount(result.getFilterCount());
            mine.setCommitCount(result.getCommitCount());
            mine.setRollbackCount(result.getRollbackCount());
            mine.setStartTime(result.getStartTime());
            mine.setEndTime(result.getEndTime());
            mine.setLastUpdated(result.getLastUpdated());
            mine.setVersion(result.getVersion());
            if (result.getStatus() == BatchStatus.FAILED || result.getStatus() == BatchStatus.STOPPED) {
                mine.addFailureException(RemoteBucketException.of(result));
            }
            progress.afterStep(mine);
        }
        return results;
    }
}
