package com.wabill.job;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.wabill.ingest.LogRow;
import com.wabill.ingest.MessageLogReader;
import com.wabill.ingest.RowRejection;
import com.wabill.ingest.RowResult;
import com.wabill.parquet.HadoopLocations;
import com.wabill.spill.IngestRecord;

/**
 * Reads the run's Parquet files in order, row by row. Its position (file, row) is saved with every chunk, so a
 * restarted ingest continues at the next unread row without reading the rest again.
 *
 * <p>Decoding and validating the rows runs one block ahead on a thread of its own, so that the Parquet decoding
 * and the spilling of the rows keep both cores busy. The saved position is that of the last row handed out, not
 * of the last row decoded: rows decoded ahead and not yet handed out are read again after a restart.
 */
public class LogFileItemReader implements ItemStreamReader<IngestRecord> {

    /** Rows per block passed from the decoding thread; a few blocks in flight bound the memory. */
    static final int BLOCK = 2_048;
    private static final int BLOCKS_AHEAD = 4;

    private final List<String> files;
    /** Position of the last row handed out: file index and row number in it (0 before its first row). */
    private int fileIndex;
    private long rowsDone;

    private Decoder decoder;
    private Block block;
    private int next;
    private boolean atEnd;
    private Throwable failed;

    public LogFileItemReader(List<String> files) {
        this.files = files;
    }

    @Override
    public void open(ExecutionContext ctx) {
        fileIndex = ctx.containsKey(RunCounters.INGEST_FILE) ? ctx.getInt(RunCounters.INGEST_FILE) : 0;
        rowsDone = ctx.containsKey(RunCounters.INGEST_ROW) ? ctx.getLong(RunCounters.INGEST_ROW) : 0;
    }

    @Override
    public IngestRecord read() throws Exception {
        if (failed != null) throw rethrow(failed);
        if (atEnd) return null;
        if (decoder == null) {
            decoder = new Decoder(files, fileIndex, rowsDone);
            decoder.start();
        }
        while (block == null || next == block.size) {
            block = decoder.take();
            next = 0;
            if (block.error != null) {
                failed = block.error;
                block = null;
                throw rethrow(failed);
            }
            if (block.size == 0) {
                block = null;
                atEnd = true;
                return null; // the end of the last file
            }
        }
        IngestRecord r = block.records[next++];
        fileIndex = r.fileIndex();
        rowsDone = r.row() != null ? r.row().rowNumber() : r.rejection().rowNumber();
        return r;
    }

    private static Exception rethrow(Throwable e) {
        if (e instanceof Error error) throw error;
        return (Exception) e;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(RunCounters.INGEST_FILE, fileIndex);
        ctx.putLong(RunCounters.INGEST_ROW, rowsDone);
    }

    @Override
    public void close() {
        atEnd = false;
        failed = null;
        if (decoder != null) {
            Decoder d = decoder;
            decoder = null;
            block = null;
            d.shutDown();
        }
    }

    /** Rows in file order, or an error to throw where the decoding stopped, or (size 0) the end. */
    private static final class Block {
        final IngestRecord[] records;
        int size;
        final Throwable error;

        Block(int capacity) {
            this.records = new IngestRecord[capacity];
            this.error = null;
        }

        Block(Throwable error) {
            this.records = new IngestRecord[0];
            this.error = error;
        }
    }

    /** Decodes the files from a position on, block by block, into a bounded queue. */
    private static final class Decoder extends Thread {

        private final List<String> files;
        private final int startFile;
        private final long startRowsDone;
        private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(BLOCKS_AHEAD);
        private volatile boolean stopped;

        Decoder(List<String> files, int startFile, long startRowsDone) {
            super("ingest-decoder");
            setDaemon(true);
            this.files = files;
            this.startFile = startFile;
            this.startRowsDone = startRowsDone;
        }

        Block take() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void run() {
            MessageLogReader reader = null;
            try {
                long rowsDone = startRowsDone;
                Block block = new Block(BLOCK);
                for (int f = startFile; f < files.size() && !stopped; f++) {
                    reader = MessageLogReader.open(files.get(f), HadoopLocations.defaultConfiguration(), rowsDone + 1);
                    while (reader.hasNext() && !stopped) {
                        RowResult r = reader.next();
                        block.records[block.size++] = r instanceof LogRow row
                                ? new IngestRecord(f, row, null)
                                : new IngestRecord(f, null, (RowRejection) r);
                        if (block.size == BLOCK) {
                            put(block);
                            block = new Block(BLOCK);
                        }
                    }
                    reader.close();
                    reader = null;
                    rowsDone = 0;
                }
                if (block.size > 0) put(block);
                put(new Block(0));
            } catch (InterruptedException e) {
                // shut down by close()
            } catch (Exception | Error e) {
                // the rows decoded before the failure are handed out first, then the error
                try {
                    put(new Block(e));
                } catch (InterruptedException ignored) {
                    // shut down by close()
                }
            } finally {
                if (reader != null) {
                    try {
                        reader.close();
                    } catch (RuntimeException ignored) {
                        // closing after a failure: the failure is what counts
                    }
                }
            }
        }

        private void put(Block b) throws InterruptedException {
            while (!stopped) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) return;
            }
            throw new InterruptedException();
        }

        void shutDown() {
            stopped = true;
            interrupt();
            try {
                join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("Interrupted while stopping the log decoder", e);
            }
        }
    }
}
