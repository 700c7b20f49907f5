package com.wabill.job;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

import com.wabill.parquet.ColumnType;
import com.wabill.parquet.HadoopLocations;
import com.wabill.parquet.MessageLogWriter;

/**
 * Writes the bad-input corpus of {@code src/test/resources/bad-input/}: one folder per case, each with the log tree
 * of its run ({@code logs/date=YYYY-MM-DD/...}) and {@code expected.properties}, the result the whole billing job
 * must give ({@link BadInputCorpusTest} says what the keys mean). The files are committed, so that other tools can
 * read them too; run {@code main} to write them again after changing a case.
 */
public final class BadInputCorpus {

    static final Path DIR = Path.of("src/test/resources/bad-input");
    static final String DAY = "2025-03-01";
    static final Instant T = Instant.parse(DAY + "T09:00:00Z");

    private BadInputCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        JobTestSupport.deleteTree(dir);
        write(dir);
    }

    static void write(Path dir) throws Exception {
        // --- files that cannot be read: refused, naming the file, before anything is written
        Path truncated = file(dir, "truncated-file");
        MessageLogWriter.writeAll(truncated.toString(), good(40));
        cut(truncated, 300);
        expect(dir, "truncated-file", """
                # the end of the file (its footer) is missing
                status=FAILED
                step=plan
                message=logs/date=2025-03-01/part-0.parquet: not a readable Parquet file (truncated or corrupt?)
                """);

        Path corrupt = file(dir, "corrupt-data-page");
        write(MessageLogWriter.builder(corrupt.toString()).compression(CompressionCodecName.ZSTD).rowGroupRows(10), good(30));
        garbleSecondRowGroup(corrupt, 0);
        expect(dir, "corrupt-data-page", """
                # the compressed data of the second row group is garbled; the footer is intact
                status=FAILED
                step=ingest
                message=logs/date=2025-03-01/part-0.parquet: cannot read row group 2 of 3, row 11 (corrupt?)
                """);

        Path silent = file(dir, "corrupt-page-with-checksum");
        write(MessageLogWriter.builder(silent.toString()).compression(CompressionCodecName.UNCOMPRESSED).dictionary(false)
                .rowGroupRows(10), good(30));
        garbleSecondRowGroup(silent, 6);
        expect(dir, "corrupt-page-with-checksum", """
                # garbled sent_at values in an uncompressed page would decode into wrong times (year 208283):
                # the page's CRC (parquet-java and Spark write one) is checked
                status=FAILED
                step=ingest
                message=logs/date=2025-03-01/part-0.parquet: cannot read row group 2 of 3, row 11 (corrupt?) && CRC checksum verification failed
                """);

        Files.createDirectories(file(dir, "empty-file").getParent());
        Files.write(file(dir, "empty-file"), new byte[0]);
        expect(dir, "empty-file", """
                # a 0-byte data file (an export that died before writing)
                status=FAILED
                step=plan
                message=logs/date=2025-03-01/part-0.parquet: is empty (0 bytes), not a Parquet file
                """);

        Files.createDirectories(file(dir, "not-parquet").getParent());
        Files.writeString(file(dir, "not-parquet"), "message_id,waba_id,contact_wa_id\nm1,waba-1,5511987650001\n");
        expect(dir, "not-parquet", """
                # a CSV export under a .parquet name
                status=FAILED
                step=plan
                message=logs/date=2025-03-01/part-0.parquet: not a readable Parquet file
                """);

        write(MessageLogWriter.builder(file(dir, "missing-column").toString()).omit("contact_wa_id"), good(10));
        expect(dir, "missing-column", """
                status=FAILED
                step=ingest
                message=logs/date=2025-03-01/part-0.parquet: required column 'contact_wa_id' is missing
                """);

        List<Map<String, Object>> textTimes = new ArrayList<>();
        for (Map<String, Object> r : good(10)) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("sent_at", r.get("sent_at").toString());
            m.remove("delivered_at");
            textTimes.add(m);
        }
        write(MessageLogWriter.builder(file(dir, "mistyped-column").toString()).column("sent_at", ColumnType.STRING), textTimes);
        expect(dir, "mistyped-column", """
                # sent_at written as text, not as a TIMESTAMP
                status=FAILED
                step=ingest
                message=logs/date=2025-03-01/part-0.parquet: column 'sent_at' has the wrong type
                """);

        // --- days without data: a missing export must not pass as a quiet day
        Files.createDirectories(dir.resolve("day-without-files/logs/date=" + DAY));
        Files.writeString(dir.resolve("day-without-files/logs/date=" + DAY + "/_SUCCESS"), "");
        expect(dir, "day-without-files", """
                # the day's partition holds no data file (only Spark's _SUCCESS marker)
                status=FAILED
                step=plan
                message=have no data for 2025-03-01 (its partition date=2025-03-01 holds no data file) && --wabill.allow-empty-days=2025-03-01
                """);

        MessageLogWriter.writeAll(file(dir, "day-with-zero-rows").toString(), List.of());
        expect(dir, "day-with-zero-rows", """
                # the day's file is valid Parquet with no row
                status=FAILED
                step=plan
                message=have no data for 2025-03-01 (its partition's files hold no row)
                """);

        MessageLogWriter.writeAll(dir.resolve("day-missing/logs/date=2025-03-02/part-0.parquet").toString(), good(5));
        expect(dir, "day-missing", """
                # the export of the billed day is missing; the next day's is there
                status=FAILED
                step=plan
                message=have no data for 2025-03-01 (no partition date=2025-03-01) && --wabill.allow-empty-days=2025-03-01
                """);

        Files.createDirectories(dir.resolve("empty-day-allowed/logs/date=2025-03-20"));
        Files.writeString(dir.resolve("empty-day-allowed/logs/date=2025-03-20/_SUCCESS"), "");
        expect(dir, "empty-day-allowed", """
                # the same, for a day wabill.allow-empty-days names (the test's context allows 2025-03-20)
                from=2025-03-20
                status=COMPLETED
                rowsRead=0
                accepted=0
                """);

        // --- timestamps in every unit give the same messages
        for (TimeUnit unit : List.of(TimeUnit.MILLIS, TimeUnit.MICROS, TimeUnit.NANOS)) {
            String name = "timestamps-" + unit.name().toLowerCase();
            write(MessageLogWriter.builder(file(dir, name).toString()).timestampUnit(unit), good(20));
            expect(dir, name, "status=COMPLETED\nrowsRead=20\naccepted=20\nrejected=0\n"
                    + (unit == TimeUnit.MICROS ? "" : "sameAs=timestamps-micros\n"));
        }
        write(MessageLogWriter.builder(file(dir, "timestamps-naive").toString()).utcAdjusted(false), good(20));
        expect(dir, "timestamps-naive", """
                # not marked UTC-adjusted (as pandas and Spark write them): read as UTC
                status=COMPLETED
                accepted=20
                sameAs=timestamps-micros
                """);

        // --- rows that are accepted after a documented normalisation, or rejected naming file, row and reason
        List<Map<String, Object>> early = good(6);
        early.get(1).put("delivered_at", T.minusSeconds(3600)); // ok-1: an outbound template delivered "before" it was sent
        MessageLogWriter.writeAll(file(dir, "delivered-before-sent").toString(), early);
        expect(dir, "delivered-before-sent", """
                # SPEC 2.1: delivered_at before sent_at is not an event time; sent_at is
                status=COMPLETED
                rejected=0
                opened.ok-1=2025-03-01T09:01:00Z
                """);

        List<Map<String, Object>> future = good(6);
        future.get(2).put("sent_at", Instant.parse("2099-01-01T00:00:00Z"));
        future.get(3).put("delivered_at", Instant.parse("2099-01-01T00:00:00Z"));
        MessageLogWriter.writeAll(file(dir, "timestamps-in-the-future").toString(), future);
        expect(dir, "timestamps-in-the-future", """
                # a time after the run started (beyond an hour of clock skew) is a broken clock, not a later run's message
                status=COMPLETED
                rowsRead=6
                accepted=4
                rejected=2
                rejected.3=INVALID_VALUE: sent_at 2099-01-01T00:00:00Z is in the future
                rejected.4=INVALID_VALUE: delivered_at 2099-01-01T00:00:00Z is in the future
                """);

        List<Map<String, Object>> unknown = good(6);
        for (Map<String, Object> r : unknown) r.put("waba_id", "waba-nobody-knows");
        MessageLogWriter.writeAll(file(dir, "unknown-waba").toString(), unknown);
        expect(dir, "unknown-waba", """
                # SPEC 1.4: billed in UTC and USD, and the summary says so
                status=COMPLETED
                accepted=6
                unknownWaba=waba-nobody-knows
                """);

        List<Map<String, Object>> contacts = good(8);
        contacts.get(0).put("contact_wa_id", "+55 11 98765-0000");
        contacts.get(1).put("contact_wa_id", "+55 11 98765-0000");
        contacts.get(2).put("contact_wa_id", " 5511987650000 ");
        contacts.get(3).put("contact_wa_id", "+55 11 9876S-0003");
        contacts.get(4).put("contact_wa_id", "++5511987650004");
        MessageLogWriter.writeAll(file(dir, "contacts-with-plus-and-spaces").toString(), contacts);
        expect(dir, "contacts-with-plus-and-spaces", """
                # a leading +, spaces and dashes are removed; what is not digits then is rejected, masked
                status=COMPLETED
                accepted=6
                rejected=2
                rejected.4=INVALID_VALUE: contact_wa_id '+** ** ****S-0003' is not a phone number
                rejected.5=INVALID_VALUE: contact_wa_id '++*********0004' is not a phone number
                """);

        List<Map<String, Object>> utf8 = good(6);
        utf8.get(0).put("message_id", new byte[] {'o', 'k', (byte) 0xC3, '(', '0'});
        utf8.get(1).put("template_name", new byte[] {'p', 'r', 'o', 'm', 'o', (byte) 0xFF});
        utf8.get(2).put("waba_id", new byte[] {'w', (byte) 0xE2, (byte) 0x82});
        MessageLogWriter.writeAll(file(dir, "invalid-utf8").toString(), utf8);
        expect(dir, "invalid-utf8", """
                # an identifier that is not UTF-8 is rejected (two ids must never merge); other text keeps U+FFFD
                status=COMPLETED
                accepted=4
                rejected=2
                rejected.1=INVALID_VALUE: message_id 'ok\\\\uFFFD(0' is not valid UTF-8
                rejected.3=INVALID_VALUE: waba_id 'w\\\\uFFFD
                """);

        List<Map<String, Object>> control = good(6);
        control.get(0).put("message_id", "ok-\u00000");
        control.get(1).put("meta_conversation_id", "conv\u0000-1");
        control.get(1).put("meta_conversation_category", "utility\u0000");
        control.get(1).put("business_phone_number", "1555\u00000001111");
        control.get(3).put("template_name", "promo\u0000");
        control.get(4).put("phone_number_id", "pn-1\r\n");
        MessageLogWriter.writeAll(file(dir, "control-characters").toString(), control);
        expect(dir, "control-characters", """
                # NUL and line breaks: an id holding one is rejected; in other text a NUL (PostgreSQL text cannot hold
                # one, the ledger refused the whole bucket) becomes U+FFFD
                status=COMPLETED
                accepted=4
                rejected=2
                rejected.1=INVALID_VALUE: message_id 'ok-\\\\u00000' contains a control character
                rejected.5=INVALID_VALUE: phone_number_id 'pn-1\\\\r\\\\n' contains a control character
                """);

        List<Map<String, Object>> longValues = good(6);
        longValues.get(0).put("message_id", "wamid." + "A".repeat(5000));
        longValues.get(1).put("template_name", "t".repeat(200_000));
        longValues.get(2).put("contact_wa_id", "5".repeat(300));
        longValues.get(3).put("direction", "OUT" + "x".repeat(10_000));
        MessageLogWriter.writeAll(file(dir, "very-long-strings").toString(), longValues);
        expect(dir, "very-long-strings", """
                # ids longer than 256 characters are refused (they key the ledger); other long text is cut in reasons
                status=COMPLETED
                accepted=3
                rejected=3
                rejected.1=INVALID_VALUE: message_id 'wamid.AAAA
                rejected.3=INVALID_VALUE: contact_wa_id has 300 digits (at most 256)
                rejected.4=INVALID_VALUE: direction 'OUTxxx
                """);

        List<Map<String, Object>> upper = enumRows(false);
        MessageLogWriter.writeAll(file(dir, "enumerations-upper-case").toString(), upper);
        expect(dir, "enumerations-upper-case", "status=COMPLETED\nrejected=0\naccepted=" + upper.size() + "\n");
        List<Map<String, Object>> odd = enumRows(true);
        MessageLogWriter.writeAll(file(dir, "enumerations-odd-case").toString(), odd);
        expect(dir, "enumerations-odd-case", """
                # direction, status, message_type TEMPLATE, template_category, referral_source_type in any case
                status=COMPLETED
                rejected=0
                sameAs=enumerations-upper-case
                """);
    }

    /** Valid rows on {@link #DAY}: pairs of an inbound message and a delivered template, one contact per pair. */
    static List<Map<String, Object>> good(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("message_id", "ok-" + i);
            r.put("waba_id", "waba-1");
            r.put("phone_number_id", "pn-1");
            r.put("business_phone_number", "15550001111");
            r.put("contact_wa_id", "55119876" + String.format("%05d", i / 2));
            Instant sent = T.plusSeconds(60L * i);
            r.put("sent_at", sent);
            if (i % 2 == 0) {
                r.put("direction", "INBOUND");
                r.put("message_type", "TEXT");
            } else {
                r.put("direction", "OUTBOUND");
                r.put("message_type", "TEMPLATE");
                r.put("template_category", i % 4 == 1 ? "MARKETING" : "UTILITY");
                r.put("status", "DELIVERED");
                r.put("delivered_at", sent.plusSeconds(5));
            }
            rows.add(r);
        }
        return rows;
    }

    /** Rows using every enumeration, in upper case or in odd case. */
    static List<Map<String, Object>> enumRows(boolean odd) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] outbound = {{"TEMPLATE", "MARKETING", "DELIVERED"}, {"TEMPLATE", "UTILITY", "READ"},
            {"TEMPLATE", "AUTHENTICATION", "SENT"}, {"TEXT", null, "FAILED"}, {"TEMPLATE", "MARKETING", "READ"}};
        for (int i = 0; i < outbound.length; i++) {
            Map<String, Object> in = new LinkedHashMap<>(good(1).get(0));
            in.put("message_id", "in-" + i);
            in.put("contact_wa_id", "5511987660" + i);
            in.put("sent_at", T.plusSeconds(600L * i));
            in.put("direction", odd ? "inBound" : "INBOUND");
            in.put("status", odd ? "whatever" : "RECEIVED");
            in.put("referral_source_type", i == 0 ? (odd ? "aD" : "AD") : i == 1 ? (odd ? "Post" : "POST") : null);
            rows.add(in);
            Map<String, Object> out = new LinkedHashMap<>(good(2).get(1));
            out.put("message_id", "out-" + i);
            out.put("contact_wa_id", "5511987660" + i);
            out.put("sent_at", T.plusSeconds(600L * i + 60));
            out.put("delivered_at", "SENT".equals(outbound[i][2]) || "FAILED".equals(outbound[i][2]) ? null : T.plusSeconds(600L * i + 65));
            out.put("direction", odd ? "outbound" : "OUTBOUND");
            out.put("message_type", odd ? mixed(outbound[i][0]) : outbound[i][0]);
            out.put("template_category", outbound[i][1] == null ? null : odd ? mixed(outbound[i][1]) : outbound[i][1]);
            out.put("status", odd ? mixed(outbound[i][2]).toLowerCase().replace('e', 'E') : outbound[i][2]);
            rows.add(out);
        }
        return rows;
    }

    private static String mixed(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return " " + b + " "; // and surrounding white space
    }

    private static Path file(Path dir, String name) {
        return dir.resolve(name).resolve("logs/date=" + DAY).resolve("part-0.parquet");
    }

    private static void write(MessageLogWriter.Builder b, List<? extends Map<String, ?>> rows) {
        try (MessageLogWriter w = b.build()) {
            for (Map<String, ?> r : rows) w.write(r);
        }
    }

    private static void expect(Path dir, String name, String properties) throws IOException {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("expected.properties"), properties, StandardCharsets.UTF_8);
    }

    private static void cut(Path file, int bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - bytes);
        }
    }

    /** Garbles the second half of a column chunk of row group 2, leaving its page header and the footer. */
    private static void garbleSecondRowGroup(Path file, int column) throws IOException {
        long start;
        long size;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(HadoopLocations.toPath(file.toString()),
                HadoopLocations.defaultConfiguration()))) {
            ColumnChunkMetaData chunk = r.getFooter().getBlocks().get(1).getColumns().get(column);
            start = chunk.getStartingPos();
            size = chunk.getTotalSize();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long i = start + size / 2; i < start + size; i++) {
                raf.seek(i);
                raf.write(0x5A);
            }
        }
    }
}
