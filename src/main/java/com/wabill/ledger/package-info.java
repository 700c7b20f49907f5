/**
 * The billing ledger in PostgreSQL: every SQL statement and advisory lock of billing, one class per table family
 * ({@code CopyStream} and {@link com.wabill.ledger.LedgerLoad} for the replay's bulk load), in the caller's transaction.
 * Decisions: docs/decisions.md#ledger.
 */
package com.wabill.ledger;
