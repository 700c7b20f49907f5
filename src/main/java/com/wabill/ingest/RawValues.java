package com.wabill.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.wabill.parquet.MessageLogColumn;

/**
 * The raw values of one log row, before validation: strings as decoded from the file (invalid UTF-8 replaced by
 * U+FFFD and flagged), timestamps as instants, {@code meta_billable} as a Boolean; null where the file has no
 * value or no such column. The reader reuses one instance for all rows of a file.
 */
public final class RawValues {

    private static final int N = MessageLogColumn.ALL.size();

    private final Object[] values = new Object[N];
    private int invalidUtf8;

    public void clear() {
        Arrays.fill(values, null);
        invalidUtf8 = 0;
    }

    public void set(MessageLogColumn column, Object value) {
        values[column.ordinal()] = value;
    }

    /** Sets a string decoded from the file; {@code invalidUtf8} when its bytes were not valid UTF-8. */
    public void setString(MessageLogColumn column, String value, boolean invalid) {
        values[column.ordinal()] = value;
        int bit = 1 << column.ordinal();
        invalidUtf8 = invalid ? invalidUtf8 | bit : invalidUtf8 & ~bit;
    }

    public Object get(MessageLogColumn column) {
        return values[column.ordinal()];
    }

    public String string(MessageLogColumn column) {
        Object v = values[column.ordinal()];
        return v == null ? null : v.toString();
    }

    public Instant instant(MessageLogColumn column) {
        return (Instant) values[column.ordinal()];
    }

    public Boolean bool(MessageLogColumn column) {
        return (Boolean) values[column.ordinal()];
    }

    /** Whether the column's bytes were not valid UTF-8. */
    public boolean invalidUtf8(MessageLogColumn column) {
        return (invalidUtf8 & (1 << column.ordinal())) != 0;
    }

    /**
     * Raw values from a map of column name to value, as a test or another source gives them: strings
     * (or {@code byte[]}, decoded as the reader decodes them), Instants (or ISO strings) for timestamps,
     * Booleans. Names that are not SPEC 1.1 columns are ignored, like extra columns in a file.
     */
    public static RawValues of(Map<String, ?> row) {
        RawValues raw = new RawValues();
        for (Map.Entry<String, ?> e : row.entrySet()) {
            MessageLogColumn c = MessageLogColumn.byName(e.getKey());
            Object v = e.getValue();
            if (c == null || v == null) {
                continue;
            }
            switch (c.kind) {
                case STRING -> {
                    if (v instanceof byte[] b) {
                        Decoded d = Decoded.decode(ByteBuffer.wrap(b));
                        raw.setString(c, d.text, d.invalid);
                    } else {
                        raw.setString(c, v.toString(), false);
                    }
                }
                case TIMESTAMP -> raw.set(c, v instanceof Instant i ? i : Instant.parse(v.toString()));
                case BOOLEAN -> raw.set(c, v instanceof Boolean b ? b : Boolean.valueOf(v.toString()));
            }
        }
        return raw;
    }

    /** A decoded string and whether its bytes were invalid UTF-8. */
    record Decoded(String text, boolean invalid) {

        private static final ThreadLocal<CharsetDecoder> STRICT = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));

        /** Decodes the remaining bytes of the buffer (its position is left unchanged). */
        static Decoded decode(ByteBuffer bytes) {
            int len = bytes.remaining();
            if (bytes.hasArray()) {
                byte[] a = bytes.array();
                int off = bytes.arrayOffset() + bytes.position();
                boolean ascii = true;
                for (int i = off, end = off + len; i < end; i++) {
                    if (a[i] < 0) {
                        ascii = false;
                        break;
                    }
                }
                if (ascii) {
                    return new Decoded(new String(a, off, len, StandardCharsets.ISO_8859_1), false);
                }
            }
            try {
                CharBuffer chars = STRICT.get().reset().decode(bytes.duplicate());
                return new Decoded(chars.toString(), false);
            } catch (CharacterCodingException e) {
                return new Decoded(StandardCharsets.UTF_8.decode(bytes.duplicate()).toString(), true);
            }
        }
    }
}
