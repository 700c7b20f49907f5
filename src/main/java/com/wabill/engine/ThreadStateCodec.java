package com.wabill.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact binary form of a {@link ThreadState}, carried between nightly runs in a database column.
 * Round-trips exactly, instants to the nanosecond.
 *
 * <p>Layout, version 1: the version byte; a presence byte (service window, offer, free entry point);
 * the marketing count (varint); the window and offer ends; the number of open conversations (varint)
 * and each conversation; then the free entry point conversation. An instant is its epoch second
 * (zig-zag varlong) and nano (varint); a conversation's end is stored as seconds and nanos after its
 * opening, which are small. A conversation id equal to {@code conv-<opening message id>} is not
 * stored twice. Enumerations are written as fixed codes, not ordinals, so that reordering an enum
 * cannot misread stored state.
 */
public final class ThreadStateCodec {

    public static final byte VERSION = 1;

    private static final int HAS_SERVICE_WINDOW = 1;
    private static final int HAS_OFFER = 2;
    private static final int HAS_FREE_ENTRY_POINT = 4;
    private static final int KNOWN_PRESENCE = HAS_SERVICE_WINDOW | HAS_OFFER | HAS_FREE_ENTRY_POINT;

    private static final int ID_DERIVED = 1;

    private static final Category[] CATEGORY_BY_CODE = {
            Category.MARKETING, Category.UTILITY, Category.AUTHENTICATION, Category.SERVICE,
            Category.REFERRAL_CONVERSION};
    private static final ConversationType[] TYPE_BY_CODE = {
            ConversationType.REGULAR, ConversationType.FREE_TIER, ConversationType.FREE_ENTRY_POINT,
            ConversationType.FREE_CUSTOMER_SERVICE};
    private static final PricingModel[] MODEL_BY_CODE = {PricingModel.CBP, PricingModel.PMP};

    private ThreadStateCodec() {
    }

    public static byte[] encode(ThreadState state) {
        Writer w = new Writer();
        w.writeByte(VERSION);
        int presence = (state.serviceWindowEnd() != null ? HAS_SERVICE_WINDOW : 0)
                | (state.entryPointOfferEnd() != null ? HAS_OFFER : 0)
                | (state.freeEntryPoint() != null ? HAS_FREE_ENTRY_POINT : 0);
        w.writeByte(presence);
        w.writeVarLong(state.marketingCount());
        if (state.serviceWindowEnd() != null) w.writeInstant(state.serviceWindowEnd());
        if (state.entryPointOfferEnd() != null) w.writeInstant(state.entryPointOfferEnd());
        w.writeVarLong(state.openConversationCount());
        for (int i = 0; i < state.openConversationCount(); i++) {
            writeConversation(w, state.openConversation(i));
        }
        if (state.freeEntryPoint() != null) writeConversation(w, state.freeEntryPoint());
        return w.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a state this codec wrote */
    public static ThreadState decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        int version = r.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown thread state version " + version);
        }
        int presence = r.readByte();
        if ((presence & ~KNOWN_PRESENCE) != 0) {
            throw new IllegalArgumentException("unknown presence bits " + presence);
        }
        int marketingCount = r.readVarInt();
        Instant csw = (presence & HAS_SERVICE_WINDOW) != 0 ? r.readInstant() : null;
        Instant offer = (presence & HAS_OFFER) != 0 ? r.readInstant() : null;
        int n = r.readVarInt();
        if (n > CATEGORY_BY_CODE.length) {
            throw new IllegalArgumentException("too many open conversations: " + n);
        }
        List<Conversation> open = new ArrayList<>(n);
        for (int i = 0; i < n; i++) open.add(readConversation(r));
        Conversation fep = (presence & HAS_FREE_ENTRY_POINT) != 0 ? readConversation(r) : null;
        if (!r.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after thread state");
        }
        return ThreadState.of(csw, offer, open, fep, marketingCount);
    }

    private static void writeConversation(Writer w, Conversation c) {
        boolean derived = c.conversationId().equals(Conversation.idFor(c.openingMessageId()));
        w.writeByte(derived ? ID_DERIVED : 0);
        w.writeString(c.openingMessageId());
        if (!derived) w.writeString(c.conversationId());
        w.writeByte(code(CATEGORY_BY_CODE, c.category()));
        w.writeByte(code(TYPE_BY_CODE, c.type()));
        w.writeByte(code(MODEL_BY_CODE, c.model()));
        w.writeInstant(c.openedAt());
        // the end as an offset from the opening: 24h or 72h, a few bytes
        long seconds = c.scheduledEnd().getEpochSecond() - c.openedAt().getEpochSecond();
        int nanos = c.scheduledEnd().getNano() - c.openedAt().getNano();
        if (nanos < 0) {
            nanos += 1_000_000_000;
            seconds--;
        }
        w.writeVarLong(seconds);
        w.writeVarLong(nanos);
    }

    private static Conversation readConversation(Reader r) {
        int flags = r.readByte();
        if ((flags & ~ID_DERIVED) != 0) {
            throw new IllegalArgumentException("unknown conversation flags " + flags);
        }
        String openingMessageId = r.readString();
        String id = (flags & ID_DERIVED) != 0 ? Conversation.idFor(openingMessageId) : r.readString();
        Category category = byCode(CATEGORY_BY_CODE, r.readByte());
        ConversationType type = byCode(TYPE_BY_CODE, r.readByte());
        PricingModel model = byCode(MODEL_BY_CODE, r.readByte());
        Instant openedAt = r.readInstant();
        long seconds = r.readVarLong();
        int nanos = r.readNano();
        Instant end;
        try {
            end = openedAt.plusSeconds(seconds).plusNanos(nanos);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("conversation end out of range", e);
        }
        return new Conversation(id, category, type, openedAt, end, openingMessageId, model);
    }

    private static <E> int code(E[] byCode, E value) {
        for (int i = 0; i < byCode.length; i++) {
            if (byCode[i] == value) return i;
        }
        throw new IllegalArgumentException("no code for " + value);
    }

    private static <E> E byCode(E[] byCode, int code) {
        if (code < 0 || code >= byCode.length) {
            throw new IllegalArgumentException("unknown code " + code);
        }
        return byCode[code];
    }

    private static final class Writer {
        private byte[] buf = new byte[64];
        private int len;

        void writeByte(int b) {
            if (len == buf.length) buf = Arrays.copyOf(buf, len * 2);
            buf[len++] = (byte) b;
        }

        void writeVarLong(long v) {
            if (v < 0) throw new IllegalArgumentException("negative " + v);
            while ((v & ~0x7FL) != 0) {
                writeByte((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            writeByte((int) v);
        }

        void writeInstant(Instant t) {
            long s = t.getEpochSecond();
            writeVarLong((s << 1) ^ (s >> 63)); // zig-zag: instants before 1970 stay short and valid
            writeVarLong(t.getNano());
        }

        void writeString(String s) {
            requireWellFormed(s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeVarLong(utf8.length);
            for (byte b : utf8) writeByte(b);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** UTF-8 would silently turn a lone surrogate into '?': refuse it rather than carry a different id. */
    private static void requireWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("malformed UTF-16 in id at index " + i);
            }
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        boolean atEnd() {
            return pos == buf.length;
        }

        int readByte() {
            if (pos >= buf.length) throw new IllegalArgumentException("thread state truncated");
            return buf[pos++] & 0xFF;
        }

        long readVarLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 63 && b > 1) break; // more than 64 bits
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        int readVarInt() {
            long v = readVarLong();
            if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("value out of range " + v);
            return (int) v;
        }

        int readNano() {
            long v = readVarLong();
            if (v < 0 || v > 999_999_999) throw new IllegalArgumentException("nano out of range " + v);
            return (int) v;
        }

        Instant readInstant() {
            long z = readVarLong();
            long s = (z >>> 1) ^ -(z & 1);
            try {
                return Instant.ofEpochSecond(s, readNano());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("instant out of range", e);
            }
        }

        String readString() {
            int n = readVarInt();
            if (n > buf.length - pos) throw new IllegalArgumentException("thread state truncated");
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
