package com.wabill.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

@FastTest
class MessageLogWriterTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultLayoutIsSpec11() throws IOException {
        String f = dir.resolve("log.parquet").toString();
        MessageLogWriter.writeAll(f, List.of(Map.of("message_id", "m1", "sent_at", Instant.parse("2025-03-01T00:00:00Z"))));
        MessageType schema = ParquetTableReader.schema(f);
        assertThat(schema.getFields()).extracting(Type::getName)
                .containsExactly(MessageLogColumn.ALL.stream().map(c -> c.columnName).toArray(String[]::new));
        assertThat(schema.getType("message_id").asPrimitiveType().getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("sent_at").asPrimitiveType().getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
        assertThat(schema.getType("meta_billable").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BOOLEAN);
        assertThat(ParquetTableReader.readAll(f).get(0)).containsEntry("message_id", "m1").containsEntry("direction", null);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("log.parquet");
        }
    }

    @Test
    void optionsShapeTheSchema() {
        String f = dir.resolve("opt.parquet").toString();
        try (MessageLogWriter w = MessageLogWriter.builder(f).timestampUnit(TimeUnit.NANOS).utcAdjusted(false)
                .omit("meta_billable", "status").column("direction", ColumnType.INT32).column("extra", ColumnType.DOUBLE)
                .requiredNotNull(true).build()) {
            w.write(Map.of("message_id", "m", "waba_id", "w", "phone_number_id", "p", "contact_wa_id", "1",
                    "sent_at", Instant.parse("2025-03-01T00:00:00.000000001Z"), "message_type", "TEXT",
                    "status", "dropped", "direction", 3, "extra", 1.5));
            assertThatThrownBy(() -> w.write(Map.of("message_id", "m")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not nullable");
            assertThatThrownBy(() -> w.write(Map.of("message_id", "m", "nonsense", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
        }
        MessageType schema = ParquetTableReader.schema(f);
        assertThat(schema.containsField("meta_billable")).isFalse();
        assertThat(schema.containsField("status")).isFalse();
        assertThat(schema.getType("direction").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(schema.getType("delivered_at").asPrimitiveType().getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(false, TimeUnit.NANOS));
        assertThat(schema.getType("message_id").isRepetition(Type.Repetition.REQUIRED)).isTrue();
        assertThat(schema.getType("template_name").isRepetition(Type.Repetition.OPTIONAL)).isTrue();
        assertThat(schema.getFields().get(schema.getFieldCount() - 1).getName()).isEqualTo("extra");
    }

    @Test
    void subUnitInstantsAreRefusedRatherThanCut() {
        String f = dir.resolve("ms.parquet").toString();
        try (MessageLogWriter w = MessageLogWriter.builder(f).timestampUnit(TimeUnit.MILLIS).build()) {
            assertThatThrownBy(() -> w.write(Map.of("sent_at", Instant.parse("2025-03-01T00:00:00.000001Z"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sent_at");
        }
    }
}
