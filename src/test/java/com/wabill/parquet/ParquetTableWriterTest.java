package com.wabill.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.wabill.testsupport.FastTest;

@FastTest
class ParquetTableWriterTest {

    @TempDir
    Path dir;

    static final List<TableColumn> COLUMNS = List.of(
            TableColumn.required("conversation_id", ColumnType.STRING),
            TableColumn.nullable("raw", ColumnType.BINARY),
            TableColumn.nullable("free", ColumnType.BOOLEAN),
            TableColumn.nullable("quantity", ColumnType.INT32),
            TableColumn.nullable("count", ColumnType.INT64),
            TableColumn.nullable("ratio", ColumnType.DOUBLE),
            TableColumn.nullable("day", ColumnType.DATE),
            TableColumn.nullable("opened_at", ColumnType.TIMESTAMP_MICROS),
            TableColumn.nullable("legacy_at", ColumnType.INT96),
            TableColumn.nullable("rate", ColumnType.decimal(18, 6)),
            TableColumn.nullable("amount", ColumnType.decimal(38, 10)));

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"ZSTD", "SNAPPY", "UNCOMPRESSED"})
    void everyTypeRoundTrips(CompressionCodecName codec) throws IOException {
        String f = dir.resolve("t.parquet").toString();
        Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
        try (ParquetTableWriter w = ParquetTableWriter.create(f, COLUMNS, codec)) {
            w.write("conv-m1", new byte[] {0, (byte) 0xff}, true, 7, 12345678901L, 0.5, LocalDate.parse("2025-03-01"), at,
                    Instant.parse("1999-12-31T23:59:59.999999999Z"), new BigDecimal("0.0625"), new BigDecimal("-12345678901234567890.0123456789"));
            w.write("conv-m2", null, null, null, null, null, null, null, null, null, null);
            w.write("conv-m3", "text", "false", 1L, 2, 3, "2024-02-29", "2024-02-29T00:00:00Z", at, "0", 5L);
            assertThat(w.rowCount()).isEqualTo(3);
        }
        List<Map<String, Object>> rows = ParquetTableReader.readAll(f);
        assertThat(rows).hasSize(3);
        Map<String, Object> a = rows.get(0);
        assertThat(a.keySet()).containsExactly(COLUMNS.stream().map(TableColumn::name).toArray(String[]::new));
        assertThat(a.get("conversation_id")).isEqualTo("conv-m1");
        assertThat((byte[]) a.get("raw")).containsExactly(0, 0xff);
        assertThat(a.get("free")).isEqualTo(true);
        assertThat(a.get("quantity")).isEqualTo(7);
        assertThat(a.get("count")).isEqualTo(12345678901L);
        assertThat(a.get("ratio")).isEqualTo(0.5);
        assertThat(a.get("day")).isEqualTo(LocalDate.parse("2025-03-01"));
        assertThat(a.get("opened_at")).isEqualTo(at);
        assertThat(a.get("legacy_at")).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999999Z"));
        assertThat(a.get("rate")).isEqualTo(new BigDecimal("0.062500"));
        assertThat(a.get("amount")).isEqualTo(new BigDecimal("-12345678901234567890.0123456789"));
        Map<String, Object> b = rows.get(1);
        assertThat(b.get("conversation_id")).isEqualTo("conv-m2");
        assertThat(b.values().stream().skip(1)).containsOnlyNulls();
        Map<String, Object> c = rows.get(2);
        assertThat((byte[]) c.get("raw")).isEqualTo("text".getBytes());
        assertThat(c.get("free")).isEqualTo(false);
        assertThat(c.get("quantity")).isEqualTo(1);
        assertThat(c.get("count")).isEqualTo(2L);
        assertThat(c.get("ratio")).isEqualTo(3.0);
        assertThat(c.get("day")).isEqualTo(LocalDate.parse("2024-02-29"));
        assertThat(c.get("rate")).isEqualTo(new BigDecimal("0.000000"));
        assertThat(c.get("amount")).isEqualTo(new BigDecimal("5.0000000000"));

        MessageType schema = ParquetTableReader.schema(f);
        assertThat(schema.getType("opened_at").asPrimitiveType().getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("rate").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("amount").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
        assertThat(schema.getType("conversation_id").isRepetition(org.apache.parquet.schema.Type.Repetition.REQUIRED)).isTrue();
        assertThat(files()).extracting(p -> p.getFileName().toString()).containsExactly("t.parquet");
    }

    @Test
    void decimalsAreNeverRounded() {
        String f = dir.resolve("d.parquet").toString();
        try (ParquetTableWriter w = ParquetTableWriter.create(f, List.of(TableColumn.nullable("rate", ColumnType.decimal(6, 4))))) {
            assertThatThrownBy(() -> w.write(new BigDecimal("0.06255"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate");
            assertThatThrownBy(() -> w.write(new BigDecimal("123.0"))).isInstanceOf(IllegalArgumentException.class);
            w.write(new BigDecimal("99.9999"));
            w.write(new BigDecimal("-0.5"));
        }
        assertThat(ParquetTableReader.readAll(f)).extracting(m -> m.get("rate"))
                .containsExactly(new BigDecimal("99.9999"), new BigDecimal("-0.5000"));
    }

    @Test
    void typedRowsWriteWhatGenericRowsWrite() {
        String generic = dir.resolve("generic.parquet").toString();
        String typed = dir.resolve("typed.parquet").toString();
        Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new Object[] {"conv-" + i, null, i % 2 == 0, i, (long) i, null, null, at.plusSeconds(i), null,
                    i % 3 == 0 ? null : new BigDecimal("0.0625").multiply(BigDecimal.valueOf(i % 4)),
                    new BigDecimal(i % 5 + ".5")});
        }
        ParquetTableWriter.writeAll(generic, COLUMNS, rows);
        try (ParquetTableWriter w = ParquetTableWriter.create(typed, COLUMNS)) {
            ParquetTableWriter.Row row = w.newRow();
            for (Object[] r : rows) {
                row.setString(0, (String) r[0]);
                row.setRepeated(2, r[2]);
                row.set(3, r[3]);
                row.set(4, r[4]);
                row.set(7, r[7]);
                row.setRepeated(9, r[9]);
                row.setRepeated(10, new BigDecimal(r[10].toString())); // equal, not the same instance
                w.write(row);
            }
            // a missing required value writes nothing, and the row starts again
            row.set(3, 1);
            assertThatThrownBy(() -> w.write(row)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversation_id");
            assertThatThrownBy(() -> row.setString(0, "x\uD800")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
            assertThatThrownBy(() -> row.setRepeated(9, new BigDecimal("0.0000001"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        }
        assertThat(ParquetTableReader.readAll(typed)).isEqualTo(ParquetTableReader.readAll(generic));
    }

    @Test
    void aBadRowWritesNothingAndTheOthersStay() {
        String f = dir.resolve("bad.parquet").toString();
        try (ParquetTableWriter w = ParquetTableWriter.create(f, COLUMNS)) {
            w.write("a", null, null, null, null, null, null, null, null, null, null);
            assertThatThrownBy(() -> w.write((Object) null, null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversation_id");
            assertThatThrownBy(() -> w.write("b", null, null, "seven", null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
            assertThatThrownBy(() -> w.write("c")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.write("e", null, null, 1L << 40, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
            assertThatThrownBy(() -> w.write("f", null, null, null, 2.5, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
            assertThatThrownBy(() -> w.write("g\uD800", null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversation_id").hasMessageContaining("surrogate");
            w.write("d\uD83D\uDE00", null, null, null, null, null, null, null, null, null, null);
        }
        assertThat(ParquetTableReader.readAll(f)).extracting(m -> m.get("conversation_id")).containsExactly("a", "d\uD83D\uDE00");
    }

    @Test
    void aFileIsReplacedOnlyWhenTheNewOneIsComplete() throws IOException {
        String f = dir.resolve("sub/dir/t.parquet").toString();
        List<TableColumn> cols = List.of(TableColumn.required("id", ColumnType.STRING));
        ParquetTableWriter.writeAll(f, cols, List.<Object[]>of(new Object[] {"old"}));
        ParquetTableWriter w = ParquetTableWriter.create(f, cols);
        for (int i = 0; i < 1000; i++) {
            w.write("new" + i);
        }
        // while the new file is written the old one is still there, and the new one is hidden
        assertThat(ParquetTableReader.readAll(f)).extracting(m -> m.get("id")).containsExactly("old");
        try (Stream<Path> s = Files.list(dir.resolve("sub/dir"))) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(".t.parquet.") && n.endsWith(".inprogress"));
        }
        w.abort();
        assertThat(ParquetTableReader.readAll(f)).extracting(m -> m.get("id")).containsExactly("old");
        try (ParquetTableWriter w2 = ParquetTableWriter.create(f, cols)) {
            w2.write("newer");
        }
        assertThat(ParquetTableReader.readAll(f)).extracting(m -> m.get("id")).containsExactly("newer");
        try (Stream<Path> s = Files.list(dir.resolve("sub/dir"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("t.parquet");
        }
    }

    @Test
    void fileUrisWork() {
        String f = "file:" + dir.resolve("u.parquet");
        ParquetTableWriter.writeAll(f, List.of(TableColumn.required("id", ColumnType.STRING)),
                List.<Object[]>of(new Object[] {"x"}, new Object[] {"y"}));
        assertThat(ParquetTableReader.readAll(f)).hasSize(2);
        assertThat(ParquetTableReader.readAll(dir.resolve("u.parquet").toString())).hasSize(2);
    }

    @Test
    void manyRows() {
        String f = dir.resolve("many.parquet").toString();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(new Object[] {"conv-" + i, new BigDecimal(i).movePointLeft(4)});
        }
        assertThat(ParquetTableWriter.writeAll(f, List.of(TableColumn.required("id", ColumnType.STRING),
                TableColumn.required("amount", ColumnType.decimal(12, 4))), rows)).isEqualTo(50_000);
        List<Map<String, Object>> read = ParquetTableReader.readAll(f);
        assertThat(read).hasSize(50_000);
        assertThat(read.get(49_999).get("amount")).isEqualTo(new BigDecimal("4.9999"));
        assertThat(Arrays.asList(read.get(7).get("id"))).containsExactly("conv-7");
    }

    /** A column of ids that never repeat is written plain; the others keep their dictionary. */
    @Test
    void aUniqueColumnIsWrittenWithoutADictionary() throws IOException {
        String f = dir.resolve("ids.parquet").toString();
        try (ParquetTableWriter w = ParquetTableWriter.create(f, List.of(TableColumn.unique("message_id",
                ColumnType.STRING), TableColumn.required("waba_id", ColumnType.STRING)))) {
            for (int i = 0; i < 10_000; i++) w.write("wamid." + i, "waba-" + i % 3);
        }
        Map<String, java.util.Set<org.apache.parquet.column.Encoding>> encodings = new java.util.HashMap<>();
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(Path.of(f)))) {
            for (var c : r.getFooter().getBlocks().get(0).getColumns()) encodings.put(c.getPath().toDotString(),
                    c.getEncodings());
        }
        assertThat(encodings.get("message_id")).doesNotContain(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY,
                org.apache.parquet.column.Encoding.RLE_DICTIONARY);
        assertThat(encodings.get("waba_id")).contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY);
        assertThat(ParquetTableReader.readAll(f)).hasSize(10_000).element(9_999)
                .isEqualTo(Map.of("message_id", "wamid.9999", "waba_id", "waba-0"));
    }
}
