package com.wabill.rating;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small RFC 4180 reader for the reference files: UTF-8 (a byte order mark is skipped),
 * records separated by CRLF or LF, fields separated by commas, fields in double quotes may
 * hold commas, line breaks and doubled quotes. Every value is trimmed; empty lines are
 * skipped. The first record is the header; column names match case-insensitively and in
 * any order, extra columns are ignored.
 */
final class Csv {

    /** One data record: its values by column, and the line it starts on (header = line 1). */
    record Row(Path file, long line, Map<String, String> values) {

        /** The trimmed value of {@code column} ("" when empty). */
        String get(String column) {
            String v = values.get(column.toLowerCase(Locale.ROOT));
            if (v == null) throw new IllegalArgumentException("no column " + column);
            return v;
        }

        ReferenceDataException error(String problem) {
            return new ReferenceDataException(file, line, problem);
        }
    }

    private Csv() {
    }

    /** Reads {@code file}, which must have (at least) the {@code required} columns. */
    static List<Row> read(Path file, List<String> required) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ReferenceDataException(file, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ReferenceDataException(file, "cannot read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Record> records = parse(file, text);
        if (records.isEmpty()) throw new ReferenceDataException(file, "empty file: a header row is required");
        Record header = records.get(0);
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String h : header.fields) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && seen.put(name, names.size()) != null) {
                throw new ReferenceDataException(file, header.line, "column '" + h.trim() + "' appears twice in the header");
            }
            names.add(name);
        }
        for (String r : required) {
            if (!seen.containsKey(r.toLowerCase(Locale.ROOT))) {
                throw new ReferenceDataException(file, header.line,
                        "missing column '" + r + "' (the header must name " + String.join(",", required) + ")");
            }
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (Record rec : records.subList(1, records.size())) {
            if (rec.fields.size() == 1 && rec.fields.get(0).isBlank()) continue; // a blank line
            if (rec.fields.size() != names.size()) {
                throw new ReferenceDataException(file, rec.line,
                        "expected " + names.size() + " fields as in the header, found " + rec.fields.size());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).isEmpty()) values.put(names.get(i), rec.fields.get(i).trim());
            }
            rows.add(new Row(file, rec.line, values));
        }
        return rows;
    }

    private record Record(long line, List<String> fields) {
    }

    static List<Record> parse(Path file, String text) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long line = 1;
        long recordLine = 1;
        boolean quoted = false;      // inside a quoted field
        boolean wasQuoted = false;   // the current field was quoted (and is closed)
        boolean anything = false;    // the current record has any character
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        wasQuoted = true;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                anything = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                if (anything || field.length() > 0 || wasQuoted) {
                    fields.add(field.toString());
                    out.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                anything = false;
                line++;
                recordLine = line;
            } else if (c == '"') {
                if (wasQuoted || field.toString().trim().length() > 0) {
                    throw new ReferenceDataException(file, line, "stray double quote in a field (RFC 4180: quote the whole field and double the quote)");
                }
                field.setLength(0);
                quoted = true;
                anything = true;
            } else {
                if (wasQuoted && !Character.isWhitespace(c)) {
                    throw new ReferenceDataException(file, line, "text after the closing quote of a field");
                }
                if (!wasQuoted) field.append(c);
                anything = true;
            }
        }
        if (quoted) throw new ReferenceDataException(file, recordLine, "a quoted field is not closed");
        if (anything || field.length() > 0 || wasQuoted) {
            fields.add(field.toString());
            out.add(new Record(recordLine, List.copyOf(fields)));
        }
        return out;
    }
}
