/**
 * Invoicing: invoices, their revisions and payments, as pure streaming calculators over a month's
 * {@link com.wabill.invoicing.Charge}s: no Spring, no SQL, no files. Decisions: docs/decisions.md#invoicing.
 */
package com.wabill.invoicing;
