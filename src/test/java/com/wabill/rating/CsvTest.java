package com.wabill.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import com.wabill.testsupport.FastTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class CsvTest {

    @TempDir
    Path dir;

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        // line 1 header; line 2 a quoted comma; lines 3-4 one record with a line break; line 5 a doubled quote
        Path f = Reference.write(dir, "a.csv", "\uFEFFA,b\r\n\"x, y\",1\r\n\"two\nlines\",2\n\"say \"\"hi\"\"\", 3 \n\n");
        List<Csv.Row> rows = Csv.read(f, List.of("a", "B"));
        assertEquals(3, rows.size());
        assertEquals("x, y", rows.get(0).get("a"));
        assertEquals(2, rows.get(0).line());
        assertEquals("two\nlines", rows.get(1).get("A"));
        assertEquals(3, rows.get(1).line());
        assertEquals("say \"hi\"", rows.get(2).get("a"));
        assertEquals(5, rows.get(2).line());
        assertEquals("3", rows.get(2).get("b"), "values are trimmed");
    }

    @Test
    void lastRecordWithoutLineBreakAndEmptyTrailingFields() {
        Path f = Reference.write(dir, "a.csv", "a,b,c\n1,,");
        List<Csv.Row> rows = Csv.read(f, List.of("a"));
        assertEquals(1, rows.size());
        assertEquals("", rows.get(0).get("b"));
        assertEquals("", rows.get(0).get("c"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() {
        // Jackson's CSV parser is lenient here, as most are: the value keeps its quote (the old hand-written
        // reader refused it); a value that must not hold one fails where it is parsed, naming file and line
        Path stray = Reference.write(dir, "s.csv", "a,b\n1,x\"y\n");
        assertEquals("x\"y", Csv.read(stray, List.of("a")).get(0).get("b"));
    }

    @Test
    void errorsNameFileAndLine() {
        Path unclosed = Reference.write(dir, "u.csv", "a,b\n1,2\n\"3,4\n");
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> Csv.read(unclosed, List.of("a")));
        assertTrue(e.getMessage().startsWith(unclosed + " line 3:"), e.getMessage());

        Path fields = Reference.write(dir, "f.csv", "a,b\n1,2\n1,2,3\n");
        e = assertThrows(ReferenceDataException.class, () -> Csv.read(fields, List.of("a")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected 2 fields"), e.getMessage());

        Path trailing = Reference.write(dir, "t.csv", "a,b\n1,\"x\"y\n");
        e = assertThrows(ReferenceDataException.class, () -> Csv.read(trailing, List.of("a")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(trailing + " line 2: not valid CSV"), e.getMessage());

        Path multiLine = Reference.write(dir, "l.csv", "a,b\n\"1\n2\",3\n\"4\",\"5\"6\n");
        e = assertThrows(ReferenceDataException.class, () -> Csv.read(multiLine, List.of("a")));
        assertEquals(4, e.line(), "the line the bad record starts on, after a record of two lines");

        Path missing = Reference.write(dir, "m.csv", "a,c\n1,2\n");
        e = assertThrows(ReferenceDataException.class, () -> Csv.read(missing, List.of("a", "b")));
        assertTrue(e.getMessage().contains("missing column 'b'"), e.getMessage());
        assertEquals(1, e.line());

        Path empty = Reference.write(dir, "e.csv", "");
        assertThrows(ReferenceDataException.class, () -> Csv.read(empty, List.of("a")));
    }
}
