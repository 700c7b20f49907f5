/**
 * Invoicing: invoices, their revisions and payments, as pure streaming calculators over the
 * month's {@link com.wabill.invoicing.Charge charges}. No Spring here; the job wires these.
 *
 * <h2>Decisions where the SPEC is silent</h2>
 * <ul>
 *   <li><b>What counts</b>: CBP conversations and PMP messages are counted and put on lines. A PMP
 *       free entry point window (a CONVERSATION with model PMP) and a message priced through a CBP
 *       conversation (a MESSAGE with model CBP) are read past; a charge of either kind with an amount
 *       above zero is refused when built. A charge with an amount above zero must carry its rate.</li>
 *   <li><b>Lines</b> group by model, category, type, market and rate by value ({@code 0.008} and
 *       {@code 0.0080} are one line, shown with the larger scale so that the result does not depend on
 *       arrival order); no rate (free) is its own group. Order: model, category, type (enum order),
 *       market (text), rate (value, none first).</li>
 *   <li><b>Month</b>: a charge belongs to the local month of its instant in the WABA's zone; a builder
 *       or schedule refuses charges of another WABA, currency or month.</li>
 *   <li><b>Revisions</b> count from 1. A CLOSED month stays CLOSED (a computed OPEN invoice does not
 *       reopen it). Content compares counts, totals and lines by value, not revision or status.
 *       See {@link com.wabill.invoicing.InvoiceRevision}.</li>
 *   <li><b>Payments</b>: one charge makes at most one THRESHOLD payment, however many thresholds it
 *       crosses; a THRESHOLD payment that would round to zero is not made (cannot happen with thresholds
 *       in whole minor units, which accounts.csv enforces); the month-end remainder can never be negative
 *       (proof in {@link com.wabill.invoicing.PaymentSchedule}, checked by a property test);
 *       {@code finish} refuses an invoice whose exact total differs from the charges it saw. The
 *       running total is of the month only (unpaid charges do not carry into the next month: the
 *       MONTH_END payment settles them).</li>
 *   <li><b>Status</b>: with nothing billed yet, OPEN.</li>
 * </ul>
 */
package com.wabill.invoicing;
