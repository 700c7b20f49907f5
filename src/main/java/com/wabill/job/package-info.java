/**
 * The billing and reconcile jobs, Spring Batch only: job and step configuration, one tasklet per step, listeners
 * (progress, run summary) and the typed {@link com.wabill.job.RunContext}. Decisions: docs/decisions.md#job.
 */
package com.wabill.job;
