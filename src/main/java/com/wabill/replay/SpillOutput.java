package com.wabill.replay;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
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
 */
public final class SpillOutput implements Closeable {

    private final FileChannel channel;
    private final OutputStream out;
    private long position;

    private SpillOutput(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
        this.out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
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
        return new SpillOutput(ch, committedLength);
    }

    /** Bytes written so far, flushed or not. */
    public long position() {
        return position;
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void writeByte(int b) throws IOException {
        out.write(b);
        position++;
    }

    public void writeBoolean(boolean b) throws IOException {
        writeByte(b ? 1 : 0);
    }

    public void writeVarLong(long v) throws IOException {
        long z = (v << 1) ^ (v >> 63); // zig-zag so small negatives stay small
        while ((z & ~0x7FL) != 0) {
            writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        writeByte((int) z);
    }

    public void writeString(String s) throws IOException {
        if (s == null) {
            writeVarLong(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length);
        out.write(bytes);
        position += bytes.length;
    }

    public void writeBytes(byte[] bytes) throws IOException {
        writeVarLong(bytes.length);
        out.write(bytes);
        position += bytes.length;
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

    @Override
    public void close() throws IOException {
        out.flush();
        channel.force(false);
        out.close();
    }
}
