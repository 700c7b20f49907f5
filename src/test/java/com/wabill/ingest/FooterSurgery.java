package com.wabill.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;

/**
 * Rewrites the footer of a Parquet file, to make files that parquet-java does not write any more: here, timestamp
 * columns with only the legacy converted type (TIMESTAMP_MILLIS / TIMESTAMP_MICROS) and no logical type, as old
 * writers (parquet-mr before 1.11, old Hive and JavaScript writers) produce.
 */
final class FooterSurgery {

    private FooterSurgery() {}

    /** The footer's schema element of a column, as stored. */
    static SchemaElement schemaElement(Path file, String column) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = bytes.length;
        int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(bytes, n - 8 - footerLength, footerLength));
        for (SchemaElement e : meta.getSchema()) {
            if (column.equals(e.getName())) {
                return e;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    static void legacyTimestamp(Path file, String column, ConvertedType converted) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = bytes.length;
        int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = n - 8 - footerLength;
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
        boolean found = false;
        for (SchemaElement e : meta.getSchema()) {
            if (column.equals(e.getName())) {
                e.unsetLogicalType();
                e.setConverted_type(converted);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no column " + column);
        }
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, footer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(bytes, footerStart));
        footer.writeTo(out);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
        out.write(new byte[] {'P', 'A', 'R', '1'});
        Files.write(file, out.toByteArray());
    }
}
