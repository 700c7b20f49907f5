package com.wabill.replay;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Reads what {@link SpillOutput} wrote. */
public final class SpillInput implements Closeable {

    private final InputStream in;
    private final Path file;

    public SpillInput(Path file) throws IOException {
        this.file = file;
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** True when another record follows. */
    public boolean hasMore() throws IOException {
        in.mark(1);
        int b = in.read();
        if (b < 0) return false;
        in.reset();
        return true;
    }

    public int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("Spill file " + file + " ends in the middle of a record");
        return b;
    }

    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    public long readVarLong() throws IOException {
        long z = 0;
        int shift = 0;
        int b;
        do {
            b = readByte();
            z |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (z >>> 1) ^ -(z & 1);
    }

    public int readVarInt() throws IOException {
        return (int) readVarLong();
    }

    public String readString() throws IOException {
        int len = (int) readVarLong();
        if (len < 0) return null;
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    public byte[] readBytes() throws IOException {
        int len = (int) readVarLong();
        return in.readNBytes(len);
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
        in.close();
    }
}
