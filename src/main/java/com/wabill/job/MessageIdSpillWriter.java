package com.wabill.job;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.spill.IngestRecord;
import com.wabill.spill.SpillCodec;
import com.wabill.spill.SpillOutput;

/**
 * Spills ingested rows into buckets by message id (so that every copy of a message lands in one bucket) and
 * rejections into their own file. The committed length of every file is saved with each chunk; a restart cuts
 * the files back to it, so nothing is written twice.
 */
public class MessageIdSpillWriter implements ItemStreamWriter<IngestRecord> {

    private final Path dir;
    private final int buckets;
    private SpillOutput[] bucketFiles;
    private SpillOutput rejected;
    private long rows;
    private long rejections;

    public MessageIdSpillWriter(Path dir, int buckets) {
        this.dir = dir;
        this.buckets = buckets;
    }

    public static int idBucket(String messageId, int buckets) {
        return Math.floorMod(AcceptedMessage.mix(messageId.hashCode() ^ 0x5bd1e995), buckets);
    }

    @Override
    public void open(ExecutionContext ctx) {
        try {
            bucketFiles = new SpillOutput[buckets];
            for (int k = 0; k < buckets; k++) {
                bucketFiles[k] = SpillOutput.openAt(bucketFile(dir, k), ctx.getLong("spill.ids." + k, 0L));
            }
            rejected = SpillOutput.openAt(rejectedFile(dir), ctx.getLong("spill.rejected", 0L));
            rows = ctx.getLong(RunCounters.INGEST_ACCEPTED, 0L);
            rejections = ctx.getLong(RunCounters.INGEST_REJECTED, 0L);
        } catch (IOException e) {
            throw new ItemStreamException("Could not open the spill files in " + dir, e);
        }
    }

    public static Path bucketFile(Path dir, int k) {
        return dir.resolve("ids-" + k + ".bin");
    }

    public static Path rejectedFile(Path dir) {
        return dir.resolve("rejected.bin");
    }

    @Override
    public void write(Chunk<? extends IngestRecord> chunk) throws Exception {
        for (IngestRecord r : chunk) {
            if (r.row() != null) {
                SpillCodec.writeRow(bucketFiles[idBucket(r.row().messageId(), buckets)], r.fileIndex(), r.row());
                rows++;
            } else {
                SpillCodec.writeRejection(rejected, r.rejection());
                rejections++;
            }
        }
        for (SpillOutput out : bucketFiles) out.flush();
        rejected.flush();
    }

    @Override
    public void update(ExecutionContext ctx) {
        for (int k = 0; k < buckets; k++) ctx.putLong("spill.ids." + k, bucketFiles[k].position());
        ctx.putLong("spill.rejected", rejected.position());
        ctx.putLong(RunCounters.INGEST_ACCEPTED, rows);
        ctx.putLong(RunCounters.INGEST_REJECTED, rejections);
    }

    @Override
    public void close() {
        try {
            if (bucketFiles != null) for (SpillOutput out : bucketFiles) out.close();
            if (rejected != null) rejected.close();
            bucketFiles = null;
            rejected = null;
        } catch (IOException e) {
            throw new ItemStreamException("Could not close the spill files in " + dir, e);
        }
    }
}
