/**
 * Reconciliation (SPEC 4): what the replay says against what Meta billed. A pure core without Spring; the job wires
 * it: {@link com.wabill.reconciliation.MetaBillingExport#load} reads Meta's export (SPEC 1.5), the three reconcilers
 * compare, {@link com.wabill.reconciliation.DiscrepancyCsv} writes {@code discrepancies.csv}.
 *
 * <h2>Decisions where the SPEC is silent</h2>
 * <ul>
 *   <li><b>Sides and sign.</b> "Expected" is the replay, "billed" is Meta; {@code difference} = billed − expected,
 *       in money (a positive difference: Meta charged more).</li>
 *   <li><b>Meta's names.</b> Matched case-insensitively, a dash read as an underscore: {@code authentication-international}
 *       (the status webhook's spelling) and AUTHENTICATION_INTERNATIONAL are {@code AUTHENTICATION_INTERNATIONAL};
 *       {@code marketing_lite} (the Marketing Messages API) is MARKETING, priced at the marketing rate (SPEC 4).
 *       A category or type name the replay does not know (the pre-2023 BUSINESS_INITIATED, …) never fails a file
 *       or a row: it is kept as written and reported as {@code UNKNOWN_META_CATEGORY} (one row per WABA, model and
 *       name in the analytics; one per WABA and value in the webhooks) with Meta's count (and cost), and is left out
 *       of the comparison. The category column of such a row is empty; the name is in the detail.
 *       {@code FREE_ENTRY} is read as FREE_ENTRY_POINT.</li>
 *   <li><b>Per-message pricing</b> ({@link com.wabill.reconciliation.MessagePricingReconciler}, SPEC 4 Messages):
 *       every PMP-priced message of the months in scope whose log row carries {@code meta_pricing_category} or
 *       {@code meta_pricing_type} is compared on the columns given. {@code PRICING_MISMATCH} rows are per WABA,
 *       phone number (the business phone number's digits, else the phone_number_id), local day and pair of (replay,
 *       Meta) pricings; category and type columns are the replay's, Meta's pair is in the detail; both counts are
 *       the number of messages (both sides priced each), the expected amount is what the replay charged, Meta's
 *       amount per message is not known (empty billed amount and difference). Up to ten message ids, by event
 *       time then id. The new meaning of {@code FREE_CUSTOMER_SERVICE} in {@code pricing_analytics} (a service
 *       message within the phone number's 1,000 free ones) and {@code REGULAR} service need nothing special: the
 *       replay's priced messages carry the same category and type.</li>
 *   <li><b>Tolerance.</b> Default half the currency's minor unit per compared line (bucket or invoice); a difference
 *       equal to it is not reported. Counts have no tolerance.</li>
 *   <li><b>Phone numbers</b> are compared by their digits. A WABA is compared without the phone dimension when any of
 *       its replay items lacks {@code business_phone_number} or any of its Meta data points lacks
 *       {@code phone_number}; its rows then have an empty phone number.</li>
 *   <li><b>Missing cost.</b> A data point without {@code cost} (Meta hides it from businesses billed through a
 *       Solution Partner) is compared on counts only.</li>
 *   <li><b>DAILY buckets</b> written by {@code MetaExportWriter} (a test fixture) follow the WABA's local
 *       days, as Meta's own samples do (they start at local midnight); UTC days on request. The reconciler uses each
 *       data point's own interval, so it accepts any granularity.</li>
 *   <li><b>Conversation comparison</b> pairs Meta's and the replay's conversations by their opening message, then by
 *       a shared message; unpaired Meta conversations are {@code MISSING_IN_LOGS}, unpaired replay conversations
 *       {@code MISSING_AT_META}; see {@link com.wabill.reconciliation.ConversationReconciler}. Its input carries
 *       each message's event time and pricing model besides the fields of the brief.</li>
 *   <li><b>Invoices.</b> Per WABA, month and currency (a month in which the WABA changed currency has two invoices,
 *       each compared with Meta's lines of its currency). A missing invoice counts as zero; our months that Meta's
 *       {@code invoices.csv} does not cover at all (not invoiced yet) are not compared.</li>
 *   <li><b>Order.</b> {@link com.wabill.reconciliation.Discrepancy#CANONICAL_ORDER} for the file (kind in SPEC order,
 *       WABA, period, phone, country, category, type, detail); {@link
 *       com.wabill.reconciliation.Discrepancy#LARGEST_FIRST} for the report.</li>
 *   <li><b>CSV</b> (Jackson's CSV dataformat): line ends are CRLF (RFC 4180); a field is quoted exactly when it holds
 *       a comma, a quote, CR or LF.</li>
 *   <li><b>Scope</b> ({@link com.wabill.reconciliation.ReconciliationScope}): a reconciliation covers (WABA, month)
 *       pairs, months in the WABA's time zone, and only what the ledger can answer for, the billed UTC days. A Meta
 *       data point is compared only when its whole interval lies in months in scope and every UTC day it overlaps
 *       is billed; the replay's items inside a data point left out are left out too (not {@code MISSING_AT_META}).
 *       So a nightly run against an export of the whole month, or an export reaching past the last billed day,
 *       reports nothing for the days not billed yet. An invoice is compared only when every UTC day of its month is
 *       billed (Meta invoices whole months).</li>
 *   <li><b>Planted differences</b> ({@code MetaExportPlanter}, used by {@code com.wabill.tools.PlantMetaExport},
 *       both in the tools module): one conversation more at Meta (COUNT_MISMATCH), a price one minor
 *       unit too high (AMOUNT_MISMATCH), a data point removed (MISSING_AT_META), a data point of a category the
 *       replay has nothing of (MISSING_IN_LOGS), an invoice one minor unit too high (INVOICE_MISMATCH); each on its
 *       own data point, chosen deterministically among those the reconciliation compares, with the row it must
 *       give. Per-message pricing differences (PRICING_MISMATCH) are planted in the logs' meta_pricing_* columns by
 *       {@code LogGenerator --plant-pricing}; {@code PlantMetaExport --pricing-planted=ids} lists their rows.</li>
 * </ul>
 *
 * <p>The reconcile step and job are in {@code com.wabill.job}.
 */
package com.wabill.reconciliation;
