package com.wabill.replay;

import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.wabill.ingest.LogRow;
import com.wabill.ingest.MessageLogReader;
import com.wabill.ingest.RowRejection;
import com.wabill.ingest.RowResult;
import com.wabill.parquet.HadoopLocations;

/**
 * Reads the run's Parquet files in order, row by row. Its position (file, row) is saved with every chunk, so a
 * restarted ingest continues at the next unread row without reading the rest again.
 */
public class LogFileItemReader implements ItemStreamReader<IngestRecord> {

    private static final String FILE = "ingest.file";
    private static final String ROW = "ingest.row";

    private final List<String> files;
    private int fileIndex;
    private long rowsDone;
    private MessageLogReader reader;

    public LogFileItemReader(List<String> files) {
        this.files = files;
    }

    @Override
    public void open(ExecutionContext ctx) {
        fileIndex = ctx.containsKey(FILE) ? ctx.getInt(FILE) : 0;
        rowsDone = ctx.containsKey(ROW) ? ctx.getLong(ROW) : 0;
    }

    @Override
    public IngestRecord read() throws Exception {
        while (fileIndex < files.size()) {
            if (reader == null) {
                reader = MessageLogReader.open(files.get(fileIndex), HadoopLocations.defaultConfiguration(), rowsDone + 1);
            }
            if (reader.hasNext()) {
                RowResult r = reader.next();
                rowsDone++;
                return r instanceof LogRow row
                        ? new IngestRecord(fileIndex, row, null)
                        : new IngestRecord(fileIndex, null, (RowRejection) r);
            }
            reader.close();
            reader = null;
            fileIndex++;
            rowsDone = 0;
        }
        return null;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(FILE, fileIndex);
        ctx.putLong(ROW, rowsDone);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (Exception e) {
                throw new ItemStreamException("Could not close " + files.get(fileIndex), e);
            }
            reader = null;
        }
    }
}
