package com.wabill.job;

import org.springframework.batch.core.job.JobExecution;

/** The two jobs (SPEC 5), by name. */
public final class Jobs {

    /** Replay, rate, invoice, reconcile when Meta's export is there, publish. */
    public static final String BILLING = "billing";
    /** Reconcile billed months again against a new Meta export, without replaying. */
    public static final String RECONCILE = "reconcile";

    private Jobs() {
    }

    public static boolean isBilling(JobExecution execution) {
        return BILLING.equals(execution.getJobInstance().getJobName());
    }

    public static boolean isReconcile(JobExecution execution) {
        return RECONCILE.equals(execution.getJobInstance().getJobName());
    }
}
