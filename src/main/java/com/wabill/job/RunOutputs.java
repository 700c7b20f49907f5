package com.wabill.job;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import com.wabill.report.PolicyViolations;

/** Writes the run's CSV files, report and summary once the ledger is final. */
public interface RunOutputs {

    /**
     * @param policyViolations the run's {@code OUTSIDE_SERVICE_WINDOW} messages, gathered while its outcomes were
     *                         published
     */
    void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings,
            PolicyViolations policyViolations) throws Exception;
}
