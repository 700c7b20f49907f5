package com.wabill.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingRegime;
import com.wabill.testsupport.FastTest;

/** SPEC 2.6: the first 1,000 service conversations of a WABA's local month are free (FREE_TIER), until 2024-11-01. */
@FastTest
class ServiceConversationFreeTierTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final BigDecimal BRAZIL_SERVICE = new BigDecimal("0.0300"); // the June 2023 and August 2024 cards

    static Stream<Arguments> positions() {
        return Stream.of(
                // regime, position, Service rate => type, charged, amount
                Arguments.of(PricingRegime.CBP_2023_06, 1, "0.0300", ConversationType.FREE_TIER, false, "0"),
                Arguments.of(PricingRegime.CBP_2023_06, 1000, "0.0300", ConversationType.FREE_TIER, false, "0"),
                // 1,001 > 1,000: the first one beyond the free tier is charged the Service rate
                Arguments.of(PricingRegime.CBP_2023_06, 1001, "0.0300", ConversationType.REGULAR, true, "0.0300"),
                Arguments.of(PricingRegime.CBP_2023_06, 250_000, "0.0300", ConversationType.REGULAR, true, "0.0300"),
                // a free one needs no rate
                Arguments.of(PricingRegime.CBP_2023_06, 7, null, ConversationType.FREE_TIER, false, "0"),
                // from 2024-11-01 every service conversation is free and REGULAR, whatever its position
                Arguments.of(PricingRegime.CBP_2024_11, 1, "0.0000", ConversationType.REGULAR, false, "0"),
                Arguments.of(PricingRegime.CBP_2024_11, 5000, null, ConversationType.REGULAR, false, "0"));
    }

    @ParameterizedTest(name = "{0} #{1} at {2}: {3}")
    @MethodSource("positions")
    void theRuleAtAPosition(PricingRegime regime, long position, String rate, ConversationType type, boolean charged,
                            String amount) {
        ServiceConversationFreeTier.Charge c = ServiceConversationFreeTier.at(regime, position,
                rate == null ? null : new BigDecimal(rate));
        assertEquals(type, c.type());
        assertEquals(charged, c.charged());
        assertEquals(0, new BigDecimal(amount).compareTo(c.amount()));
        assertFalse(c.rateMissing());
    }

    @Test
    void aChargedOneWithoutRateIsMissingItsRate() {
        ServiceConversationFreeTier.Charge c = ServiceConversationFreeTier.at(PricingRegime.CBP_2023_06, 1001, null);
        assertTrue(c.charged());
        assertTrue(c.rateMissing());
        assertNull(c.amount());
    }

    @Test
    void noServiceConversationsUnderPerMessagePricingAndPositionsCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConversationFreeTier.at(PricingRegime.PMP_2025_07, 1, null));
        assertThrows(IllegalArgumentException.class, () -> ServiceConversationFreeTier.at(PricingRegime.CBP_2023_06, 0, null));
    }

    @Test
    void countsEachWabaAndLocalMonthOnItsOwn() {
        ServiceConversationFreeTier tier = new ServiceConversationFreeTier();
        // w1 bills in Sao Paulo (UTC-3): 1 October 2024 00:00 there is 03:00Z. 1,000 conversations a minute apart
        // from then, interleaved with two of w2 (UTC), are w1's positions 1..1000: all FREE_TIER
        Instant start = Instant.parse("2024-10-01T03:00:00Z");
        for (int i = 1; i <= 1000; i++) {
            ServiceConversationFreeTier.Charge c = tier.next("w1", start.plusSeconds(60L * (i - 1)), "a" + i, SAO_PAULO,
                    BRAZIL_SERVICE);
            assertEquals(ConversationType.FREE_TIER, c.type(), "a" + i);
            assertEquals(i, c.position());
            if (i == 500) {
                // w2 counts for itself: its first conversation of October is its position 1
                assertEquals(1, tier.next("w2", start.plusSeconds(60L * 499), "b1", ZoneOffset.UTC, BRAZIL_SERVICE).position());
            }
        }
        // the 1,001st of w1 in October is charged
        ServiceConversationFreeTier.Charge c1001 = tier.next("w1", Instant.parse("2024-10-20T12:00:00Z"), "a1001",
                SAO_PAULO, BRAZIL_SERVICE);
        assertEquals(ConversationType.REGULAR, c1001.type());
        assertEquals(1001, c1001.position());
        assertEquals(BRAZIL_SERVICE, c1001.amount());
        // 2024-11-01T02:59Z is 31 October 23:59 in Sao Paulo: still October, position 1,002, charged
        assertEquals(1002, tier.next("w1", Instant.parse("2024-11-01T02:59:00Z"), "a1002", SAO_PAULO, BRAZIL_SERVICE).position());
        // 03:00Z is 1 November 00:00 there: service conversations are free for everyone, not counted
        ServiceConversationFreeTier.Charge nov = tier.next("w1", Instant.parse("2024-11-01T03:00:00Z"), "a1003",
                SAO_PAULO, null);
        assertEquals(ConversationType.REGULAR, nov.type());
        assertFalse(nov.charged());
        assertEquals(0, nov.position());
        // w2 in UTC: 30 September 23:59 is September (position 1), then w2's October continues at 2
        ServiceConversationFreeTier other = new ServiceConversationFreeTier();
        assertEquals(1, other.next("w2", Instant.parse("2024-09-30T23:59:00Z"), "s1", ZoneOffset.UTC, BRAZIL_SERVICE).position());
        assertEquals(1, other.next("w2", Instant.parse("2024-10-01T00:00:00Z"), "s2", ZoneOffset.UTC, BRAZIL_SERVICE).position());
        assertEquals(2, other.next("w2", Instant.parse("2024-10-01T00:00:00Z"), "s3", ZoneOffset.UTC, BRAZIL_SERVICE).position(),
                "same opening time: by opening message id, s2 before s3");
    }

    @Test
    void conversationsOutOfOrderOrTwiceOrBeforeAnyModelAreRefused() {
        ServiceConversationFreeTier tier = new ServiceConversationFreeTier();
        tier.next("w1", Instant.parse("2024-10-10T12:00:00Z"), "m5", SAO_PAULO, BRAZIL_SERVICE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tier.next("w1", Instant.parse("2024-10-10T11:00:00Z"), "m6", SAO_PAULO, BRAZIL_SERVICE));
        assertTrue(e.getMessage().contains("m6 at 2024-10-10T11:00:00Z comes after m5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> tier.next("w1", Instant.parse("2024-10-10T12:00:00Z"), "m4", SAO_PAULO, BRAZIL_SERVICE),
                "same time, smaller id: out of order");
        e = assertThrows(IllegalArgumentException.class,
                () -> tier.next("w1", Instant.parse("2024-10-10T12:00:00Z"), "m5", SAO_PAULO, BRAZIL_SERVICE));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        // 2023-06-01T02:59Z is still 31 May in Sao Paulo: no pricing model
        assertThrows(IllegalArgumentException.class,
                () -> tier.next("w1", Instant.parse("2023-06-01T02:59:00Z"), "m1", SAO_PAULO, BRAZIL_SERVICE));
        assertThrows(IllegalArgumentException.class,
                () -> tier.next("w1", Instant.parse("2025-07-10T12:00:00Z"), "m9", SAO_PAULO, BRAZIL_SERVICE),
                "no service conversations under per-message pricing");
    }
}
