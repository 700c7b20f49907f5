/**
 * Ingest (SPEC 1.1): finding and reading the exported message logs, validating rows, merging copies of a
 * message, and {@link com.wabill.ingest.DedupeRules}, the pure rules of what becomes of a message. Decisions:
 * docs/decisions.md#ingest.
 */
package com.wabill.ingest;
