package com.wabill.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Writes flat rows given as {@code Object[]} in column order (null: no value). */
final class RowWriteSupport extends WriteSupport<Object[]> {

    /** Days from the Julian day epoch to 1970-01-01, for INT96 timestamps. */
    static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final List<TableColumn> columns;
    private final MessageType schema;
    private final Map<String, String> extraMetaData;
    private RecordConsumer consumer;

    RowWriteSupport(String schemaName, List<TableColumn> columns, Map<String, String> extraMetaData) {
        this.columns = List.copyOf(columns);
        List<Type> fields = new ArrayList<>(columns.size());
        for (TableColumn c : columns) {
            fields.add(c.type().toParquet(c.name(), c.nullable()));
        }
        this.schema = new MessageType(schemaName, fields);
        this.extraMetaData = Map.copyOf(extraMetaData);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, extraMetaData);
    }

    @Override
    public String getName() {
        return "wabill";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    /**
     * Checks and converts a row before anything of it is written, so that a bad value never leaves a
     * half-written record: the result is what {@link #write} takes.
     */
    Object[] prepare(Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, the table " + columns.size() + " columns");
        }
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            TableColumn c = columns.get(i);
            if (row[i] == null) {
                if (!c.nullable()) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is not nullable");
                }
            } else {
                out[i] = convert(c, row[i]);
            }
        }
        return out;
    }

    /** Writes a row made by {@link #prepare}. */
    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object p = row[i];
            if (p == null) {
                continue;
            }
            String name = columns.get(i).name();
            consumer.startField(name, i);
            if (p instanceof Binary b) {
                consumer.addBinary(b);
            } else if (p instanceof Long l) {
                consumer.addLong(l);
            } else if (p instanceof Integer n) {
                consumer.addInteger(n);
            } else if (p instanceof Boolean b) {
                consumer.addBoolean(b);
            } else {
                consumer.addDouble((Double) p);
            }
            consumer.endField(name, i);
        }
        consumer.endMessage();
    }

    /** The value as the record consumer takes it. */
    static Object convert(TableColumn c, Object v) {
        ColumnType t = c.type();
        try {
            return switch (t.physical()) {
                // String.getBytes is much faster than Binary.fromString's CharsetEncoder
                case STRING, BINARY -> Binary.fromConstantByteArray(v instanceof byte[] b ? b : utf8(v.toString()));
                case BOOLEAN -> v instanceof Boolean b ? b : parseBoolean(v.toString());
                case INT32 -> Math.toIntExact(exactLong((Number) v));
                case INT64 -> v instanceof Instant i ? i.toEpochMilli() : exactLong((Number) v);
                case DOUBLE -> ((Number) v).doubleValue();
                case DATE -> (int) (v instanceof LocalDate d ? d : LocalDate.parse(v.toString())).toEpochDay();
                case TIMESTAMP -> v instanceof Long l ? l : toUnit(instant(v), t);
                case INT96 -> int96(v instanceof Long l ? l : toNanos(instant(v)));
                case DECIMAL -> decimal(t, v);
            };
        } catch (ClassCastException | ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("column '" + c.name() + "' (" + t + "): cannot write "
                    + v.getClass().getSimpleName() + " value: " + e.getMessage(), e);
        }
    }

    /** UTF-8 bytes of a string; a lone surrogate (which UTF-8 cannot hold) is refused rather than written as '?'. */
    static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("lone surrogate U+" + Integer.toHexString(c).toUpperCase() + " at index " + i);
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A whole number, never silently cut or rounded. */
    private static long exactLong(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b) {
            return b.longValueExact();
        }
        return new BigDecimal(n.toString()).longValueExact();
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) return Boolean.TRUE;
        if (s.equalsIgnoreCase("false")) return Boolean.FALSE;
        throw new IllegalArgumentException("not a boolean: " + s);
    }

    private static Instant instant(Object v) {
        return v instanceof Instant i ? i : Instant.parse(v.toString());
    }

    private static long toNanos(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    private static long toUnit(Instant i, ColumnType t) {
        return switch (t.unit()) {
            case MILLIS -> {
                if (i.getNano() % 1_000_000 != 0) throw new ArithmeticException("sub-millisecond instant " + i);
                yield i.toEpochMilli();
            }
            case MICROS -> {
                if (i.getNano() % 1_000 != 0) throw new ArithmeticException("sub-microsecond instant " + i);
                yield Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
            }
            case NANOS -> toNanos(i);
        };
    }

    static Binary int96(long epochNanos) {
        long day = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        long nanosOfDay = Math.floorMod(epochNanos, NANOS_PER_DAY);
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay);
        b.putInt((int) (day + JULIAN_DAY_OF_EPOCH));
        return Binary.fromConstantByteArray(b.array());
    }

    private static Object decimal(ColumnType t, Object v) {
        BigDecimal d = v instanceof BigDecimal bd ? bd
                : v instanceof Long || v instanceof Integer ? BigDecimal.valueOf(((Number) v).longValue())
                : new BigDecimal(v.toString());
        BigDecimal scaled = d.setScale(t.scale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() > t.precision() && scaled.signum() != 0) {
            throw new ArithmeticException(d + " does not fit " + t);
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (t.decimalAsLong()) {
            return unscaled.longValueExact();
        }
        byte[] raw = unscaled.toByteArray();
        int n = t.decimalBytes();
        byte[] out = new byte[n];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        int off = n - raw.length;
        for (int i = 0; i < off; i++) out[i] = pad;
        System.arraycopy(raw, 0, out, off, raw.length);
        return Binary.fromConstantByteArray(out);
    }
}
