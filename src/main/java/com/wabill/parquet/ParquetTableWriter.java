package com.wabill.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one flat Parquet file (an output table) from rows given as {@code Object[]} in column order.
 *
 * <p>The file is written under a hidden temporary name beside its target ({@code .<name>.<uuid>.inprogress})
 * and moved into place by {@link #close()}, replacing an older file of that name, so that readers never see a
 * half-written table. {@link #abort()} (or a failed write) discards it. Local files are written without
 * {@code .crc} side files.
 *
 * <p>Value conversions are those of {@link ColumnType}; a value that cannot be converted, or a null in a
 * non-nullable column, throws {@link IllegalArgumentException} and writes nothing of that row.
 */
public final class ParquetTableWriter implements AutoCloseable {

    private final String location;
    private final List<TableColumn> columns;
    private final RowWriteSupport support;
    private final Configuration conf;
    private final String tempLocation;
    private final ParquetWriter<Object[]> writer;
    private long rows;
    private boolean failed;
    private boolean closed;

    private ParquetTableWriter(String location, List<TableColumn> columns, CompressionCodecName codec,
            Map<String, String> metadata, Configuration conf) throws IOException {
        this.location = Objects.requireNonNull(location, "location");
        this.columns = List.copyOf(columns);
        this.conf = conf;
        this.support = new RowWriteSupport("table", this.columns, metadata);
        this.tempLocation = tempSibling(location);
        ParquetFiles.Settings s = ParquetFiles.Settings.defaults();
        s = new ParquetFiles.Settings(codec, true, 0, s.rowGroupBytes(), 0, s.writerVersion());
        OutputFile out = ParquetFiles.outputFile(tempLocation, conf);
        this.writer = ParquetFiles.open(out, support, s, conf,
                this.columns.stream().filter(c -> !c.dictionary()).map(TableColumn::name).toList());
    }

    /** A ZSTD-compressed table at {@code location} (a bare path or a Hadoop URI). */
    public static ParquetTableWriter create(String location, List<TableColumn> columns) {
        return create(location, columns, CompressionCodecName.ZSTD);
    }

    public static ParquetTableWriter create(String location, List<TableColumn> columns, CompressionCodecName codec) {
        return create(location, columns, codec, Map.of(), HadoopLocations.defaultConfiguration());
    }

    /**
     * @param metadata key-value metadata stored in the footer
     */
    public static ParquetTableWriter create(String location, List<TableColumn> columns, CompressionCodecName codec,
            Map<String, String> metadata, Configuration conf) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        try {
            return new ParquetTableWriter(location, columns, codec, metadata, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + location + ": " + e.getMessage(), e);
        }
    }

    /** Writes a whole table and returns its row count. */
    public static long writeAll(String location, List<TableColumn> columns, Iterable<Object[]> rows) {
        try (ParquetTableWriter w = create(location, columns)) {
            for (Object[] row : rows) {
                w.write(row);
            }
            return w.rowCount();
        }
    }

    public List<TableColumn> columns() {
        return columns;
    }

    public String location() {
        return location;
    }

    /** Rows written so far. */
    public long rowCount() {
        return rows;
    }

    /** Writes one row, values in column order. */
    public void write(Object... row) {
        if (closed) {
            throw new IllegalStateException("writer of " + location + " is closed");
        }
        writePrepared(support.prepare(row));
    }

    /** Writes a prepared record; a failure marks the file as failed (close then removes it). */
    private void writePrepared(Object[] prepared) {
        try {
            writer.write(prepared);
            rows++;
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * A reusable row for typed writes, which skip the per-value type dispatch of {@link #write(Object...)} and can
     * reuse the encoded form of values that repeat (see {@link Row}). One row per writer and thread.
     */
    public Row newRow() {
        return new Row(columns);
    }

    /** Writes {@code row} (checked first: a missing value in a non-nullable column writes nothing) and clears it. */
    public void write(Row row) {
        if (closed) {
            throw new IllegalStateException("writer of " + location + " is closed");
        }
        try {
            writePrepared(row.checked()); // the record is consumed at once: the row's array is reused
        } finally {
            row.clear();
        }
    }

    /**
     * Values of one row, converted as they are set (the conversions of {@link ColumnType}); a value that cannot be
     * converted throws {@link IllegalArgumentException} naming the column, and {@link #clear()} starts the row
     * again. Values set with {@link #setRepeated} keep their encoded form for the next rows (for columns with few
     * distinct values: codes, currencies, rates), up to a bound per column.
     */
    public static final class Row {
        private static final int CACHE_LIMIT = 4096;

        private final List<TableColumn> columns;
        private final Object[] values;
        private final Map<Object, Object>[] caches;
        private final Map<Object, Object>[] sameInstance;

        @SuppressWarnings("unchecked")
        private Row(List<TableColumn> columns) {
            this.columns = columns;
            this.values = new Object[columns.size()];
            this.caches = new Map[columns.size()];
            this.sameInstance = new Map[columns.size()];
        }

        /** Any value, as {@link ParquetTableWriter#write(Object...)} takes it (null: no value). */
        public Row set(int column, Object value) {
            values[column] = value == null ? null : RowWriteSupport.convert(columns.get(column), value);
            return this;
        }

        /**
         * A value of a column whose values repeat: its encoded form is kept for the next rows, found again by the
         * same instance first (cheap when the caller shares its repeated values) and else by equality.
         */
        public Row setRepeated(int column, Object value) {
            if (value == null) {
                values[column] = null;
                return this;
            }
            Map<Object, Object> same = sameInstance[column];
            if (same == null) {
                same = new IdentityHashMap<>();
                sameInstance[column] = same;
                caches[column] = new HashMap<>();
            }
            Object v = same.get(value);
            if (v == null) {
                Map<Object, Object> equal = caches[column];
                v = equal.get(value);
                if (v == null) {
                    v = RowWriteSupport.convert(columns.get(column), value);
                    if (equal.size() < CACHE_LIMIT) equal.put(value, v);
                }
                if (same.size() < CACHE_LIMIT) same.put(value, v);
            }
            values[column] = v;
            return this;
        }

        /** A STRING column's value (null: no value). */
        public Row setString(int column, String value) {
            if (value == null) {
                values[column] = null;
            } else {
                TableColumn c = columns.get(column);
                if (c.type().physical() != ColumnType.Physical.STRING) {
                    return set(column, value);
                }
                try {
                    values[column] = org.apache.parquet.io.api.Binary.fromConstantByteArray(RowWriteSupport.utf8(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("column '" + c.name() + "' (" + c.type() + "): cannot write "
                            + "String value: " + e.getMessage(), e);
                }
            }
            return this;
        }

        public void clear() {
            java.util.Arrays.fill(values, null);
        }

        /** The prepared values, checked for missing required ones (then the row is cleared). */
        Object[] checked() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null && !columns.get(i).nullable()) {
                    clear();
                    throw new IllegalArgumentException("column '" + columns.get(i).name() + "' is not nullable");
                }
            }
            return values;
        }
    }

    /** Discards the file being written; an older file at the location stays as it was. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // the temporary file is deleted below
        }
        deleteQuietly(tempLocation);
    }

    /** Finishes the file and moves it into place (unless a write failed: then it is discarded). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (failed) {
            abort();
            return;
        }
        closed = true;
        try {
            writer.close();
            moveIntoPlace();
        } catch (IOException e) {
            deleteQuietly(tempLocation);
            throw new UncheckedIOException("cannot finish " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tempLocation);
            throw e;
        }
    }

    private void moveIntoPlace() throws IOException {
        if (HadoopLocations.isLocal(location)) {
            Files.move(HadoopLocations.toLocalPath(tempLocation), HadoopLocations.toLocalPath(location),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path target = new Path(location);
        FileSystem fs = target.getFileSystem(conf);
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(new Path(tempLocation), target)) {
            throw new IOException("rename of " + tempLocation + " to " + location + " failed");
        }
    }

    private void deleteQuietly(String loc) {
        try {
            if (HadoopLocations.isLocal(loc)) {
                Files.deleteIfExists(HadoopLocations.toLocalPath(loc));
            } else {
                Path p = new Path(loc);
                p.getFileSystem(conf).delete(p, false);
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing more to do
        }
    }

    /** A hidden name beside the target, so that readers and discovery skip it. */
    static String tempSibling(String location) {
        int slash = location.lastIndexOf('/');
        String dir = slash >= 0 ? location.substring(0, slash + 1) : "";
        String name = location.substring(slash + 1);
        return dir + "." + name + "." + UUID.randomUUID() + ".inprogress";
    }
}
