package com.wabill.rating;

import java.io.IOException;
import java.io.StringReader;
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

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The reference files as RFC 4180 CSV, read with Jackson's CSV parser: UTF-8 (a byte order mark is skipped),
 * records separated by CRLF, LF or CR, fields in double quotes may hold commas, line breaks and doubled quotes.
 * Every value is trimmed; empty lines are skipped. The first record is the header; column names match
 * case-insensitively and in any order, extra columns are ignored. A quote inside an unquoted field is taken as
 * text (the parser's leniency); an unclosed quote or text after a closing quote is an error naming the line the
 * record starts on.
 */
final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder().build();

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

    /** The records that are not blank lines, each with the line it starts on. */
    private static List<Record> parse(Path file, String text) {
        List<Record> out = new ArrayList<>();
        long line = 1;
        try (JsonParser p = MAPPER.reader().with(CsvSchema.emptySchema()).createParser(new StringReader(text))) {
            List<String> fields = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY) {
                    line = p.currentLocation().getLineNr();
                    fields.clear();
                } else if (t == JsonToken.END_ARRAY) {
                    boolean blank = fields.size() == 1 && fields.get(0).isBlank();
                    if (!blank) out.add(new Record(line, List.copyOf(fields)));
                } else {
                    fields.add(p.getString());
                }
            }
        } catch (JacksonException e) {
            throw new ReferenceDataException(file, line, "not valid CSV: " + e.getOriginalMessage()
                    + " (RFC 4180: quote the whole field and double the quotes inside it)");
        }
        return out;
    }
}
