/**
 * Reconciliation in the jobs (SPEC 4, 5): the billing job's {@code reconcile} step and the {@code reconcile} job,
 * both running {@link com.wabill.reconciliation.job.ReconcileTasklet} over the ledger
 * ({@link com.wabill.reconciliation.job.LedgerReader}).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>What is persisted.</b> {@code conversation_link} (V3) keeps every outbound message whose log row carries
 *       {@code meta_conversation_id}, failed ones excepted, with the replay's conversation id, outcome, event time,
 *       pricing model and UTC day; written by the replay's {@code LedgerSink} with COPY in the bucket's transaction,
 *       deleted by day when the days are billed again. The replay's category and type are joined at read time
 *       ({@code conversation} by conversation id, else {@code priced_message} by message id), so month rating that
 *       changes a type is seen. A message the replay refused (outside the service window) is kept: Meta giving it a
 *       conversation id is a {@code MISSING_IN_LOGS}.</li>
 *   <li><b>Replay items</b> are the ledger's CBP conversations ({@code pricing_model = 'CBP'}: free ones and CBP
 *       free entry point conversations included, PMP free entry point windows not) and its priced messages, of the
 *       months in scope by {@code local_month}; links by their event time in the WABA's month.</li>
 *   <li><b>Billing job.</b> The months the run touched ({@code touched.months}); the billed days are the ledger's
 *       and the run's own (recorded only when it publishes). When {@code wabill.meta-billing} does not exist the
 *       step logs one INFO line and does nothing (no rows, no file); a path that exists but is not a directory, or
 *       a malformed file, fails the step with the file and problem named, and the same command restarts the run at
 *       this step once the export is fixed.</li>
 *   <li><b>Reconcile job.</b> No replay, one step. With {@code from}/{@code to}: the months of every WABA of the
 *       ledger (its invoices) and of the export that those UTC days touch. Without: the months the export covers
 *       ({@link com.wabill.reconciliation.ReconciliationScope#coveredBy}). A missing export directory fails the
 *       job. Job parameters are {@code from}, {@code to} (both or neither) and the launcher's {@code attempt}.</li>
 *   <li><b>Outputs.</b> The rows go to {@code discrepancy} with the job execution id and the comparison that found
 *       them ({@code AGGREGATE}, {@code CONVERSATION}, {@code INVOICE}); a restarted step replaces its rows. One
 *       {@code reconciliation_run} row records the scope and counts. {@code discrepancies.csv} (all rows of this
 *       execution, canonical order, header only when clean) is written by the step, atomically, to
 *       {@code wabill.output}; a skipped step leaves the output alone.</li>
 * </ul>
 */
package com.wabill.reconciliation.job;
