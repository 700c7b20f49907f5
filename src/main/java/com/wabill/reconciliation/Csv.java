package com.wabill.reconciliation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * RFC 4180 CSV through Jackson's CSV dataformat: rows with CRLF line ends for writing (fields quoted exactly when
 * they hold a comma, a quote, CR or LF: {@link CsvWriteFeature#STRICT_CHECK_FOR_QUOTING}), and a reader that
 * knows the line each record starts on.
 */
final class Csv {

    static final String EOL = "\r\n";

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final CsvSchema CRLF = CsvSchema.emptySchema().withLineSeparator(EOL);

    private Csv() {
    }

    /** The field as RFC 4180 writes it (for writers that assemble a line themselves). */
    static String field(String value) {
        StringWriter w = new StringWriter();
        try (Rows rows = new Rows(w)) {
            rows.row(value);
        }
        String line = w.toString();
        return line.substring(0, line.length() - EOL.length());
    }

    /** Rows written to a writer, CRLF after each; nulls are empty fields. {@link #close()} leaves the writer open. */
    static final class Rows implements AutoCloseable {
        private final JsonGenerator out;

        Rows(Writer out) {
            this.out = MAPPER.writer(CRLF).createGenerator(out);
        }

        Rows row(String... fields) {
            try {
                out.writeStartArray();
                for (String f : fields) out.writeString(f == null ? "" : f);
                out.writeEndArray();
            } catch (JacksonException e) {
                throw unchecked(e);
            }
            return this;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (JacksonException e) {
                throw unchecked(e);
            }
        }

        private static UncheckedIOException unchecked(JacksonException e) {
            return new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** A record and the (1-based) physical line it starts on. */
    record Record(int line, List<String> fields) {
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    /** Thrown for a malformed record; {@code line} is where it starts. */
    static final class SyntaxException extends Exception {
        final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /**
     * Reads every record; a leading byte order mark is skipped; CRLF, LF and CR all end a record. An unclosed quote
     * or text after a closing quote is a {@link SyntaxException} at the line the record starts on.
     */
    static List<Record> read(Reader reader) throws IOException, SyntaxException {
        BufferedReader in = new BufferedReader(reader);
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
        List<Record> records = new ArrayList<>();
        int line = 1;
        try (JsonParser p = MAPPER.reader().with(CsvSchema.emptySchema()).createParser(in)) {
            List<String> fields = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY) {
                    line = p.currentLocation().getLineNr();
                    fields.clear();
                } else if (t == JsonToken.END_ARRAY) {
                    records.add(new Record(line, List.copyOf(fields)));
                } else {
                    fields.add(p.getString());
                }
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new SyntaxException(line, e.getOriginalMessage());
        }
        return records;
    }
}
