/**
 * Reconciliation (SPEC 4): Meta's export read and compared with the replay by pure reconcilers; no
 * Spring, no SQL. Decisions: docs/decisions.md#reconciliation.
 */
package com.wabill.reconciliation;
