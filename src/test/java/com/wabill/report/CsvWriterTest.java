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

class CsvWriterTest {

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", CsvWriter.quote("plain"));
        assertEquals("\"a,b\"", CsvWriter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.quote("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvWriter.quote("cr\rhere"));
        assertEquals("semi;colon and 'single'", CsvWriter.quote("semi;colon and 'single'"));
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
        assertEquals("a,b,c\nx,,1.50\n\"é, ü\",2,\"q\"\"uote\"\n", w.toString());
        assertEquals(2, csv.rows());
        assertThrows(IllegalArgumentException.class, () -> csv.row("too", "few"));
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
