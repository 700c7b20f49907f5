package com.wabill.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/** Opening Parquet writers on a location, without {@code .crc} side files on the local file system. */
final class ParquetFiles {

    private ParquetFiles() {}

    /** Settings of one writer. */
    record Settings(
            CompressionCodecName compression,
            boolean dictionary,
            int rowGroupRows,
            long rowGroupBytes,
            int pageRows,
            ParquetProperties.WriterVersion writerVersion) {

        static Settings defaults() {
            return new Settings(CompressionCodecName.ZSTD, true, 0, ParquetWriter.DEFAULT_BLOCK_SIZE, 0,
                    ParquetProperties.WriterVersion.PARQUET_1_0);
        }
    }

    /** A local output file (parents created) or a Hadoop one. */
    static OutputFile outputFile(String location, Configuration conf) throws IOException {
        if (HadoopLocations.isLocal(location)) {
            java.nio.file.Path p = HadoopLocations.toLocalPath(location);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            return new LocalOutputFile(p);
        }
        return HadoopOutputFile.fromPath(new Path(location), conf);
    }

    static ParquetWriter<Object[]> open(OutputFile file, RowWriteSupport support, Settings s, Configuration conf)
            throws IOException {
        return open(file, support, s, conf, List.of());
    }

    /** As {@link #open(OutputFile, RowWriteSupport, Settings, Configuration)}, without a dictionary for these. */
    static ParquetWriter<Object[]> open(OutputFile file, RowWriteSupport support, Settings s, Configuration conf,
            List<String> withoutDictionary) throws IOException {
        Builder b = new Builder(file, support)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(s.compression())
                .withDictionaryEncoding(s.dictionary())
                .withRowGroupSize(s.rowGroupBytes())
                .withWriterVersion(s.writerVersion());
        for (String column : withoutDictionary) {
            b = b.withDictionaryEncoding(column, false);
        }
        if (s.rowGroupRows() > 0) {
            b = b.withRowGroupRowCountLimit(s.rowGroupRows());
        }
        if (s.pageRows() > 0) {
            b = b.withPageRowCountLimit(s.pageRows());
        }
        return b.build();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
