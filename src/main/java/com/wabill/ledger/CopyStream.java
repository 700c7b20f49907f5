package com.wabill.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk loads rows with PostgreSQL's {@code COPY ... FROM STDIN} (text format), in the caller's transaction. Rows
 * are streamed in blocks, so a million rows never sit in memory at once.
 */
public final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final CopyIn copy;
    /** Rows encoded straight to UTF-8 with COPY's escapes, sent when a block is full. */
    private byte[] buf = new byte[FLUSH_AT + 4096];
    private int len;
    private boolean firstField = true;
    private long rows;

    public CopyStream(Connection connection, String table, String... columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
    }

    private void ensure(int n) {
        if (buf.length - len < n) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }

    private void put(byte b) {
        if (len == buf.length) ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    public CopyStream add(String value) {
        sep();
        if (value == null) {
            put(NULL);
            return this;
        }
        int n = value.length();
        ensure(2 * n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // the rest as UTF-8 (as the whole row was encoded before, unpaired surrogates included); the bytes
                // to escape are all ASCII, and no byte of a multi-byte sequence is
                escaped(value.substring(i).getBytes(StandardCharsets.UTF_8));
                return this;
            }
            escaped((byte) c);
        }
        return this;
    }

    private void escaped(byte[] bytes) {
        ensure(2 * bytes.length);
        for (byte b : bytes) escaped(b);
    }

    private void escaped(byte b) {
        switch (b) {
            case '\\' -> {
                buf[len++] = '\\';
                buf[len++] = '\\';
            }
            case '\t' -> {
                buf[len++] = '\\';
                buf[len++] = 't';
            }
            case '\n' -> {
                buf[len++] = '\\';
                buf[len++] = 'n';
            }
            case '\r' -> {
                buf[len++] = '\\';
                buf[len++] = 'r';
            }
            default -> buf[len++] = b;
        }
    }

    /** Appends ASCII text that needs no escaping. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
    }

    public CopyStream add(Enum<?> value) {
        return add(value == null ? null : value.name());
    }

    public CopyStream add(BigDecimal value) {
        return add(value == null ? null : value.toPlainString());
    }

    public CopyStream add(Instant value) {
        if (value == null) return add((String) null);
        sep();
        StringBuilder sb = scratch;
        sb.setLength(0);
        appendInstant(sb, value);
        int n = sb.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) sb.charAt(i);
        return this;
    }

    private final StringBuilder scratch = new StringBuilder(40);

    /** Appends {@code t.toString()} (ISO-8601, fraction in groups of 3 digits as needed) without a formatter. */
    static void appendInstant(StringBuilder sb, Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > 253_402_300_799L) { // outside 1970..9999: the JDK's formatter
            sb.append(t);
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secOfDay = (int) (seconds % 86_400);
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2).append('T');
        pad(sb, secOfDay / 3600, 2).append(':');
        pad(sb, secOfDay / 60 % 60, 2).append(':');
        pad(sb, secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) pad(sb, nano / 1_000_000, 3);
            else if (nano % 1000 == 0) pad(sb, nano / 1000, 6);
            else pad(sb, nano, 9);
        }
        sb.append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        for (int limit = 10, d = 1; d < digits; d++, limit *= 10) {
            if (value < limit) sb.append('0');
        }
        return sb.append(value);
    }

    public CopyStream add(LocalDate value) {
        return add(value == null ? null : value.toString());
    }

    public CopyStream add(long value) {
        sep();
        ascii(Long.toString(value));
        return this;
    }

    /** A boolean column: COPY's text form {@code t} or {@code f}. */
    public CopyStream add(boolean value) {
        sep();
        ascii(value ? "t" : "f");
        return this;
    }

    public CopyStream add(byte[] value) {
        sep();
        ensure(3 + 2 * value.length);
        buf[len++] = '\\';
        buf[len++] = '\\';
        buf[len++] = 'x';
        for (byte b : value) {
            buf[len++] = HEX[(b >> 4) & 0xF];
            buf[len++] = HEX[b & 0xF];
        }
        return this;
    }

    private void sep() {
        if (!firstField) put((byte) '\t');
        firstField = false;
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        put((byte) '\n');
        firstField = true;
        rows++;
        if (len >= FLUSH_AT) flush();
    }

    private void flush() throws SQLException {
        if (len > 0) {
            copy.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        flush();
        copy.endCopy();
    }
}
