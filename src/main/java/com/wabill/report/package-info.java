/**
 * The outputs of a run rendered from plain view models (SPEC 3.2, 3.3, 4): the CSV files, {@code summary.json},
 * the console summary, {@code report.html} and the invoice pages; no SQL while rendering. Decisions:
 * docs/decisions.md#report.
 */
package com.wabill.report;
