package com.wabill.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A small generic reader of flat Parquet files, for tests and tools: every row as a map from column name (in
 * schema order) to a Java value: String (BINARY STRING/ENUM/JSON), byte[] (other BINARY), Integer, Long,
 * Boolean, Float, Double, LocalDate (DATE), Instant (TIMESTAMP in any unit, INT96), BigDecimal (DECIMAL), or null.
 */
public final class ParquetTableReader {

    private ParquetTableReader() {}

    public static List<Map<String, Object>> readAll(String location) {
        return readAll(location, HadoopLocations.defaultConfiguration());
    }

    public static List<Map<String, Object>> readAll(String location, Configuration conf) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ParquetReader<Map<String, Object>> r = ParquetReader.builder(new MapReadSupport(), HadoopLocations.toPath(location))
                .withConf(conf).build()) {
            Map<String, Object> row;
            while ((row = r.read()) != null) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The file's schema, from its footer. */
    public static MessageType schema(String location) {
        return schema(location, HadoopLocations.defaultConfiguration());
    }

    public static MessageType schema(String location, Configuration conf) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(HadoopLocations.toPath(location), conf))) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static final class MapReadSupport extends ReadSupport<Map<String, Object>> {
        @Override
        public ReadContext init(InitContext context) {
            return new ReadContext(context.getFileSchema());
        }

        @Override
        public RecordMaterializer<Map<String, Object>> prepareForRead(Configuration configuration,
                Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
            return new MapMaterializer(readContext.getRequestedSchema());
        }
    }

    private static final class MapMaterializer extends RecordMaterializer<Map<String, Object>> {
        private final String[] names;
        private final PrimitiveConverter[] converters;
        private Map<String, Object> current;
        private final GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return converters[fieldIndex];
            }

            @Override
            public void start() {
                current = new LinkedHashMap<>();
                for (String n : names) {
                    current.put(n, null);
                }
            }

            @Override
            public void end() {}
        };

        MapMaterializer(MessageType schema) {
            List<Type> fields = schema.getFields();
            names = new String[fields.size()];
            converters = new PrimitiveConverter[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                Type t = fields.get(i);
                if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                    throw new IllegalArgumentException("column '" + t.getName() + "' is not a flat column");
                }
                names[i] = t.getName();
                converters[i] = converter(t.getName(), t.asPrimitiveType());
            }
        }

        private PrimitiveConverter converter(String name, PrimitiveType t) {
            LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
            return new PrimitiveConverter() {
                private void put(Object v) {
                    current.put(name, v);
                }

                @Override
                public void addBinary(Binary value) {
                    if (t.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
                        put(ParquetTimestamps.fromInt96(value));
                    } else if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        put(new BigDecimal(new BigInteger(value.getBytes()), d.getScale()));
                    } else if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                        put(value.toStringUsingUTF8());
                    } else {
                        put(value.getBytes());
                    }
                }

                @Override
                public void addInt(int value) {
                    if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                        put(LocalDate.ofEpochDay(value));
                    } else if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        put(BigDecimal.valueOf(value, d.getScale()));
                    } else {
                        put(value);
                    }
                }

                @Override
                public void addLong(long value) {
                    if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                        put(ParquetTimestamps.fromLong(value, ts.getUnit()));
                    } else if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        put(BigDecimal.valueOf(value, d.getScale()));
                    } else {
                        put(value);
                    }
                }

                @Override
                public void addBoolean(boolean value) {
                    put(value);
                }

                @Override
                public void addFloat(float value) {
                    put(value);
                }

                @Override
                public void addDouble(double value) {
                    put(value);
                }
            };
        }

        @Override
        public Map<String, Object> getCurrentRecord() {
            return current;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
