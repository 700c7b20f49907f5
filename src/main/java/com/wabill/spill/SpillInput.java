package com.wabill.spill;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import com.wabill.ingest.AcceptedMessage;

/**
 * Reads what {@link SpillOutput} wrote: the whole file, or a range of it. Not thread-safe: records are decoded
 * straight from a private byte array refilled from the file channel.
 */
public final class SpillInput implements Closeable {

    private static final int BUFFER = 1 << 16;
    private static final int CACHE = 256; // entries of the string cache, a power of two

    private final FileChannel channel;
    private final Path file;
    private byte[] buf;
    private int pos;
    private int limit;
    /** File bytes not yet read into the buffer. */
    private long remaining;
    private String[] cached;
    private byte[][] cachedBytes;

    public SpillInput(Path file) throws IOException {
        this(file, 0, -1);
    }

    /** Reads the bytes of {@code file} from {@code start} (inclusive) to {@code end} (exclusive; -1: to its end). */
    public SpillInput(Path file, long start, long end) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long to = end < 0 ? size : end;
            if (start < 0 || start > to || to > size) {
                throw new EOFException("Spill file " + file + " has " + size + " bytes, not the range " + start + ".." + to);
            }
            channel.position(start);
            this.remaining = to - start;
            this.buf = new byte[(int) Math.max(64, Math.min(BUFFER, remaining))];
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Makes at least {@code n} bytes available in the buffer, or fewer at the end of the range. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            buf = bigger;
        } else {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
        }
        limit -= pos;
        pos = 0;
        while (limit < n && remaining > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buf, limit, (int) Math.min(buf.length - limit, remaining));
            int read = channel.read(bb);
            if (read < 0) {
                throw new EOFException("Spill file " + file + " is shorter than expected (" + remaining + " bytes missing)");
            }
            limit += read;
            remaining -= read;
        }
        return limit - pos >= n;
    }

    private void need(int n) throws IOException {
        if (!fill(n)) throw new EOFException("Spill file " + file + " ends in the middle of a record");
    }

    /** True when another record follows. */
    public boolean hasMore() throws IOException {
        return pos < limit || fill(1);
    }

    public int readByte() throws IOException {
        if (pos == limit) need(1);
        return buf[pos++] & 0xFF;
    }

    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    public long readVarLong() throws IOException {
        long z;
        if (limit - pos >= 10) {
            byte[] b = buf;
            int p = pos;
            int x = b[p++];
            if (x >= 0) {
                z = x;
            } else {
                z = x & 0x7F;
                int shift = 7;
                do {
                    x = b[p++];
                    z |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while (x < 0 && shift < 70);
            }
            pos = p;
        } else {
            z = 0;
            int shift = 0;
            int x;
            do {
                x = readByte();
                z |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
        }
        return (z >>> 1) ^ -(z & 1);
    }

    public int readVarInt() throws IOException {
        return (int) readVarLong();
    }

    /** A long written by {@link SpillOutput#writeFixedLong}. */
    public long readFixedLong() throws IOException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xFF);
        return v;
    }

    public String readString() throws IOException {
        int len = (int) readVarLong();
        if (len < 0) return null;
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /**
     * Reads what {@link #readString} reads, returning the same instance for the same bytes while they stay in a
     * small cache: for fields with few distinct values (WABA, phone number ids, Meta's pricing model), so that a
     * million records do not hold a million copies of one string.
     */
    public String readCachedString() throws IOException {
        int len = (int) readVarLong();
        if (len < 0) return null;
        need(len);
        byte[] b = buf;
        int p = pos;
        int h = len;
        for (int i = 0; i < len; i++) h = 31 * h + b[p + i];
        int slot = AcceptedMessage.mix(h) & (CACHE - 1);
        if (cached == null) {
            cached = new String[CACHE];
            cachedBytes = new byte[CACHE][];
        }
        byte[] known = cachedBytes[slot];
        if (known != null && java.util.Arrays.equals(known, 0, known.length, b, p, p + len)) {
            pos = p + len;
            return cached[slot];
        }
        String s = new String(b, p, len, StandardCharsets.UTF_8);
        cached[slot] = s;
        cachedBytes[slot] = java.util.Arrays.copyOfRange(b, p, p + len);
        pos = p + len;
        return s;
    }

    public byte[] readBytes() throws IOException {
        int len = (int) readVarLong();
        need(len);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    public Instant readInstant() throws IOException {
        if (readByte() == 0) return null;
        long s = readVarLong();
        long n = readVarLong();
        return Instant.ofEpochSecond(s, n);
    }

    public <E extends Enum<E>> E readEnum(E[] values) throws IOException {
        int i = (int) readVarLong();
        return i < 0 ? null : values[i];
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
