package com.wabill.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/** Decoding Parquet timestamps to instants. Whether a timestamp is UTC-adjusted or not, it is read as UTC. */
public final class ParquetTimestamps {

    private ParquetTimestamps() {}

    /** An INT64 TIMESTAMP value in its unit. */
    public static Instant fromLong(long value, TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }

    /**
     * A legacy INT96 timestamp: 8 bytes of nanoseconds of the day, then 4 bytes of Julian day number,
     * both little-endian (as Impala, Hive and Spark write it).
     */
    public static Instant fromInt96(Binary value) {
        if (value.length() != 12) {
            throw new IllegalArgumentException("INT96 value of " + value.length() + " bytes");
        }
        ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int pos = b.position();
        long nanosOfDay = b.getLong(pos);
        long julianDay = b.getInt(pos + 8) & 0xFFFFFFFFL;
        long epochDay = julianDay - RowWriteSupport.JULIAN_DAY_OF_EPOCH;
        return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L), 0).plusNanos(nanosOfDay);
    }
}
