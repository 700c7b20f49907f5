package com.wabill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * CSV as SPEC 3.2 wants it, written by Jackson's CSV generator: UTF-8 (the caller's writer), a header row, RFC 4180
 * quoting, {@code \n} line ends, timestamps as ISO 8601 UTC with {@code Z} ({@link Instant#toString()}), decimals
 * with {@link BigDecimal#toPlainString()}, nulls as empty fields.
 *
 * <p>Quoting: with {@link CsvWriteFeature#STRICT_CHECK_FOR_QUOTING} (and no comment marker, no escape character)
 * Jackson quotes a field exactly when it holds a comma, a double quote, CR or LF, doubling its quotes; without it
 * Jackson would also quote long values and values with characters below the comma (a space, {@code #}), which
 * changes the bytes of the files. Nulls are written as empty strings, never as Jackson nulls (which an untyped row
 * would drop).
 */
public final class CsvWriter implements AutoCloseable {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\n");

    private final JsonGenerator out;
    private final int columns;
    private long rows;

    /** Writes the header row at once; {@link #close()} (or {@link #flush()}) passes the rows on to {@code out}. */
    public CsvWriter(Writer out, List<String> header) {
        this.out = MAPPER.writer(LINES).createGenerator(out);
        this.columns = header.size();
        write(header.toArray());
    }

    /**
     * Writes a whole CSV file atomically (temporary name, then rename).
     *
     * @return the file written
     */
    public static Path write(Path target, List<String> header, Body body) throws IOException {
        return AtomicFiles.write(target, w -> {
            try (CsvWriter csv = new CsvWriter(w, header)) {
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

    /** Passes what is written on to the writer (without flushing the writer itself). */
    public void flush() {
        try {
            out.flush();
        } catch (JacksonException e) {
            throw unchecked(e);
        }
    }

    /** Passes the rest on to the writer; the writer stays open. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (JacksonException e) {
            throw unchecked(e);
        }
    }

    private void write(Object[] values) {
        try {
            out.writeStartArray();
            for (Object v : values) out.writeString(format(v));
            out.writeEndArray();
        } catch (JacksonException e) {
            throw unchecked(e);
        }
    }

    private static UncheckedIOException unchecked(JacksonException e) {
        return new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }

    /** The text of a value before quoting: as the CSV files and the pages show it. */
    public static String format(Object value) {
        if (value == null) return "";
        if (value instanceof BigDecimal d) return d.toPlainString();
        if (value instanceof Instant i) return i.toString();
        if (value instanceof OffsetDateTime t) return t.toInstant().toString();
        if (value instanceof ZonedDateTime t) return t.toInstant().toString();
        if (value instanceof Double d) return BigDecimal.valueOf(d).toPlainString();
        if (value instanceof Float f) return new BigDecimal(f.toString()).toPlainString();
        return value.toString();
    }
}
