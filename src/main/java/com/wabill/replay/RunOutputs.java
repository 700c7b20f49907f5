package com.wabill.replay;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

/** Writes the run's CSV files, report and summary once the ledger is final. */
public interface RunOutputs {

    void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings) throws Exception;
}
