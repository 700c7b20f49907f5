package com.wabill.ledger;

import java.io.ByteArrayOutputStream;
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

    private final CopyIn copy;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(FLUSH_AT + 4096);
    private final StringBuilder row = new StringBuilder(256);
    private boolean firstField = true;
    private long rows;

    public CopyStream(Connection connection, String table, String... columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
    }

    public CopyStream add(String value) {
        sep();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        int n = value.length();
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') break;
            i++;
        }
        if (i == n) {
            row.append(value); // nothing to escape (nearly always): one copy
            return this;
        }
        row.append(value, 0, i);
        for (; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
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
        appendInstant(row, value);
        return this;
    }

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
        row.append(value);
        return this;
    }

    public CopyStream add(byte[] value) {
        sep();
        row.append("\\\\x");
        for (byte b : value) {
            row.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return this;
    }

    private void sep() {
        if (!firstField) row.append('\t');
        firstField = false;
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        buf.write(bytes, 0, bytes.length);
        row.setLength(0);
        firstField = true;
        rows++;
        if (buf.size() >= FLUSH_AT) flush();
    }

    private void flush() throws SQLException {
        if (buf.size() > 0) {
            copy.writeToCopy(buf.toByteArray(), 0, buf.size());
            buf.reset();
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
