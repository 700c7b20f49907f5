package com.wabill.spill;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import com.wabill.ingest.AcceptedMessage;

/**
 * What one dedupe bucket hands to the replay: ONE file holding its messages grouped by thread bucket, segment after
 * segment, with an index of the segments' offsets at its end. Replay bucket {@code t} reads segment {@code t} of
 * every dedupe bucket's file. So B buckets make B files (not B x B), each written once and forced once.
 *
 * <p>Layout: segments 0..B-1, then B+1 offsets (8 bytes each, the last one the end of the segments), then B and a
 * magic number (8 bytes each). A file without the magic number at its end (a dedupe bucket cut short) is refused.
 * A segment holds messages encoded by {@link SpillCodec#writeAcceptedMessage}.
 */
public final class ThreadSegments {

    public static final long MAGIC = 0x5741_4249_4C4C_5431L; // "WABILLT1"
    private static final int TAIL = 16;

    private ThreadSegments() {
    }

    /** The file of dedupe bucket {@code idBucket} in {@code threadsDir}. */
    public static Path file(Path threadsDir, int idBucket) {
        return threadsDir.resolve("from-" + idBucket + ".bin");
    }

    /**
     * Gathers a dedupe bucket's messages by thread bucket, encoded as they come (in memory: a few dozen bytes a
     * message, so that the messages themselves can go), and writes them to the file in one go.
     */
    public static final class Writer {
        private final SpillOutput[] segments;
        private final int capacity;

        /** @param expected about how many messages will come (to size the segments' arrays) */
        public Writer(int buckets, int expected) {
            this.segments = new SpillOutput[buckets];
            // about 100 bytes a message, spread evenly by the thread hash; within 256 bytes..1 MB to begin with
            this.capacity = (int) Math.min(1 << 20, Math.max(256, 112L * expected / buckets));
        }

        public void add(int threadBucket, AcceptedMessage m) throws IOException {
            SpillOutput out = segments[threadBucket];
            if (out == null) segments[threadBucket] = out = SpillOutput.inMemory(capacity);
            SpillCodec.writeAcceptedMessage(out, m);
        }

        /**
         * Writes the file, replacing it whole. It is forced to the disk before this returns: the dedupe step commits
         * right after, and a completed step is not run again, so its output must outlive an OS crash. That is one
         * fsync per dedupe bucket.
         */
        public void writeTo(Path file) throws IOException {
            int buckets = segments.length;
            long[] offsets = new long[buckets + 1];
            try (SpillOutput out = SpillOutput.create(file)) {
                for (int t = 0; t < buckets; t++) {
                    offsets[t] = out.position();
                    if (segments[t] != null) segments[t].copyTo(out);
                    segments[t] = null;
                }
                offsets[buckets] = out.position();
                for (long o : offsets) out.writeFixedLong(o);
                out.writeFixedLong(buckets);
                out.writeFixedLong(MAGIC);
            }
        }
    }

    /** Writes {@code messages} to {@code file} by {@code threadBucket[i]} (in 0..buckets-1), see {@link Writer}. */
    public static void write(Path file, int buckets, List<AcceptedMessage> messages, int[] threadBucket) throws IOException {
        Writer w = new Writer(buckets, messages.size());
        for (int i = 0; i < messages.size(); i++) w.add(threadBucket[i], messages.get(i));
        w.writeTo(file);
    }

    /** Reads segment {@code threadBucket} of {@code file}, written for {@code buckets} buckets. */
    public static SpillInput openSegment(Path file, int threadBucket, int buckets) throws IOException {
        long start;
        long end;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long indexAt = size - TAIL - 8L * (buckets + 1);
            if (indexAt < 0) throw incomplete(file, "it is too short");
            ByteBuffer tail = read(ch, size - TAIL, TAIL);
            long b = tail.getLong();
            if (tail.getLong() != MAGIC) throw incomplete(file, "its index is missing");
            if (b != buckets) throw incomplete(file, "it was written for " + b + " buckets, not " + buckets);
            ByteBuffer range = read(ch, indexAt + 8L * threadBucket, 16);
            start = range.getLong();
            end = range.getLong();
            if (start < 0 || start > end || end > indexAt) throw incomplete(file, "its index is corrupt");
        }
        return new SpillInput(file, start, end);
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(n);
        while (bb.hasRemaining()) {
            if (ch.read(bb, at + bb.position()) < 0) throw new java.io.EOFException("unexpected end of file");
        }
        return bb.flip();
    }

    private static IOException incomplete(Path file, String why) {
        return new IOException("The de-duplicated messages in " + file + " cannot be read: " + why
                + " (its dedupe bucket did not complete?)");
    }

    /** Whether {@code file} exists (a dedupe bucket always writes it, empty or not). */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }
}
