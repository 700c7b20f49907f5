package com.wabill.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wabill.parquet.MessageLogWriter;

/** Rows for tests: the defaults of the scenario files, with overrides. */
final class TestRows {

    static final Instant T0 = Instant.parse("2024-12-02T08:00:00Z");

    private TestRows() {}

    /** A valid outbound DELIVERED text message, with the given column values on top (a null value removes the column value). */
    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", "m1");
        m.put("waba_id", "waba-1");
        m.put("phone_number_id", "pn-1");
        m.put("business_phone_number", "15550001111");
        m.put("contact_wa_id", "5511987650001");
        m.put("direction", "OUTBOUND");
        m.put("sent_at", T0);
        m.put("status", "DELIVERED");
        m.put("message_type", "TEXT");
        return with(m, keyValues);
    }

    static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key without value");
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** A varied set of valid rows with millisecond timestamps (so that every unit can hold them). */
    static List<Map<String, Object>> variedRows(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] types = {"TEXT", "TEMPLATE", "IMAGE", "template", "INTERACTIVE"};
        String[] categories = {"MARKETING", "utility", "Authentication"};
        String[] statuses = {"SENT", "DELIVERED", "READ", "FAILED", "read"};
        for (int i = 0; i < n; i++) {
            boolean inbound = i % 4 == 0;
            String type = inbound ? "TEXT" : types[i % types.length];
            Instant sent = T0.plusMillis(i * 1_234_567L + 17);
            Map<String, Object> m = row(
                    "message_id", "wamid." + i,
                    "waba_id", "waba-" + (i % 3),
                    "phone_number_id", "pn-" + (i % 5),
                    "business_phone_number", i % 7 == 0 ? null : "+1 555-000-111" + (i % 5),
                    "contact_wa_id", i % 2 == 0 ? "+55 11 98765-" + String.format("%04d", i % 50) : "5511987650" + String.format("%03d", i % 50),
                    "direction", inbound ? (i % 8 == 0 ? "inbound" : "INBOUND") : "OUTBOUND",
                    "sent_at", sent,
                    "delivered_at", inbound || i % 3 == 0 ? null : sent.plusMillis(1500 + i),
                    "status", inbound ? (i % 8 == 0 ? "received" : null) : statuses[i % statuses.length],
                    "message_type", type,
                    "template_name", type.equalsIgnoreCase("TEMPLATE") ? "tpl_" + (i % 4) : null,
                    "template_category", type.equalsIgnoreCase("TEMPLATE") ? categories[i % categories.length] : null,
                    "referral_source_type", inbound ? (i % 3 == 0 ? "ad" : i % 3 == 1 ? "POST" : null) : null,
                    "meta_conversation_id", inbound ? null : "conv-" + (i / 3),
                    "meta_conversation_category", inbound ? null : (i % 5 == 0 ? "referral_conversion" : "marketing"),
                    "meta_billable", inbound ? null : i % 2 == 0,
                    "meta_pricing_model", inbound ? null : "CBP");
            rows.add(m);
        }
        return rows;
    }

    static void write(String file, List<Map<String, Object>> rows) {
        write(MessageLogWriter.builder(file), rows);
    }

    static void write(MessageLogWriter.Builder builder, List<Map<String, Object>> rows) {
        try (MessageLogWriter w = builder.build()) {
            for (Map<String, Object> r : rows) {
                w.write(r);
            }
        }
    }

    /** All results of a file. */
    static List<RowResult> readAll(String file) {
        return readFrom(file, 1);
    }

    static List<RowResult> readFrom(String file, long firstRow) {
        List<RowResult> out = new ArrayList<>();
        try (MessageLogReader r = MessageLogReader.open(file, com.wabill.parquet.HadoopLocations.defaultConfiguration(), firstRow)) {
            RowResult x;
            while ((x = r.next()) != null) {
                out.add(x);
            }
        }
        return out;
    }

    /** The accepted rows of a file, all of them (fails on a rejection). */
    static List<LogRow> readRows(String file) {
        List<LogRow> out = new ArrayList<>();
        for (RowResult r : readAll(file)) {
            if (r instanceof LogRow l) {
                out.add(l);
            } else {
                throw new AssertionError("unexpected rejection " + r);
            }
        }
        return out;
    }

    /** The rows read from another place, to compare rows of files that differ only in their encoding. */
    static List<LogRow> relocated(List<LogRow> rows) {
        List<LogRow> out = new ArrayList<>();
        for (LogRow r : rows) {
            out.add(r.at("x", r.rowNumber()));
        }
        return out;
    }

    /** What ingest makes of the rows read: the accepted rows with their copies merged, every rejection, and counts. */
    record Ingested(List<LogRow> accepted, List<RowRejection> rejected, long mergedAway, long rowsRead) {}

    /** Splits validated rows into accepted and rejected, then merges the copies of each message, as the job does. */
    static Ingested ingest(List<RowResult> read) {
        List<LogRow> good = new ArrayList<>();
        List<RowRejection> bad = new ArrayList<>();
        for (RowResult r : read) {
            if (r instanceof LogRow l) {
                good.add(l);
            } else {
                bad.add((RowRejection) r);
            }
        }
        DuplicateMerger.MergedRows m = DuplicateMerger.mergeAll(good);
        bad.addAll(m.rejections());
        return new Ingested(m.rows(), bad, m.mergedAway(), read.size());
    }
}
