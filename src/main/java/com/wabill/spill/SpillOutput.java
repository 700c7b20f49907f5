package com.wabill.spill;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An append-only spill file of compact binary records: varints, length-prefixed UTF-8, instants as
 * (seconds, nanos). It can be reopened at a committed length, dropping what was written after it, which is how a
 * restarted step continues without writing anything twice.
 *
 * <p>Not thread-safe: one writer per file. Records are encoded straight into a private byte array, which goes to
 * the file channel when full, on {@link #flush()} and on {@link #close()}.
 */
public final class SpillOutput implements Closeable {

    private static final int BUFFER = 1 << 16;

    /** Null for a file in memory (see {@link #inMemory()}). */
    private final FileChannel channel;
    private byte[] buf;
    private int count;
    /** Bytes in the file before the buffer: the committed length at open plus everything flushed since. */
    private long flushed;

    private SpillOutput(FileChannel channel, long position, int capacity) {
        this.channel = channel;
        this.flushed = position;
        this.buf = new byte[capacity];
    }

    /** Records encoded into a growing array (of {@code capacity} bytes to begin with), for {@link #copyTo}. */
    static SpillOutput inMemory(int capacity) {
        return new SpillOutput(null, 0, Math.max(16, capacity));
    }

    /** Appends what this in-memory output holds to {@code out}. */
    void copyTo(SpillOutput out) throws IOException {
        if (channel != null) throw new IllegalStateException("not in memory");
        out.writeRaw(buf, 0, count);
    }

    private void writeRaw(byte[] bytes, int off, int n) throws IOException {
        if (n <= buf.length - count) {
            System.arraycopy(bytes, off, buf, count, n);
            count += n;
            return;
        }
        flush();
        if (channel == null) {
            ensure(n);
            System.arraycopy(bytes, off, buf, count, n);
            count += n;
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes, off, n);
        while (bb.hasRemaining()) channel.write(bb);
        flushed += n;
    }

    /** A new, empty file. */
    public static SpillOutput create(Path file) throws IOException {
        return openAt(file, 0);
    }

    /** Opens {@code file} truncated to {@code committedLength} bytes (0 creates it anew). */
    public static SpillOutput openAt(Path file, long committedLength) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ch.truncate(committedLength);
        ch.position(committedLength);
        return new SpillOutput(ch, committedLength, BUFFER);
    }

    /** Bytes written so far, flushed or not. */
    public long position() {
        return flushed + count;
    }

    public void flush() throws IOException {
        if (count == 0 || channel == null) return;
        ByteBuffer wrapped = ByteBuffer.wrap(buf, 0, count);
        while (wrapped.hasRemaining()) channel.write(wrapped);
        flushed += count;
        count = 0;
    }

    private void ensure(int n) throws IOException {
        if (buf.length - count >= n) return;
        if (channel == null) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        } else {
            flush();
        }
    }

    public void writeByte(int b) throws IOException {
        if (count == buf.length) ensure(1);
        buf[count++] = (byte) b;
    }

    public void writeBoolean(boolean b) throws IOException {
        writeByte(b ? 1 : 0);
    }

    public void writeVarLong(long v) throws IOException {
        ensure(10);
        long z = (v << 1) ^ (v >> 63); // zig-zag so small negatives stay small
        byte[] b = buf;
        int c = count;
        while ((z & ~0x7FL) != 0) {
            b[c++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[c++] = (byte) z;
        count = c;
    }

    /** A long in 8 bytes, big-endian (for indexes read from a known offset). */
    public void writeFixedLong(long v) throws IOException {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) buf[count++] = (byte) (v >>> shift);
    }

    public void writeString(String s) throws IOException {
        if (s == null) {
            writeVarLong(-1);
            return;
        }
        int n = s.length();
        if (n < BUFFER - 10) {
            // ASCII fast path: encoded straight into the buffer, its length being its number of chars
            ensure(n + 10);
            int c = count;
            int lenAt = c;
            // a length < 128 (nearly all fields) takes one varint byte; zig-zag doubles it, so < 64 chars
            int lenBytes = varLongSize((long) n << 1);
            c += lenBytes;
            byte[] b = buf;
            int i = 0;
            for (; i < n; i++) {
                char ch = s.charAt(i);
                if (ch >= 0x80) break;
                b[c + i] = (byte) ch;
            }
            if (i == n) {
                long z = (long) n << 1;
                while ((z & ~0x7FL) != 0) {
                    b[lenAt++] = (byte) ((z & 0x7F) | 0x80);
                    z >>>= 7;
                }
                b[lenAt] = (byte) z;
                count = c + n;
                return;
            }
        }
        // not ASCII (or huge): the JDK's encoder, which also decides what an unpaired surrogate becomes
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeBytes(bytes);
    }

    private static int varLongSize(long z) {
        int n = 1;
        while ((z & ~0x7FL) != 0) {
            z >>>= 7;
            n++;
        }
        return n;
    }

    public void writeBytes(byte[] bytes) throws IOException {
        writeVarLong(bytes.length);
        writeRaw(bytes, 0, bytes.length);
    }

    public void writeInstant(Instant t) throws IOException {
        if (t == null) {
            writeByte(0);
            return;
        }
        writeByte(1);
        writeVarLong(t.getEpochSecond());
        writeVarLong(t.getNano());
    }

    public <E extends Enum<E>> void writeEnum(E e) throws IOException {
        writeVarLong(e == null ? -1 : e.ordinal());
    }

    /**
     * Flushes, forces the file to the disk and closes it. The force is what makes a file durable before the step
     * that wrote it commits (a step marked complete is never re-run, so its spills must survive an OS crash); it is
     * one per file, and the callers keep the number of files linear in the number of buckets.
     */
    @Override
    public void close() throws IOException {
        if (channel == null || !channel.isOpen()) return; // closing twice is harmless (Spring also calls close on scoped beans)
        try {
            flush();
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
