package com.wabill.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Adds up the counters that steps and bucket partitions left in their execution contexts, over every execution
 * of the job instance: after a restart, buckets finished by the failed execution still count, once.
 */
public final class RunCounters {

    private RunCounters() {
    }

    public static Map<String, Long> collect(JobRepository repo, JobExecution current) {
        Map<String, StepExecution> latest = new HashMap<>();
        List<JobExecution> executions = repo.getJobExecutions(current.getJobInstance());
        for (JobExecution je : executions) {
            JobExecution full = je.getId() == current.getId() ? current : repo.getJobExecution(je.getId());
            for (StepExecution se : full.getStepExecutions()) {
                if (se.getStatus() != BatchStatus.COMPLETED) continue;
                StepExecution seen = latest.get(se.getStepName());
                if (seen == null || seen.getId() < se.getId()) latest.put(se.getStepName(), se);
            }
        }
        Map<String, Long> totals = new TreeMap<>();
        for (StepExecution se : latest.values()) {
            se.getExecutionContext().entrySet().forEach(e -> {
                String key = e.getKey();
                if ((key.startsWith("count.") || key.startsWith("carry.") || key.startsWith("ingest."))
                        && e.getValue() instanceof Number n) {
                    totals.merge(key, n.longValue(), Long::sum);
                }
            });
        }
        return totals;
    }
}
