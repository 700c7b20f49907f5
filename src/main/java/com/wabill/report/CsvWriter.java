package com.wabill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * CSV as SPEC 3.2 wants it: UTF-8 (the caller's writer), a header row, RFC 4180 quoting (a field containing a
 * comma, a double quote, CR or LF is quoted, its quotes doubled), {@code \n} line ends, timestamps as ISO 8601
 * UTC with {@code Z} ({@link Instant#toString()}), decimals with {@link BigDecimal#toPlainString()}, nulls as
 * empty fields.
 */
public final class CsvWriter {

    private final Writer out;
    private final int columns;
    private long rows;

    /** Writes the header row at once. */
    public CsvWriter(Writer out, List<String> header) {
        this.out = out;
        this.columns = header.size();
        write(header.toArray());
        rows = 0;
    }

    /**
     * Writes a whole CSV file atomically (temporary name, then rename).
     *
     * @return the file written
     */
    public static Path write(Path target, List<String> header, Body body) throws IOException {
        return AtomicFiles.write(target, w -> {
            CsvWriter csv = new CsvWriter(w, header);
            try {
                body.rows(csv);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
    }

    /** Writes the data rows of a file. */
    @FunctionalInterface
    public interface Body {
        void rows(CsvWriter csv) throws IOException;
    }

    /** Writes one data row; it must have as many fields as the header. I/O errors come out unchecked. */
    public CsvWriter row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("CSV row has " + values.length + " fields, the header " + columns);
        }
        write(values);
        rows++;
        return this;
    }

    public CsvWriter row(List<?> values) {
        return row(values.toArray());
    }

    /** Data rows written so far (the header not counted). */
    public long rows() {
        return rows;
    }

    private void write(Object[] values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) out.write(',');
                out.write(field(values[i]));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as it appears in a file: formatted, then quoted when needed. */
    public static String field(Object value) {
        return quote(format(value));
    }

    /** The text of a value before quoting. */
    public static String format(Object value) {
        if (value == null) return "";
        if (value instanceof BigDecimal d) return d.toPlainString();
        if (value instanceof Instant i) return i.toString();
        if (value instanceof OffsetDateTime t) return t.toInstant().toString();
        if (value instanceof ZonedDateTime t) return t.toInstant().toString();
        if (value instanceof Timestamp t) return t.toInstant().toString();
        if (value instanceof Double d) return BigDecimal.valueOf(d).toPlainString();
        if (value instanceof Float f) return new BigDecimal(f.toString()).toPlainString();
        return value.toString();
    }

    /** RFC 4180: quotes a field that holds a comma, a double quote, CR or LF, doubling its quotes. */
    public static String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
