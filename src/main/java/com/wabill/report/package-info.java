/**
 * The outputs written from the ledger at the end of a run (SPEC 3.2, 3.3, 4): the CSV files, {@code summary.json},
 * the console summary, {@code report.html} and one page per invoice revision.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Which rows.</b> {@code invoices.csv}, {@code invoice_lines.csv} and {@code payments.csv} list every revision
 * (and every payment) of the (WABA, local month) pairs the run touched, given as {@link com.wabill.invoicing.WabaMonth}s.
 * {@code discrepancies.csv} is the reconcile step's ({@code reconciliation.DiscrepancyCsv}). {@code rejected_rows.csv}
 * lists what the caller passes, in its order.</li>
 * <li><b>No SQL here.</b> The job reads the ledger ({@code ledger.OutputQueries}) and hands plain values
 * ({@link com.wabill.report.LedgerFigures}, a day's conversations through a source) to the writers; view models
 * ({@link com.wabill.report.HtmlReport#view}, {@link com.wabill.report.InvoicePage}) are built before rendering.</li>
 * <li><b>CSV</b> through Jackson's CSV generator with {@code STRICT_CHECK_FOR_QUOTING}: a field is quoted exactly when
 * it holds a comma, a double quote, CR or LF (Jackson's default, looser check would quote more and change the
 * bytes).</li>
 * <li><b>Order.</b> By WABA id, period, revision, line number (payments: sequence), compared byte-wise
 * ({@code collate "C"}), never by the database's locale, so that re-runs write identical bytes. The HTML report
 * shows the discrepancies largest |difference| first (at most 1,000; the CSV has them all).</li>
 * <li><b>Values.</b> Amounts and rates as stored ({@code numeric} → {@link java.math.BigDecimal#toPlainString()}:
 * {@code 0.0625} stays {@code 0.0625}, {@code 0} stays {@code 0}, {@code 0.0080} keeps its zero); timestamps as
 * {@link java.time.Instant#toString()} (UTC, {@code Z}, fractional seconds only when present); nulls empty.</li>
 * <li><b>Atomic files.</b> Every file is written under a hidden temporary name in its own directory, forced to
 * disk, then renamed over the target (atomic move where the file system allows), with mode 0644.</li>
 * <li><b>summary.json.</b> Jackson 3; dates ISO 8601; amounts as JSON strings so that no reader turns them into
 * binary floating point; unknown properties ignored and missing ones defaulted when reading. Maps keyed by name
 * are sorted; {@code stepMillis} keeps the order the steps ran in. Policy-violation examples are the 20 earliest
 * (time, then message id), whatever order the steps report them in.</li>
 * <li><b>Contacts.</b> {@link com.wabill.report.ContactMask} keeps the E.164 country calling code (1–3 digits by
 * the ITU assignment rule) and the last four digits: {@code 5511987650001} → {@code +55 *******0001}. The summary
 * only ever holds masked contacts. Free text written by other steps (reasons, discrepancy details, warnings) is
 * escaped but not scanned for numbers: those steps must not put whole contact numbers into it. Business phone
 * numbers (the discrepancies' {@code phone_number}) are not personal data and are shown whole.</li>
 * <li><b>report.html</b> is one file, rendered by Thymeleaf (standalone) from {@code templates/report.html}: inline
 * CSS, charts as inline SVG whose geometry {@link com.wabill.report.SvgChart} works out in Java (tooltips through SVG
 * {@code <title>}), no script, no external resource; text escaped by {@code th:text}. Its ledger figures (per WABA,
 * per category, charts) cover the touched months in full, whatever runs wrote them; the summary's counts cover this
 * run only. Per-day charts use the UTC day of opening (conversations) or of the event (priced messages), gaps
 * filled with empty days. Under "Conversations" it counts CBP conversations as the invoices do; PMP free entry
 * point windows are shown apart.</li>
 * <li><b>From 2026-10-01</b> (SPEC 2.10): report.html, the invoice pages and summary.json show each business phone
 * number's use of its monthly free service messages ({@link com.wabill.report.FreeServiceMessages}: used, left,
 * charged beyond, with what those cost per currency) for the months whose regime ({@code engine.PricingRegime} of
 * the month's first day) has that free tier; the service and utility charges of those months per currency; and a
 * WABA's invoices per currency side by side when it has more than one. In-window utility templates are charged like
 * the others and counted with them: the ledger does not record whether a template went out inside the window, so
 * they are not shown apart.</li>
 * <li><b>Invoice pages</b> are {@code invoices/<waba>-<period>-r<n>.html} ({@code <waba>-<period>-<currency>-r<n>.html}
 * when the month has invoices in two currencies); characters outside
 * {@code [A-Za-z0-9_.-]} become {@code _} and such a name gets a short hash of the original id, so that two ids
 * never share a file. A page shows the payments of its month (payments belong to the month, not to a revision),
 * the sum of the lines (unrounded) and the rounded total, and from revision 2 the lines whose quantity or amount
 * changed from the revision before (lines matched by pricing model, category, type, market, currency and rate by
 * value: a corrected rate shows as one line gone and one new).</li>
 * </ul>
 */
package com.wabill.report;
