package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code discrepancies.csv} (SPEC 3.2, 4): a header row, then one row per discrepancy in
 * {@link Discrepancy#CANONICAL_ORDER}; RFC 4180 through Jackson's CSV dataformat (CRLF line ends, fields with a
 * comma, quote, CR or LF quoted and quotes doubled); timestamps ISO 8601 UTC with {@code Z}; decimals with a dot and no grouping
 * ({@link BigDecimal#toPlainString()}); null values are empty cells. A clean reconciliation is the header only.
 * The writer is given characters; open it as UTF-8.
 */
public final class DiscrepancyCsv {

    public static final List<String> HEADER = List.of("kind", "waba_id", "phone_number", "period_start",
            "period_end", "country", "category", "type", "expected_count", "billed_count", "expected_amount",
            "billed_amount", "difference", "detail");

    private DiscrepancyCsv() {
    }

    /** Writes the header and the rows, sorted canonically (the list itself is not changed). */
    public static void write(Writer out, List<Discrepancy> discrepancies) throws IOException {
        List<Discrepancy> sorted = new ArrayList<>(discrepancies);
        sorted.sort(Discrepancy.CANONICAL_ORDER);
        try (Csv.Rows rows = new Csv.Rows(out)) {
            rows.row(HEADER.toArray(new String[0]));
            for (Discrepancy d : sorted) {
                rows.row(d.kind().name(), d.wabaId(), d.phoneNumber(), text(d.periodStart()), text(d.periodEnd()),
                        d.country(), d.category() == null ? null : d.category().name(),
                        d.type() == null ? null : d.type().name(), text(d.expectedCount()), text(d.billedCount()),
                        decimal(d.expectedAmount()), decimal(d.billedAmount()), decimal(d.difference()), d.detail());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** Writes {@code discrepancies.csv} to a file, in UTF-8. */
    public static void write(Path file, List<Discrepancy> discrepancies) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w, discrepancies);
        }
    }

    /** The file as a string. */
    public static String toString(List<Discrepancy> discrepancies) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(w, discrepancies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Reads a file written by {@link #write} (for the report, and for re-reading a previous run). */
    public static List<Discrepancy> read(Reader in) throws IOException {
        List<Csv.Record> records;
        try {
            records = Csv.read(in);
        } catch (Csv.SyntaxException e) {
            throw new IOException("discrepancies.csv line " + e.line + ": " + e.getMessage(), e);
        }
        if (records.isEmpty() || !records.get(0).fields().equals(HEADER)) {
            throw new IOException("discrepancies.csv line 1: expected the header " + String.join(",", HEADER));
        }
        List<Discrepancy> out = new ArrayList<>();
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.blank()) continue;
            List<String> f = r.fields();
            if (f.size() != HEADER.size()) {
                throw new IOException("discrepancies.csv line " + r.line() + ": expected " + HEADER.size()
                        + " fields, found " + f.size());
            }
            try {
                out.add(new Discrepancy(DiscrepancyKind.valueOf(f.get(0)), f.get(1), empty(f.get(2)),
                        f.get(3).isEmpty() ? null : Instant.parse(f.get(3)),
                        f.get(4).isEmpty() ? null : Instant.parse(f.get(4)),
                        empty(f.get(5)),
                        f.get(6).isEmpty() ? null : Category.valueOf(f.get(6)),
                        f.get(7).isEmpty() ? null : ConversationType.valueOf(f.get(7)),
                        f.get(8).isEmpty() ? null : Long.valueOf(f.get(8)),
                        f.get(9).isEmpty() ? null : Long.valueOf(f.get(9)),
                        f.get(10).isEmpty() ? null : new BigDecimal(f.get(10)),
                        f.get(11).isEmpty() ? null : new BigDecimal(f.get(11)),
                        f.get(12).isEmpty() ? null : new BigDecimal(f.get(12)),
                        empty(f.get(13))));
            } catch (RuntimeException e) {
                throw new IOException("discrepancies.csv line " + r.line() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String empty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String decimal(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
