package com.wabill.job;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import com.wabill.report.LedgerParquetFiles;
import com.wabill.report.PolicyViolations;

/** The run's output files: the Parquet partitions while publishing, then the CSV files, report and summary. */
public interface RunOutputs {

    /**
     * The writer of the run's {@code conversations/} and {@code message_outcomes/} partitions, fed from the ledger, with
     * the prices month rating changed from {@code repriced}.
     */
    LedgerParquetFiles parquetFiles(long jobExecutionId, LedgerParquetFiles.PriceSource repriced);

    /**
     * Writes the CSV files, the invoice pages, {@code report.html} and {@code summary.json} once the ledger is final.
     *
     * @param policyViolations the run's {@code OUTSIDE_SERVICE_WINDOW} messages, gathered while its outcomes were
     *                         published
     */
    void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings,
            PolicyViolations policyViolations) throws Exception;
}
