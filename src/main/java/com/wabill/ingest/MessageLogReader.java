package com.wabill.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

import com.wabill.parquet.HadoopLocations;

/**
 * Reads one message log file (SPEC 1.1) through the Hadoop {@code FileSystem} API, row by row, giving for each
 * row a {@link LogRow} or a {@link RowRejection}.
 *
 * <p>The schema is checked when the file is opened (a required column missing, or a column of the wrong
 * physical type, is a {@link LogFileException} naming the file and the column); only the SPEC 1.1 columns are
 * read. Reading can start at any row ({@link #open(String, Configuration, long)}), skipping whole row groups by
 * the counts in the footer, which is how a restarted job resumes. A file that is not Parquet, truncated or
 * corrupt is a {@link LogFileException} naming the file, and the row group and row when known.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class MessageLogReader implements AutoCloseable {

    private final String source;
    private final ParquetFileReader fileReader;
    private final MessageColumnIO columnIO;
    private final RecordMaterializer<RawValues> materializer;
    private final long totalRows;

    /** Index of the row group being read (-1 before the first). */
    private int rowGroup = -1;
    private RecordReader<RawValues> records;
    private long rowsLeftInGroup;
    /** Number of the last row read (0 before the first). */
    private long currentRow;
    private boolean closed;

    private MessageLogReader(String source, ParquetFileReader fileReader, Configuration conf) {
        this.source = source;
        this.fileReader = fileReader;
        FileMetaData meta = fileReader.getFooter().getFileMetaData();
        MessageType fileSchema = meta.getSchema();
        LogRowReadSupport support = new LogRowReadSupport(source);
        Map<String, Set<String>> kv = meta.getKeyValueMetaData().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.of(e.getValue())));
        ReadSupport.ReadContext context = support.init(new InitContext(conf, kv, fileSchema));
        MessageType requested = context.getRequestedSchema();
        fileReader.setRequestedSchema(requested);
        this.materializer = support.prepareForRead(conf, meta.getKeyValueMetaData(), fileSchema, context);
        this.columnIO = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(requested, fileSchema, true);
        long n = 0;
        for (BlockMetaData b : fileReader.getRowGroups()) {
            n += b.getRowCount();
        }
        this.totalRows = n;
    }

    /** Opens a file (a Hadoop URI, or a bare path on the local file system) from its first row. */
    public static MessageLogReader open(String location) {
        return open(location, HadoopLocations.defaultConfiguration(), 1);
    }

    public static MessageLogReader open(String location, Configuration conf) {
        return open(location, conf, 1);
    }

    /**
     * Opens a file so that the first row {@link #next()} gives is row {@code firstRow} (counted from 1).
     * A {@code firstRow} past the end gives a reader at the end.
     */
    public static MessageLogReader open(String location, Configuration conf, long firstRow) {
        if (firstRow < 1) {
            throw new IllegalArgumentException("rows are counted from 1: " + firstRow);
        }
        ParquetFileReader fr = openFile(location, conf);
        MessageLogReader r = null;
        try {
            r = new MessageLogReader(location, fr, conf);
            r.skip(firstRow - 1);
            return r;
        } catch (LogFileException e) {
            closeQuietly(fr);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(fr);
            throw r == null
                    ? new LogFileException(location, "cannot read the file: " + message(e), e)
                    : r.readError(e);
        }
    }

    /** The number of data rows of a file, from its footer. */
    public static long countRows(String location) {
        return countRows(location, HadoopLocations.defaultConfiguration());
    }

    public static long countRows(String location, Configuration conf) {
        try (ParquetFileReader fr = openFile(location, conf)) {
            long n = 0;
            for (BlockMetaData b : fr.getFooter().getBlocks()) {
                n += b.getRowCount();
            }
            return n;
        } catch (IOException e) {
            throw new LogFileException(location, "cannot close the file: " + message(e), e);
        }
    }

    private static ParquetFileReader openFile(String location, Configuration conf) {
        try {
            Path path = HadoopLocations.toPath(location);
            FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            if (status.isDirectory()) {
                throw new LogFileException(location, "is a directory, not a Parquet file");
            }
            HadoopInputFile in = HadoopInputFile.fromStatus(status, conf);
            if (in.getLength() == 0) {
                throw new LogFileException(location, "is empty (0 bytes), not a Parquet file");
            }
            return ParquetFileReader.open(in, HadoopReadOptions.builder(conf, path).build());
        } catch (FileNotFoundException e) {
            throw new LogFileException(location, "no such file", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof LogFileException l) {
                throw l;
            }
            throw new LogFileException(location, "not a readable Parquet file (truncated or corrupt?): " + message(e), e);
        }
    }

    /** The file's location as given: the {@code source} of every row. */
    public String source() {
        return source;
    }

    /** The file's number of data rows, from its footer. */
    public long totalRows() {
        return totalRows;
    }

    /** The number of the last row {@link #next()} gave (rows counted from 1); {@code firstRow - 1} before the first. */
    public long currentRow() {
        return currentRow;
    }

    /** Whether rows remain. */
    public boolean hasNext() {
        return currentRow < totalRows;
    }

    /** The next row, validated; null at the end of the file. */
    public RowResult next() {
        RawValues raw = nextRaw();
        return raw == null ? null : RowValidator.validate(source, currentRow, raw);
    }

    /** The next row's raw values (reused by the next call); null at the end of the file. */
    RawValues nextRaw() {
        if (closed) {
            throw new IllegalStateException(source + ": reader is closed");
        }
        if (currentRow >= totalRows) {
            return null;
        }
        try {
            if (rowsLeftInGroup == 0) {
                loadNextRowGroup();
            }
            RawValues raw = records.read();
            rowsLeftInGroup--;
            currentRow++;
            if (raw == null) {
                throw new IllegalStateException("row was not materialised");
            }
            return raw;
        } catch (LogFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw readError(e);
        }
    }

    private void loadNextRowGroup() throws IOException {
        List<BlockMetaData> blocks = fileReader.getRowGroups();
        rowGroup++;
        // the file reader passes over empty row groups by itself
        while (rowGroup < blocks.size() && blocks.get(rowGroup).getRowCount() == 0) {
            rowGroup++;
        }
        PageReadStore pages = fileReader.readNextRowGroup();
        if (pages == null || pages.getRowCount() == 0) {
            throw new LogFileException(source, null, currentRow + 1,
                    "ends after row " + currentRow + " although its footer counts " + totalRows + " rows", null);
        }
        records = columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
        rowsLeftInGroup = pages.getRowCount();
    }

    /** Skips rows: whole row groups by their footer counts, then row by row. */
    private void skip(long rows) throws LogFileException {
        long toSkip = Math.min(rows, totalRows);
        List<BlockMetaData> blocks = fileReader.getRowGroups();
        int b = 0;
        while (b < blocks.size() && blocks.get(b).getRowCount() <= toSkip) {
            long n = blocks.get(b).getRowCount();
            if (!fileReader.skipNextRowGroup()) {
                throw new LogFileException(source, "cannot skip row group " + b);
            }
            toSkip -= n;
            currentRow += n;
            rowGroup++;
            b++;
        }
        while (toSkip > 0) {
            nextRaw();
            toSkip--;
        }
        if (rows > totalRows) {
            currentRow = rows;
        }
    }

    private LogFileException readError(Exception e) {
        int groups = fileReader.getRowGroups().size();
        String where = rowGroup >= 0
                ? "row group " + (rowGroup + 1) + " of " + groups + ", row " + (currentRow + 1)
                : "row " + (currentRow + 1);
        return new LogFileException(source, null, currentRow + 1, "cannot read " + where + " (corrupt?): " + message(e), e);
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
            if (sb.length() > 500) {
                break;
            }
        }
        return sb.toString();
    }

    private static void closeQuietly(ParquetFileReader fr) {
        try {
            fr.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            fileReader.close();
        } catch (IOException e) {
            throw new LogFileException(source, "cannot close: " + message(e), e);
        }
    }
}
