package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

@FastTest
class CsvWriterTest {

    /** What one value becomes in a file: the second field of a data row, between its commas. */
    static String field(String value) {
        StringWriter w = new StringWriter();
        try (CsvWriter csv = new CsvWriter(w, List.of("a", "b", "c"))) {
            csv.row("x", value, "y");
        }
        String row = w.toString().substring("a,b,c\n".length());
        return row.substring(2, row.length() - 3);
    }

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", field("plain"));
        assertEquals("\"a,b\"", field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", field("say \"hi\""));
        assertEquals("\"two\nlines\"", field("two\nlines"));
        assertEquals("\"cr\rhere\"", field("cr\rhere"));
        assertEquals("semi;colon and 'single'", field("semi;colon and 'single'"));
        // what other CSV writers quote too, and the files never did: leading or trailing blanks, a leading # or !,
        // a tab, a backslash, a long value, an empty one
        assertEquals(" leading and trailing ", field(" leading and trailing "));
        assertEquals("#hash!", field("#hash!"));
        assertEquals("!bang", field("!bang"));
        assertEquals("tab\there\\", field("tab\there\\"));
        String longValue = "INVALID_VALUE: direction must be INBOUND or OUTBOUND (row 12 of logs/x.parquet)";
        assertEquals(longValue, field(longValue));
        assertEquals("", field(""));
        assertEquals("", field(null));
    }

    @Test
    void anEmptyFirstFieldIsNotQuoted() {
        StringWriter w = new StringWriter();
        try (CsvWriter csv = new CsvWriter(w, List.of("a", "b"))) {
            csv.row("", "x");
            csv.row(null, null);
        }
        assertEquals("a,b\n,x\n,\n", w.toString());
    }

    @Test
    void formatsValues() {
        assertEquals("", CsvWriter.format(null));
        assertEquals("0.0625", CsvWriter.format(new BigDecimal("0.0625")));
        assertEquals("0", CsvWriter.format(BigDecimal.ZERO));
        assertEquals("0.0000", CsvWriter.format(new BigDecimal("0.0000")));
        assertEquals("1000000", CsvWriter.format(new BigDecimal("1E+6")));
        assertEquals("0.00000001", CsvWriter.format(new BigDecimal("1E-8")));
        assertEquals("2025-03-01T00:00:00Z", CsvWriter.format(Instant.parse("2025-03-01T00:00:00Z")));
        assertEquals("2025-03-01T00:00:00.000123Z", CsvWriter.format(Instant.parse("2025-03-01T00:00:00.000123Z")));
        assertEquals("12345678", CsvWriter.format(12345678L));
    }

    @Test
    void writesHeaderRowsAndUnixLineEnds() {
        StringWriter w = new StringWriter();
        CsvWriter csv = new CsvWriter(w, List.of("a", "b", "c"));
        csv.row("x", null, new BigDecimal("1.50"));
        csv.row("é, ü", 2, "q\"uote");
        csv.flush();
        assertEquals("a,b,c\nx,,1.50\n\"é, ü\",2,\"q\"\"uote\"\n", w.toString());
        assertEquals(2, csv.rows());
        assertThrows(IllegalArgumentException.class, () -> csv.row("too", "few"));
        csv.close();
        assertEquals("a,b,c\nx,,1.50\n\"é, ü\",2,\"q\"\"uote\"\n", w.toString(), "nothing more on closing");
    }

    @Test
    void writesUtf8AtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/x.csv");
        CsvWriter.write(f, List.of("name"), csv -> csv.row("São Paulo"));
        assertEquals("name\nSão Paulo\n", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(List.of(f), Files.list(f.getParent()).toList());
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }

        // a failing body leaves the old file in place and no temporary file behind
        assertThrows(IllegalStateException.class, () -> CsvWriter.write(f, List.of("name"), csv -> {
            csv.row("half");
            throw new IllegalStateException("boom");
        }));
        assertEquals("name\nSão Paulo\n", Files.readString(f));
        assertEquals(List.of(f), Files.list(f.getParent()).toList());
    }
}
