package com.wabill.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import com.wabill.parquet.MessageLogColumn;
import com.wabill.parquet.ParquetTimestamps;

/**
 * Reads the SPEC 1.1 columns of a message log into {@link RawValues}, and nothing else: {@link #init} checks the
 * file's schema and asks only for the columns it knows (extra columns are never read), and the converters decode
 * each dictionary of strings once, when its dictionary page is read, rather than once per value.
 *
 * <p>Accepted physical types:
 * <ul>
 *   <li>strings: BINARY, annotated STRING or ENUM, or not annotated;</li>
 *   <li>timestamps: INT64 with the TIMESTAMP logical type in MILLIS, MICROS or NANOS, UTC-adjusted or not (read as
 *       UTC either way), which includes the legacy TIMESTAMP_MILLIS and TIMESTAMP_MICROS converted types; and the
 *       legacy INT96 timestamps (Spark's default, Impala, Hive). A bare INT64 is refused: its unit is unknown;</li>
 *   <li>{@code meta_billable}: BOOLEAN.</li>
 * </ul>
 * A column must be a top-level, non-repeated primitive; REQUIRED and OPTIONAL are both accepted. Column names
 * are matched exactly, or else ignoring case.
 */
final class LogRowReadSupport extends ReadSupport<RawValues> {

    private final String source;

    LogRowReadSupport(String source) {
        this.source = source;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(requestedSchema(source, context.getFileSchema()));
    }

    /** The projection of the file's schema on the SPEC 1.1 columns it has, after checking them. */
    static MessageType requestedSchema(String source, MessageType fileSchema) {
        Map<MessageLogColumn, Type> found = new EnumMap<>(MessageLogColumn.class);
        // exact names first, then names that differ only in case
        for (Type t : fileSchema.getFields()) {
            MessageLogColumn c = MessageLogColumn.byName(t.getName());
            if (c != null) {
                found.put(c, t);
            }
        }
        for (Type t : fileSchema.getFields()) {
            MessageLogColumn c = MessageLogColumn.byNameIgnoreCase(t.getName());
            if (c != null && !found.containsKey(c)) {
                found.put(c, t);
            }
        }
        for (MessageLogColumn c : MessageLogColumn.ALL) {
            Type t = found.get(c);
            if (t == null) {
                if (c.requiredInFile) {
                    throw new LogFileException(source, c.columnName, -1,
                            "required column '" + c.columnName + "' is missing", null);
                }
                continue;
            }
            String problem = typeProblem(c, t);
            if (problem != null) {
                throw new LogFileException(source, c.columnName, -1,
                        "column '" + t.getName() + "' has the wrong type " + describe(t) + "; expected " + problem, null);
            }
        }
        List<Type> fields = new ArrayList<>();
        for (Type t : fileSchema.getFields()) {
            if (found.containsValue(t)) {
                fields.add(t);
            }
        }
        return new MessageType(fileSchema.getName(), fields);
    }

    /** What the column should be, when {@code t} is not acceptable for it; else null. */
    private static String typeProblem(MessageLogColumn c, Type t) {
        String expected = switch (c.kind) {
            case STRING -> "BINARY (STRING)";
            case TIMESTAMP -> "INT64 TIMESTAMP (MILLIS, MICROS or NANOS) or INT96";
            case BOOLEAN -> "BOOLEAN";
        };
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            return expected;
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        boolean ok = switch (c.kind) {
            case STRING -> p.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                    && (a == null || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
            case TIMESTAMP -> (p.getPrimitiveTypeName() == PrimitiveTypeName.INT64
                            && a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)
                    || (p.getPrimitiveTypeName() == PrimitiveTypeName.INT96 && a == null);
            case BOOLEAN -> p.getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN;
        };
        return ok ? null : expected;
    }

    private static String describe(Type t) {
        if (!t.isPrimitive()) {
            return "group";
        }
        PrimitiveType p = t.asPrimitiveType();
        StringBuilder sb = new StringBuilder();
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            sb.append("repeated ");
        }
        sb.append(p.getPrimitiveTypeName());
        if (p.getLogicalTypeAnnotation() != null) {
            sb.append(" (").append(p.getLogicalTypeAnnotation()).append(')');
        }
        return sb.toString();
    }

    @Override
    public RecordMaterializer<RawValues> prepareForRead(Configuration configuration, Map<String, String> keyValueMetaData,
            MessageType fileSchema, ReadContext readContext) {
        return new Materializer(readContext.getRequestedSchema());
    }

    /** Materialises rows into one reused {@link RawValues}. */
    static final class Materializer extends RecordMaterializer<RawValues> {
        private final RawValues current = new RawValues();
        private final Converter[] converters;
        private final GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return converters[fieldIndex];
            }

            @Override
            public void start() {
                current.clear();
            }

            @Override
            public void end() {}
        };

        Materializer(MessageType requested) {
            List<Type> fields = requested.getFields();
            converters = new Converter[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                PrimitiveType p = fields.get(i).asPrimitiveType();
                MessageLogColumn c = MessageLogColumn.byNameIgnoreCase(p.getName());
                converters[i] = switch (c.kind) {
                    case STRING -> new StringConverter(current, c);
                    case BOOLEAN -> new BooleanConverter(current, c);
                    case TIMESTAMP -> p.getPrimitiveTypeName() == PrimitiveTypeName.INT96
                            ? new Int96Converter(current, c)
                            : new TimestampConverter(current, c,
                                    ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) p.getLogicalTypeAnnotation()).getUnit());
                };
            }
        }

        @Override
        public RawValues getCurrentRecord() {
            return current;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    /** UTF-8 strings; a dictionary is decoded once, when it is set. */
    static final class StringConverter extends PrimitiveConverter {
        private final RawValues target;
        private final MessageLogColumn column;
        private String[] dictionary;
        private boolean[] dictionaryInvalid;

        StringConverter(RawValues target, MessageLogColumn column) {
            this.target = target;
            this.column = column;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            int n = d.getMaxId() + 1;
            dictionary = new String[n];
            dictionaryInvalid = new boolean[n];
            for (int i = 0; i < n; i++) {
                RawValues.Decoded s = RawValues.Decoded.decode(d.decodeToBinary(i).toByteBuffer());
                dictionary[i] = s.text();
                dictionaryInvalid[i] = s.invalid();
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            target.setString(column, dictionary[dictionaryId], dictionaryInvalid[dictionaryId]);
        }

        @Override
        public void addBinary(Binary value) {
            RawValues.Decoded s = RawValues.Decoded.decode(value.toByteBuffer());
            target.setString(column, s.text(), s.invalid());
        }
    }

    /** INT64 timestamps of a unit, read as UTC. */
    static final class TimestampConverter extends PrimitiveConverter {
        private final RawValues target;
        private final MessageLogColumn column;
        private final TimeUnit unit;

        TimestampConverter(RawValues target, MessageLogColumn column, TimeUnit unit) {
            this.target = target;
            this.column = column;
            this.unit = unit;
        }

        @Override
        public void addLong(long value) {
            target.set(column, ParquetTimestamps.fromLong(value, unit));
        }
    }

    /** Legacy INT96 timestamps. */
    static final class Int96Converter extends PrimitiveConverter {
        private final RawValues target;
        private final MessageLogColumn column;

        Int96Converter(RawValues target, MessageLogColumn column) {
            this.target = target;
            this.column = column;
        }

        @Override
        public void addBinary(Binary value) {
            Instant i = ParquetTimestamps.fromInt96(value);
            target.set(column, i);
        }
    }

    static final class BooleanConverter extends PrimitiveConverter {
        private final RawValues target;
        private final MessageLogColumn column;

        BooleanConverter(RawValues target, MessageLogColumn column) {
            this.target = target;
            this.column = column;
        }

        @Override
        public void addBoolean(boolean value) {
            target.set(column, value);
        }
    }
}
