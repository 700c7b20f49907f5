/**
 * Ingest: reading the exported message logs (SPEC 1.1).
 *
 * <p>{@link com.wabill.ingest.LogFileDiscovery} finds the files of a location, {@link com.wabill.ingest.MessageLogReader}
 * reads one file row by row through the Hadoop {@code FileSystem} API, {@link com.wabill.ingest.RowValidator} turns each
 * row into a {@link com.wabill.ingest.LogRow} or a {@link com.wabill.ingest.RowRejection}, and
 * {@link com.wabill.ingest.DuplicateMerger} merges the copies of one message, and {@link com.wabill.ingest.DedupeRules}
 * decides what becomes of a message (event time, pricing model, billed, warm-up or left for a later run).
 *
 * <h2>Decisions where SPEC 1.1 is silent</h2>
 * <ul>
 *   <li><b>Required columns.</b> A file must have the columns marked "yes" (message_id, waba_id, phone_number_id,
 *       contact_wa_id, direction, sent_at, message_type). {@code status} and {@code template_category} are required
 *       per row (outbound rows, templates), not per file: a file without them is read, and the rows that need them
 *       are rejected. Column names match exactly, or else ignoring case. REQUIRED and OPTIONAL columns are both
 *       accepted; repeated or nested ones are the wrong type.</li>
 *   <li><b>Physical types.</b> Strings: BINARY, annotated STRING or ENUM or not at all. Timestamps: INT64 with the
 *       TIMESTAMP logical type in any unit, UTC-adjusted or not (both read as UTC), which covers the legacy
 *       TIMESTAMP_MILLIS/MICROS converted types; and legacy INT96 (Spark's default). A bare INT64 without annotation is
 *       refused, since its unit would be a guess. {@code meta_billable}: BOOLEAN. A wrong type in any SPEC column,
 *       optional ones included, refuses the file.</li>
 *   <li><b>Blank values</b> (empty or white space) count as absent: a blank required value is {@code MISSING_VALUE};
 *       blank optional values become null.</li>
 *   <li><b>Enumerations</b> (direction, status, template_category, referral_source_type, TEMPLATE) are matched ignoring
 *       case and surrounding white space. A template's category must be MARKETING, UTILITY or AUTHENTICATION.</li>
 *   <li><b>Values that are not used</b> never reject: an inbound row's status (stored as null), an inbound row's
 *       delivered_at (stored as null), a non-template's template_category (null), an outbound row's
 *       referral_source_type (null), and all meta_* values.</li>
 *   <li><b>Contacts.</b> Spaces, dashes and one leading {@code +} are removed; what remains must be one or more ASCII
 *       digits (no E.164 length rule, only the identifier limit below). business_phone_number is normalised the same way when that gives digits, and kept
 *       (trimmed) otherwise; it never rejects a row.</li>
 *   <li><b>Text encoding.</b> Strings are decoded as UTF-8; invalid bytes become U+FFFD. An identifier (message_id,
 *       waba_id, phone_number_id, contact_wa_id) that is not valid UTF-8 is {@code INVALID_VALUE}, so that two
 *       different ids never merge into one; elsewhere the replaced text is kept. An identifier holding a control
 *       character (NUL, tab, line break...) is {@code INVALID_VALUE}; in other text a NUL, which PostgreSQL text
 *       cannot hold, becomes U+FFFD.</li>
 *   <li><b>Identifier length.</b> message_id, waba_id, phone_number_id and contact_wa_id longer than 256 characters
 *       are {@code INVALID_VALUE} (real ones are far shorter; the ledger keys on them). Such a row's rejection leaves
 *       its message_id column empty; the reason shows the start of the value.</li>
 *   <li><b>Reasons.</b> A row with several problems lists them all, separated by {@code "; "}, each with its code; the
 *       first gives the code the reason starts with. Values in details are quoted, cut at 40 characters, with control,
 *       format and replacement characters escaped; a contact shows only its last four digits.</li>
 *   <li><b>Duplicates.</b> message_type is compared ignoring case; where a copy was read is not compared. The merged
 *       row keeps the source and row of its first copy in (source, row) order. When copies carry different non-null
 *       values in a meta_* column, the value of the copy with the furthest status wins, then the first copy's.
 *       A conflict's detail names the differing columns, never their values.</li>
 *   <li><b>Discovery.</b> Every non-hidden file of a directory tree is a log file, whatever its extension (as Spark
 *       and Hive read); names starting with {@code .} or {@code _} and ending in {@code .crc} are skipped. A
 *       {@code date=} directory whose value is not a date is read whatever the range. A day partition directory that
 *       exists but holds no data is told apart from a missing one (the billing job's plan refuses both for a billed
 *       day unless {@code wabill.allow-empty-days} names it). A location that does not exist, or a glob that
 *       matches nothing, is an error; an empty directory gives no files.</li>
 *   <li><b>File systems.</b> Bare paths and {@code file:} use the local file system, {@code hdfs:} the HDFS client in
 *       hadoop-client; {@code s3a:} needs {@code hadoop-aws} (and its AWS SDK) on the class path, which the build does
 *       not include yet.</li>
 * </ul>
 */
package com.wabill.ingest;
