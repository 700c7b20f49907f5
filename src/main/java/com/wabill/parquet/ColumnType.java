package com.wabill.parquet;

import java.util.Objects;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet type of a flat column, as the writers in this package write it. Values given for a column
 * are converted as documented on each factory; a value that cannot be converted is an
 * {@link IllegalArgumentException} naming the column.
 */
public final class ColumnType {

    /** The physical layouts this package writes. */
    public enum Physical {
        /** BINARY annotated STRING; values: any object, written as {@code toString()}, or {@code byte[]} as is. */
        STRING,
        /** BINARY without annotation; values as for STRING. */
        BINARY,
        /** BOOLEAN; values: Boolean or a String "true"/"false". */
        BOOLEAN,
        /** INT32 without annotation; values: Number. */
        INT32,
        /** INT64 without annotation; values: Number, or an Instant (written as epoch milliseconds). */
        INT64,
        /** DOUBLE; values: Number. */
        DOUBLE,
        /** INT32 DATE; values: LocalDate or an ISO date String. */
        DATE,
        /** INT64 TIMESTAMP(unit, adjusted to UTC or not); values: Instant, an ISO instant String, or a Long in the unit. */
        TIMESTAMP,
        /** Legacy INT96 timestamp (Julian day and nanoseconds of the day); values as for TIMESTAMP (a Long is nanoseconds). */
        INT96,
        /** DECIMAL(precision, scale), INT64 up to precision 18, else FIXED_LEN_BYTE_ARRAY; values: BigDecimal, Number or String, never rounded. */
        DECIMAL
    }

    private final Physical physical;
    private final TimeUnit unit;
    private final boolean utcAdjusted;
    private final int precision;
    private final int scale;

    private ColumnType(Physical physical, TimeUnit unit, boolean utcAdjusted, int precision, int scale) {
        this.physical = physical;
        this.unit = unit;
        this.utcAdjusted = utcAdjusted;
        this.precision = precision;
        this.scale = scale;
    }

    public static final ColumnType STRING = new ColumnType(Physical.STRING, null, false, 0, 0);
    public static final ColumnType BINARY = new ColumnType(Physical.BINARY, null, false, 0, 0);
    public static final ColumnType BOOLEAN = new ColumnType(Physical.BOOLEAN, null, false, 0, 0);
    public static final ColumnType INT32 = new ColumnType(Physical.INT32, null, false, 0, 0);
    public static final ColumnType INT64 = new ColumnType(Physical.INT64, null, false, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(Physical.DOUBLE, null, false, 0, 0);
    public static final ColumnType DATE = new ColumnType(Physical.DATE, null, false, 0, 0);
    public static final ColumnType INT96 = new ColumnType(Physical.INT96, TimeUnit.NANOS, false, 0, 0);
    /** INT64 TIMESTAMP(MICROS, UTC-adjusted): the timestamp type of the output tables. */
    public static final ColumnType TIMESTAMP_MICROS = timestamp(TimeUnit.MICROS, true);

    public static ColumnType timestamp(TimeUnit unit, boolean utcAdjusted) {
        return new ColumnType(Physical.TIMESTAMP, Objects.requireNonNull(unit), utcAdjusted, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("bad DECIMAL(" + precision + ", " + scale + ")");
        }
        return new ColumnType(Physical.DECIMAL, null, false, precision, scale);
    }

    public Physical physical() {
        return physical;
    }

    /** The unit of a TIMESTAMP (NANOS for INT96), else null. */
    public TimeUnit unit() {
        return unit;
    }

    public boolean utcAdjusted() {
        return utcAdjusted;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal of this precision. */
    int decimalBytes() {
        // smallest n with 2^(8n-1) > 10^precision
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    boolean decimalAsLong() {
        return physical == Physical.DECIMAL && precision <= 18;
    }

    /** The Parquet field of a column of this type. */
    public PrimitiveType toParquet(String name, boolean nullable) {
        Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (physical) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(utcAdjusted, unit)).named(name);
            case INT96 -> Types.primitive(PrimitiveTypeName.INT96, rep).named(name);
            case DECIMAL -> decimalAsLong()
                    ? Types.primitive(PrimitiveTypeName.INT64, rep)
                            .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name)
                    : Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(decimalBytes())
                            .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType t && t.physical == physical && t.unit == unit
                && t.utcAdjusted == utcAdjusted && t.precision == precision && t.scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(physical, unit, utcAdjusted, precision, scale);
    }

    @Override
    public String toString() {
        return switch (physical) {
            case TIMESTAMP -> "TIMESTAMP(" + unit + (utcAdjusted ? ", UTC)" : ", local)");
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            default -> physical.name();
        };
    }
}
