package com.wabill.reconciliation;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoting for writing, and a reader that knows the line each record starts on. */
final class Csv {

    static final String EOL = "\r\n";

    private Csv() {
    }

    /** The field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
    static String field(String value) {
        if (value == null) return "";
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
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

    /** Reads every record; a leading byte order mark is skipped; CRLF, LF and CR all end a record. */
    static List<Record> read(Reader reader) throws IOException, SyntaxException {
        Chars in = new Chars(reader);
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean inQuotes = false;
        boolean closedQuote = false; // the current field was quoted and its closing quote seen
        boolean any = false;         // the current record has content
        if (in.peek() == '\uFEFF') in.next();
        for (int c = in.next(); c != -1; c = in.next()) {
            boolean newline = c == '\n' || c == '\r';
            if (c == '\r' && in.peek() == '\n') in.next(); // CRLF is one line break
            if (inQuotes) {
                if (c == '"') {
                    if (in.peek() == '"') {
                        in.next();
                        field.append('"');
                    } else {
                        inQuotes = false;
                        closedQuote = true;
                    }
                } else if (newline) {
                    field.append('\n');
                    line++;
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || closedQuote) throw new SyntaxException(line, "a quote inside an unquoted field");
                inQuotes = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                closedQuote = false;
                any = true;
            } else if (newline) {
                endRecord(records, fields, field, recordLine);
                closedQuote = false;
                any = false;
                line++;
                recordLine = line;
            } else {
                if (closedQuote) throw new SyntaxException(line, "text after the closing quote of a field");
                field.append((char) c);
                any = true;
            }
        }
        if (inQuotes) throw new SyntaxException(recordLine, "a quoted field is not closed");
        if (any) endRecord(records, fields, field, recordLine);
        return records;
    }

    /** A reader with one character of lookahead. */
    private static final class Chars {
        private final Reader in;
        private int peeked = -2;

        Chars(Reader in) {
            this.in = in;
        }

        int peek() throws IOException {
            if (peeked == -2) peeked = in.read();
            return peeked;
        }

        int next() throws IOException {
            int c = peek();
            peeked = -2;
            return c;
        }
    }

    private static void endRecord(List<Record> records, List<String> fields, StringBuilder field, int line) {
        fields.add(field.toString());
        field.setLength(0);
        records.add(new Record(line, List.copyOf(fields)));
        fields.clear();
    }
}
