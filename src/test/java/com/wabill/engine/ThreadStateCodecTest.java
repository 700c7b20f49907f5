package com.wabill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

/** The carried state must come back exactly, and anything else must be refused, not misread. */
@FastTest
class ThreadStateCodecTest {

    private static final Instant T = Instant.parse("2025-06-30T18:29:59.123456789Z");

    private static Conversation conversation(String id, String opener, Category category, ConversationType type,
                                             Instant openedAt, Duration length, PricingModel model) {
        return new Conversation(id, category, type, openedAt, openedAt.plus(length), opener, model);
    }

    /** Every field set, with nanosecond instants, an id not derived from its opener and a non-ASCII id. */
    static ThreadState fullState() {
        return ThreadState.of(T.plusNanos(1), T.plusSeconds(3600), List.of(
                        conversation("conv-wamid.HBgM", "wamid.HBgM", Category.SERVICE, ConversationType.REGULAR,
                                T.minusSeconds(7200), ChargingEngine.DAY, PricingModel.CBP),
                        conversation("meta-42", "m2", Category.MARKETING, ConversationType.REGULAR,
                                T.minusNanos(999_999_999), ChargingEngine.DAY, PricingModel.CBP),
                        conversation("conv-ação-ü", "ação-ü", Category.UTILITY, ConversationType.REGULAR,
                                T, ChargingEngine.DAY, PricingModel.CBP),
                        conversation("conv-a4", "a4", Category.AUTHENTICATION, ConversationType.REGULAR,
                                T, ChargingEngine.DAY.plusNanos(1), PricingModel.CBP)),
                conversation("conv-w", "w", Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT,
                        T.plusSeconds(60), ChargingEngine.FREE_ENTRY_POINT_LENGTH, PricingModel.PMP),
                7);
    }

    @Test
    void fullStateRoundTripsExactly() {
        ThreadState s = fullState();
        ThreadState back = ThreadStateCodec.decode(ThreadStateCodec.encode(s));
        assertEquals(s, back);
        // equality covers it, but the instants are what a lossy codec would get wrong
        assertEquals(s.openConversations().get(1).openedAt(), back.openConversations().get(1).openedAt());
        assertEquals(s.openConversations().get(3).scheduledEnd(), back.openConversations().get(3).scheduledEnd());
        assertEquals("meta-42", back.openConversations().get(1).conversationId());
    }

    @Test
    void instantsBefore1970AndFarFutureRoundTrip() {
        Instant old = Instant.parse("1969-12-31T23:59:59.999999999Z");
        ThreadState s = ThreadState.of(old, Instant.parse("2999-01-01T00:00:00.000000001Z"), List.of(), null, 0);
        assertEquals(s, ThreadStateCodec.decode(ThreadStateCodec.encode(s)));
    }

    @Test
    void versionByteComesFirst() {
        assertEquals(ThreadStateCodec.VERSION, ThreadStateCodec.encode(fullState())[0]);
        assertEquals(ThreadStateCodec.VERSION, ThreadStateCodec.encode(ThreadState.EMPTY)[0]);
    }

    @Test
    void emptyStateIsTinyAndDecodesToEmpty() {
        byte[] bytes = ThreadStateCodec.encode(ThreadState.EMPTY);
        assertArrayEquals(new byte[] {ThreadStateCodec.VERSION, 0, 0, 0}, bytes);
        assertSame(ThreadState.EMPTY, ThreadStateCodec.decode(bytes));
    }

    @Test
    void typicalStateIsCompact() {
        // a window, an offer and one conversation with a wamid-sized id: what most carried threads hold
        String wamid = "wamid.HBgLMTU1NTAwMDExMTEVAgARGBI5QUNFMkU0RjA0QjQ2QjQ1RkUA";
        ThreadState s = ThreadState.of(T, T, List.of(conversation("conv-" + wamid, wamid, Category.MARKETING,
                ConversationType.REGULAR, T, ChargingEngine.DAY, PricingModel.CBP)), null, 1);
        int size = ThreadStateCodec.encode(s).length;
        assertTrue(size <= wamid.length() + 40, "encoded in " + size + " bytes");
    }

    @Test
    void idsOutsideThePlaneRoundTripButLoneSurrogatesAreRefused() {
        ThreadState emoji = ThreadState.of(null, null, List.of(conversation("conv-😀", "😀", Category.UTILITY,
                ConversationType.REGULAR, T, ChargingEngine.DAY, PricingModel.CBP)), null, 0);
        assertEquals(emoji, ThreadStateCodec.decode(ThreadStateCodec.encode(emoji)));
        ThreadState broken = ThreadState.of(null, null, List.of(conversation("conv-\ud83d", "\ud83d",
                Category.UTILITY, ConversationType.REGULAR, T, ChargingEngine.DAY, PricingModel.CBP)), null, 0);
        assertThrows(IllegalArgumentException.class, () -> ThreadStateCodec.encode(broken));
    }

    @Test
    void unknownVersionIsRefused() {
        byte[] bytes = ThreadStateCodec.encode(fullState());
        bytes[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> ThreadStateCodec.decode(bytes));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = ThreadStateCodec.encode(fullState());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(IllegalArgumentException.class, () -> ThreadStateCodec.decode(cut), "length " + n);
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = ThreadStateCodec.encode(fullState());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> ThreadStateCodec.decode(longer));
    }
}
