package com.wabill.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/**
 * Writes a message log file in the layout of SPEC 1.1, for tests and the sample-data generator.
 *
 * <p>A test fixture, not in the application's jar (the job only reads logs): the application's tests write their
 * logs with it, and the tools module's log generator reaches it through the application's test jar.
 *
 * <p>Rows are maps from column name to value (absent or null: no value): strings for the string columns
 * (a {@code byte[]} is written as is, so that tests can write invalid UTF-8), {@link java.time.Instant}s for
 * the timestamps, a Boolean for {@code meta_billable}. Nothing is validated beyond what the column's type
 * needs, so tests can write {@code direction: SIDEWAYS} or a null {@code message_id}; with
 * {@link Builder#column(String, ColumnType)} a column can be given a wrong physical type, or an extra column
 * added. Local files are written without {@code .crc} side files. The writer uses a custom
 * {@link org.apache.parquet.hadoop.api.WriteSupport}, fast enough for millions of rows.
 */
public final class MessageLogWriter implements AutoCloseable {

    private final String location;
    private final List<TableColumn> columns;
    private final Map<String, Integer> index;
    private final Set<String> omitted;
    private final RowWriteSupport support;
    private final ParquetWriter<Object[]> writer;
    private long rows;

    private MessageLogWriter(Builder b) throws IOException {
        this.location = b.location;
        this.columns = b.columns();
        this.omitted = Set.copyOf(b.omitted);
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        this.support = new RowWriteSupport("message_log", columns, Map.of());
        ParquetFiles.Settings s = new ParquetFiles.Settings(b.compression, b.dictionary, b.rowGroupRows,
                ParquetWriter.DEFAULT_BLOCK_SIZE, b.pageRows, b.writerVersion);
        this.writer = ParquetFiles.open(ParquetFiles.outputFile(location, b.conf), support, s, b.conf);
    }

    public static Builder builder(String location) {
        return new Builder(location);
    }

    /** Writes a whole file with default options. */
    public static void writeAll(String location, Iterable<? extends Map<String, ?>> rows) {
        try (MessageLogWriter w = builder(location).build()) {
            for (Map<String, ?> row : rows) {
                w.write(row);
            }
        }
    }

    /** The columns written, in order. */
    public List<TableColumn> columns() {
        return columns;
    }

    public long rowCount() {
        return rows;
    }

    /**
     * Writes a row given by column name. Values of omitted columns are dropped; a name that is neither a column of
     * the file nor omitted is an error.
     */
    public void write(Map<String, ?> row) {
        Object[] values = new Object[columns.size()];
        for (Map.Entry<String, ?> e : row.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                if (e.getValue() == null || omitted.contains(e.getKey())) {
                    continue;
                }
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a column of " + location
                        + " (omitted, or not declared with column(...))");
            }
            values[i] = e.getValue();
        }
        writeValues(values);
    }

    /** Writes a row given as values in the order of {@link #columns()}. */
    public void writeValues(Object... values) {
        Object[] prepared = support.prepare(values);
        try {
            writer.write(prepared);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location + ": " + e.getMessage(), e);
        }
        rows++;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + location + ": " + e.getMessage(), e);
        }
    }

    /** Options of a message log file. */
    public static final class Builder {
        private final String location;
        private TimeUnit timestampUnit = TimeUnit.MICROS;
        private boolean utcAdjusted = true;
        private boolean dictionary = true;
        private CompressionCodecName compression = CompressionCodecName.SNAPPY;
        private final Set<String> omitted = new LinkedHashSet<>();
        private final LinkedHashMap<String, ColumnType> overrides = new LinkedHashMap<>();
        private boolean requiredNotNull;
        private int rowGroupRows;
        private int pageRows;
        private ParquetProperties.WriterVersion writerVersion = ParquetProperties.WriterVersion.PARQUET_1_0;
        private Configuration conf = HadoopLocations.defaultConfiguration();

        private Builder(String location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        /** Unit of {@code sent_at} and {@code delivered_at} (default MICROS). */
        public Builder timestampUnit(TimeUnit unit) {
            this.timestampUnit = Objects.requireNonNull(unit);
            return this;
        }

        /** Whether the timestamps are marked UTC-adjusted (default true; pandas and Spark write naive ones). */
        public Builder utcAdjusted(boolean adjusted) {
            this.utcAdjusted = adjusted;
            return this;
        }

        /** Dictionary encoding on or off (default on). */
        public Builder dictionary(boolean on) {
            this.dictionary = on;
            return this;
        }

        /** Compression (default SNAPPY). */
        public Builder compression(CompressionCodecName codec) {
            this.compression = Objects.requireNonNull(codec);
            return this;
        }

        /** Leaves columns out of the file (required ones too, to test refusals). */
        public Builder omit(String... columnNames) {
            omitted.addAll(List.of(columnNames));
            return this;
        }

        /** Gives a SPEC column another type (a wrong one, for tests), or adds an extra column at the end. */
        public Builder column(String name, ColumnType type) {
            overrides.put(name, Objects.requireNonNull(type));
            return this;
        }

        /** Writes the columns every row needs as REQUIRED instead of OPTIONAL (default: all OPTIONAL). */
        public Builder requiredNotNull(boolean on) {
            this.requiredNotNull = on;
            return this;
        }

        /** At most this many rows per row group (default: by size only). */
        public Builder rowGroupRows(int n) {
            this.rowGroupRows = n;
            return this;
        }

        /** At most this many rows per page. */
        public Builder pageRows(int n) {
            this.pageRows = n;
            return this;
        }

        /** Parquet writer version: v1 data pages with PLAIN_DICTIONARY, or v2 pages with RLE_DICTIONARY and delta encodings. */
        public Builder writerVersion(ParquetProperties.WriterVersion v) {
            this.writerVersion = Objects.requireNonNull(v);
            return this;
        }

        public Builder configuration(Configuration c) {
            this.conf = Objects.requireNonNull(c);
            return this;
        }

        List<TableColumn> columns() {
            List<TableColumn> out = new ArrayList<>();
            Set<String> declared = new LinkedHashSet<>();
            for (MessageLogColumn c : MessageLogColumn.ALL) {
                declared.add(c.columnName);
                if (omitted.contains(c.columnName)) {
                    continue;
                }
                ColumnType t = overrides.get(c.columnName);
                if (t == null) {
                    t = switch (c.kind) {
                        case STRING -> ColumnType.STRING;
                        case TIMESTAMP -> ColumnType.timestamp(timestampUnit, utcAdjusted);
                        case BOOLEAN -> ColumnType.BOOLEAN;
                    };
                }
                out.add(new TableColumn(c.columnName, t, !(requiredNotNull && c.requiredInFile)));
            }
            for (Map.Entry<String, ColumnType> e : overrides.entrySet()) {
                if (!declared.contains(e.getKey()) && !omitted.contains(e.getKey())) {
                    out.add(new TableColumn(e.getKey(), e.getValue(), true));
                }
            }
            return List.copyOf(out);
        }

        public MessageLogWriter build() {
            try {
                return new MessageLogWriter(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + location + ": " + e.getMessage(), e);
            }
        }
    }
}
