package com.wabill.ingest;

import static com.wabill.ingest.TestRows.T0;
import static com.wabill.ingest.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.wabill.parquet.ColumnType;
import com.wabill.parquet.HadoopLocations;
import com.wabill.parquet.MessageLogWriter;
import com.wabill.testsupport.FastTest;

@FastTest
class MessageLogReaderTest {

    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** What the validator makes of the maps, as rows 1.. of a file. */
    private static List<RowResult> expected(String source, List<Map<String, Object>> rows) {
        List<RowResult> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(RowValidator.validate(source, i + 1, rows.get(i)));
        }
        return out;
    }

    @Test
    void readsEveryRowAsTheValidatorSeesIt() {
        List<Map<String, Object>> rows = new ArrayList<>(TestRows.variedRows(200));
        rows.add(row("message_id", "bad1", "direction", "SIDEWAYS"));
        rows.add(row("message_id", null));
        rows.add(row("message_id", "bad3", "message_type", "TEMPLATE"));
        rows.add(row("message_id", "bad4", "sent_at", null));
        String f = file("log.parquet");
        TestRows.write(f, rows);
        List<RowResult> read = TestRows.readAll(f);
        assertThat(read).isEqualTo(expected(f, rows));
        assertThat(read.subList(0, 200)).allMatch(r -> r instanceof LogRow);
        assertThat(read.subList(200, 204)).extracting(r -> ((RowRejection) r).reason()).containsExactly(
                "INVALID_VALUE: direction 'SIDEWAYS'", "MISSING_VALUE: message_id",
                "MISSING_CATEGORY: template_category (required on templates)", "MISSING_VALUE: sent_at");
        assertThat(read.get(201).rowNumber()).isEqualTo(202);
    }

    static Stream<Arguments> timestampEncodings() {
        List<Arguments> a = new ArrayList<>();
        for (TimeUnit u : TimeUnit.values()) {
            a.add(Arguments.of(u, true));
            a.add(Arguments.of(u, false));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}, UTC-adjusted {1}")
    @MethodSource("timestampEncodings")
    void timestampsInAnyUnitAdjustedOrNotAreUtcInstants(TimeUnit unit, boolean adjusted) {
        List<Map<String, Object>> rows = TestRows.variedRows(40);
        rows.add(row("message_id", "old", "sent_at", Instant.parse("1969-12-31T23:59:59.999Z"),
                "delivered_at", Instant.parse("1970-01-01T00:00:00.001Z")));
        String f = file("ts.parquet");
        TestRows.write(MessageLogWriter.builder(f).timestampUnit(unit).utcAdjusted(adjusted), rows);
        assertThat(TestRows.readAll(f)).isEqualTo(expected(f, rows));
    }

    @Test
    void nanosecondsAreKept() {
        Instant sent = Instant.parse("2025-03-01T10:00:00.123456789Z");
        String f = file("nanos.parquet");
        TestRows.write(MessageLogWriter.builder(f).timestampUnit(TimeUnit.NANOS),
                List.of(row("sent_at", sent, "delivered_at", sent.plusNanos(1))));
        LogRow r = TestRows.readRows(f).get(0);
        assertThat(r.sentAt()).isEqualTo(sent);
        assertThat(r.eventTime()).isEqualTo(sent.plusNanos(1));
    }

    @Test
    void legacyInt96TimestampsAreRead() {
        List<Map<String, Object>> rows = TestRows.variedRows(30);
        rows.add(row("message_id", "n", "sent_at", Instant.parse("2025-03-01T23:59:59.999999999Z")));
        rows.add(row("message_id", "p", "sent_at", Instant.parse("1960-06-01T00:00:00.5Z")));
        String f = file("int96.parquet");
        TestRows.write(MessageLogWriter.builder(f).column("sent_at", ColumnType.INT96).column("delivered_at", ColumnType.INT96), rows);
        assertThat(TestRows.readAll(f)).isEqualTo(expected(f, rows));
    }

    @ParameterizedTest
    @EnumSource(value = ConvertedType.class, names = {"TIMESTAMP_MILLIS", "TIMESTAMP_MICROS"})
    void legacyConvertedTimestampTypesAreRead(ConvertedType converted) throws IOException {
        List<Map<String, Object>> rows = TestRows.variedRows(30);
        Path p = dir.resolve("legacy.parquet");
        TimeUnit unit = converted == ConvertedType.TIMESTAMP_MILLIS ? TimeUnit.MILLIS : TimeUnit.MICROS;
        TestRows.write(MessageLogWriter.builder(p.toString()).timestampUnit(unit), rows);
        FooterSurgery.legacyTimestamp(p, "sent_at", converted);
        FooterSurgery.legacyTimestamp(p, "delivered_at", converted);
        // the footer now has the converted type only, as old writers wrote it
        assertThat(FooterSurgery.schemaElement(p, "sent_at").isSetLogicalType()).isFalse();
        assertThat(FooterSurgery.schemaElement(p, "sent_at").getConverted_type()).isEqualTo(converted);
        assertThat(TestRows.readAll(p.toString())).isEqualTo(expected(p.toString(), rows));
    }

    static Stream<Arguments> encodings() {
        List<Arguments> a = new ArrayList<>();
        for (CompressionCodecName c : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                CompressionCodecName.ZSTD, CompressionCodecName.GZIP, CompressionCodecName.LZ4_RAW)) {
            for (boolean dictionary : new boolean[] {true, false}) {
                for (WriterVersion v : WriterVersion.values()) {
                    a.add(Arguments.of(c, dictionary, v));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}, dictionary {1}, {2}")
    @MethodSource("encodings")
    void everyCompressionAndEncodingGivesTheSameRows(CompressionCodecName codec, boolean dictionary, WriterVersion version) {
        List<Map<String, Object>> rows = TestRows.variedRows(500);
        String reference = file("reference.parquet");
        TestRows.write(MessageLogWriter.builder(reference).compression(CompressionCodecName.UNCOMPRESSED).dictionary(false), rows);
        String f = file("encoded.parquet");
        TestRows.write(MessageLogWriter.builder(f).compression(codec).dictionary(dictionary).writerVersion(version)
                .rowGroupRows(200).pageRows(64), rows);
        assertThat(TestRows.relocated(TestRows.readRows(f))).isEqualTo(TestRows.relocated(TestRows.readRows(reference)));
    }

    @Test
    void dictionaryStringsAreDecodedOncePerDictionary() {
        List<Map<String, Object>> rows = TestRows.variedRows(60);
        String dict = file("dict.parquet");
        String plain = file("plain.parquet");
        TestRows.write(MessageLogWriter.builder(dict).dictionary(true), rows);
        TestRows.write(MessageLogWriter.builder(plain).dictionary(false), rows);
        List<LogRow> d = TestRows.readRows(dict);
        List<LogRow> p = TestRows.readRows(plain);
        // rows 1 and 4 share waba-0: from a dictionary they share one decoded String
        assertThat(d.get(0).wabaId()).isEqualTo("waba-0").isSameAs(d.get(3).wabaId());
        assertThat(p.get(0).wabaId()).isEqualTo("waba-0").isNotSameAs(p.get(3).wabaId());
        assertThat(TestRows.relocated(d)).isEqualTo(TestRows.relocated(p));
    }

    @Test
    void extraColumnsAreIgnored() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : TestRows.variedRows(20)) {
            rows.add(TestRows.with(r, "pricing_category", "MARKETING", "cost", 0.0625, "attempt", 3, "raw", new byte[] {1, 2},
                    "exported_at", Instant.now()));
        }
        String f = file("extra.parquet");
        TestRows.write(MessageLogWriter.builder(f).column("pricing_category", ColumnType.STRING)
                .column("cost", ColumnType.DOUBLE).column("attempt", ColumnType.INT32).column("raw", ColumnType.BINARY)
                .column("exported_at", ColumnType.INT96), rows);
        assertThat(TestRows.readAll(f)).isEqualTo(expected(f, rows));
    }

    @Test
    void requiredRepetitionAndColumnNamesInAnotherCaseAreAccepted() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : TestRows.variedRows(20)) {
            Map<String, Object> m = TestRows.with(r, "Message_ID", r.get("message_id"));
            m.remove("message_id");
            rows.add(m);
        }
        String f = file("required.parquet");
        TestRows.write(MessageLogWriter.builder(f).requiredNotNull(true).omit("message_id")
                .column("Message_ID", ColumnType.STRING), rows);
        List<LogRow> read = TestRows.readRows(f);
        assertThat(read).hasSize(20);
        assertThat(read.get(5).messageId()).isEqualTo("wamid.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_id", "waba_id", "phone_number_id", "contact_wa_id", "direction", "sent_at", "message_type"})
    void aFileWithoutARequiredColumnIsRefused(String column) {
        String f = file("missing-" + column + ".parquet");
        TestRows.write(MessageLogWriter.builder(f).omit(column), List.of(row()));
        assertThatThrownBy(() -> MessageLogReader.open(f))
                .isInstanceOf(LogFileException.class)
                .hasMessage(f + ": required column '" + column + "' is missing")
                .satisfies(e -> assertThat(((LogFileException) e).column()).isEqualTo(column))
                .satisfies(e -> assertThat(((LogFileException) e).file()).isEqualTo(f));
    }

    @Test
    void optionalColumnsMayBeAbsent() {
        String f = file("minimal.parquet");
        TestRows.write(MessageLogWriter.builder(f).omit("business_phone_number", "delivered_at", "status", "template_name",
                "template_category", "referral_source_type", "meta_conversation_id", "meta_conversation_category",
                "meta_billable", "meta_pricing_model"), List.of(
                        row("message_id", "in", "direction", "INBOUND", "status", null, "business_phone_number", null),
                        row("message_id", "out", "status", null, "business_phone_number", null),
                        row("message_id", "tpl", "direction", "INBOUND", "message_type", "TEMPLATE", "status", null,
                                "business_phone_number", null)));
        List<RowResult> read = TestRows.readAll(f);
        assertThat(read.get(0)).isInstanceOf(LogRow.class);
        assertThat(((LogRow) read.get(0)).businessPhoneNumber()).isNull();
        assertThat(((RowRejection) read.get(1)).reason()).isEqualTo("MISSING_VALUE: status (required on outbound rows)");
        assertThat(((RowRejection) read.get(2)).code()).isEqualTo(RejectionCode.MISSING_CATEGORY);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("message_id", ColumnType.INT64, 42L),
                Arguments.of("contact_wa_id", ColumnType.INT64, 5511987650001L),
                Arguments.of("direction", ColumnType.INT32, 1),
                Arguments.of("sent_at", ColumnType.STRING, "2024-12-02T08:00:00Z"),
                Arguments.of("sent_at", ColumnType.INT64, 1733126400000L),
                Arguments.of("sent_at", ColumnType.DATE, "2024-12-02"),
                Arguments.of("delivered_at", ColumnType.DOUBLE, 1.0),
                Arguments.of("status", ColumnType.BOOLEAN, true),
                Arguments.of("template_category", ColumnType.decimal(5, 2), "1.00"),
                Arguments.of("meta_billable", ColumnType.STRING, "true"),
                Arguments.of("meta_pricing_model", ColumnType.INT32, 2));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("wrongTypes")
    void aColumnOfTheWrongPhysicalTypeIsRefused(String column, ColumnType type, Object value) {
        String f = file("wrong.parquet");
        TestRows.write(MessageLogWriter.builder(f).column(column, type), List.of(row(column, value)));
        assertThatThrownBy(() -> MessageLogReader.open(f))
                .isInstanceOf(LogFileException.class)
                .hasMessageStartingWith(f + ": column '" + column + "' has the wrong type ")
                .satisfies(e -> assertThat(((LogFileException) e).column()).isEqualTo(column));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path p = Files.createFile(dir.resolve("empty.parquet"));
        assertThatThrownBy(() -> MessageLogReader.open(p.toString()))
                .isInstanceOf(LogFileException.class).hasMessageStartingWith(p + ": ").hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageLogReader.countRows(p.toString()))
                .isInstanceOf(LogFileException.class).hasMessageStartingWith(p + ": ");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 100, 2000})
    void aTruncatedFileIsRefused(int bytesCut) throws IOException {
        Path p = dir.resolve("cut.parquet");
        TestRows.write(p.toString(), TestRows.variedRows(300));
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(raf.length() - bytesCut);
        }
        assertThatThrownBy(() -> TestRows.readAll(p.toString()))
                .isInstanceOf(LogFileException.class).hasMessageStartingWith(p + ": ");
    }

    @Test
    void aFileThatIsNotParquetIsRefused() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.parquet"), "message_id,waba_id\nm1,w1\n");
        assertThatThrownBy(() -> MessageLogReader.open(p.toString()))
                .isInstanceOf(LogFileException.class).hasMessageStartingWith(p + ": not a readable Parquet file");
        assertThatThrownBy(() -> MessageLogReader.open(dir.resolve("nope.parquet").toString()))
                .isInstanceOf(LogFileException.class).hasMessage(dir.resolve("nope.parquet") + ": no such file");
        assertThatThrownBy(() -> MessageLogReader.open(dir.toString()))
                .isInstanceOf(LogFileException.class).hasMessage(dir + ": is a directory, not a Parquet file");
    }

    @Test
    void aCorruptDataPageIsReportedWithItsRowGroup() throws IOException {
        Path p = dir.resolve("corrupt.parquet");
        TestRows.write(MessageLogWriter.builder(p.toString()).compression(CompressionCodecName.ZSTD).rowGroupRows(100),
                TestRows.variedRows(300));
        long start;
        long size;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(HadoopLocations.toPath(p.toString()),
                HadoopLocations.defaultConfiguration()))) {
            BlockMetaData second = r.getFooter().getBlocks().get(1);
            ColumnChunkMetaData messageId = second.getColumns().get(0);
            start = messageId.getStartingPos();
            size = messageId.getTotalSize();
        }
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            // keep the page header, garble the compressed data after it
            for (long i = start + size / 2; i < start + size; i++) {
                raf.seek(i);
                raf.write(0x5A);
            }
        }
        List<RowResult> before = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (MessageLogReader r = MessageLogReader.open(p.toString())) {
                RowResult x;
                while ((x = r.next()) != null) {
                    before.add(x);
                }
            }
        }).isInstanceOf(LogFileException.class)
                .hasMessageStartingWith(p + ": cannot read row group 2 of 3, row 101")
                .satisfies(e -> assertThat(((LogFileException) e).row()).isEqualTo(101));
        assertThat(before).hasSize(100);
    }

    @Test
    void readingFromAnyRowGivesTheRestOfAFullRead() throws IOException {
        String f = file("groups.parquet");
        List<Map<String, Object>> rows = TestRows.variedRows(50);
        TestRows.write(MessageLogWriter.builder(f).rowGroupRows(7).pageRows(3), rows);
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(HadoopLocations.toPath(f),
                HadoopLocations.defaultConfiguration()))) {
            assertThat(r.getFooter().getBlocks()).hasSize(8);
        }
        List<RowResult> full = TestRows.readAll(f);
        assertThat(full).hasSize(50);
        assertThat(MessageLogReader.countRows(f)).isEqualTo(50);
        for (int first = 1; first <= 52; first++) {
            try (MessageLogReader r = MessageLogReader.open(f, HadoopLocations.defaultConfiguration(), first)) {
                assertThat(r.currentRow()).isEqualTo(first - 1);
                assertThat(r.totalRows()).isEqualTo(50);
                List<RowResult> rest = new ArrayList<>();
                RowResult x;
                while ((x = r.next()) != null) {
                    rest.add(x);
                    assertThat(r.currentRow()).isEqualTo(x.rowNumber());
                }
                assertThat(rest).as("from row %d", first).isEqualTo(full.subList(Math.min(first - 1, 50), 50));
                assertThat(r.hasNext()).isFalse();
            }
        }
        assertThatThrownBy(() -> MessageLogReader.open(f, HadoopLocations.defaultConfiguration(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileUrisAndBarePathsReadTheSameFile() {
        String f = file("uri.parquet");
        TestRows.write(f, TestRows.variedRows(10));
        String uri = "file://" + f;
        List<LogRow> viaUri = TestRows.readRows(uri);
        assertThat(viaUri.get(0).source()).isEqualTo(uri);
        assertThat(TestRows.relocated(viaUri)).isEqualTo(TestRows.relocated(TestRows.readRows(f)));
        assertThat(MessageLogReader.countRows("file:" + f)).isEqualTo(10);
    }

    @Test
    void aWrittenFileLeavesNoChecksumFiles() throws IOException {
        TestRows.write(file("a.parquet"), TestRows.variedRows(10));
        TestRows.readAll(file("a.parquet"));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("a.parquet");
        }
    }

    @Test
    void invalidUtf8InTheFileIsEscapedInTheReason() {
        String f = file("utf8.parquet");
        TestRows.write(f, List.of(row("message_id", new byte[] {'m', (byte) 0xff}), row("message_id", "ok",
                "template_name", new byte[] {(byte) 0xC0, (byte) 0x80})));
        List<RowResult> read = TestRows.readAll(f);
        assertThat(((RowRejection) read.get(0)).reason()).isEqualTo("INVALID_VALUE: message_id 'm\\uFFFD' is not valid UTF-8");
        assertThat(((LogRow) read.get(1)).templateName()).isEqualTo("\uFFFD\uFFFD");
        assertThat(T0).isNotNull();
    }
}
