package com.wabill.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingRegime;
import com.wabill.testsupport.FastTest;

/** SPEC 2.10.5: the first 1,000 delivered service messages of a business phone number's local month are free. */
@FastTest
class ServiceMessageFreeTierTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final BigDecimal BRAZIL_SERVICE = new BigDecimal("0.0068"); // USD card of 2026-10-01 (= utility)

    static Stream<Arguments> positions() {
        return Stream.of(
                // regime, position, Service rate => outcome, type, rate, amount
                Arguments.of(PricingRegime.PMP_2026_10, 1, "0.0068", Outcome.FREE_CUSTOMER_SERVICE,
                        ConversationType.FREE_CUSTOMER_SERVICE, null, "0"),
                Arguments.of(PricingRegime.PMP_2026_10, 1000, "0.0068", Outcome.FREE_CUSTOMER_SERVICE,
                        ConversationType.FREE_CUSTOMER_SERVICE, null, "0"),
                // 1,001 > 1,000: charged the card's Service rate
                Arguments.of(PricingRegime.PMP_2026_10, 1001, "0.0068", Outcome.CHARGED, ConversationType.REGULAR,
                        "0.0068", "0.0068"),
                // a Service rate of 0 charges 0: still CHARGED / REGULAR, as Meta's webhook says regular
                Arguments.of(PricingRegime.PMP_2026_10, 1500, "0.0000", Outcome.CHARGED, ConversationType.REGULAR,
                        "0.0000", "0"),
                // a free one needs no rate
                Arguments.of(PricingRegime.PMP_2026_10, 3, null, Outcome.FREE_CUSTOMER_SERVICE,
                        ConversationType.FREE_CUSTOMER_SERVICE, null, "0"),
                // under 2.9 every service message is free, whatever its position
                Arguments.of(PricingRegime.PMP_2025_07, 5000, "0.0000", Outcome.FREE_CUSTOMER_SERVICE,
                        ConversationType.FREE_CUSTOMER_SERVICE, null, "0"));
    }

    @ParameterizedTest(name = "{0} #{1} at {2}: {3}")
    @MethodSource("positions")
    void theRuleAtAPosition(PricingRegime regime, long position, String serviceRate, Outcome outcome,
                            ConversationType type, String rate, String amount) {
        ServiceMessageFreeTier.Charge c = ServiceMessageFreeTier.at(regime, position,
                serviceRate == null ? null : new BigDecimal(serviceRate));
        assertEquals(outcome, c.outcome());
        assertEquals(type, c.type());
        assertEquals(rate == null ? null : new BigDecimal(rate), c.rate());
        assertEquals(0, new BigDecimal(amount).compareTo(c.amount()));
        assertFalse(c.rateMissing());
    }

    @Test
    void theEstimatedPositionScalesTheRankInABucketByTheBuckets() {
        // threads spread evenly over 8 buckets: the 125th of a bucket is about the 1,000th overall
        assertEquals(1000, ServiceMessageFreeTier.estimatedPosition(125, 8));
        assertEquals(7, ServiceMessageFreeTier.estimatedPosition(7, 1));
        assertThrows(IllegalArgumentException.class, () -> ServiceMessageFreeTier.estimatedPosition(0, 8));
        assertThrows(IllegalArgumentException.class, () -> ServiceMessageFreeTier.estimatedPosition(1, 0));
    }

    @Test
    void aChargedOneWithoutRateIsMissingItsRate() {
        // n/a in the Service column is a missing rate for the 1,001st, not a free message
        ServiceMessageFreeTier.Charge c = ServiceMessageFreeTier.at(PricingRegime.PMP_2026_10, 1001, null);
        assertTrue(c.charged());
        assertTrue(c.rateMissing());
        assertThrows(IllegalArgumentException.class, () -> ServiceMessageFreeTier.at(PricingRegime.CBP_2023_06, 1, null));
        assertThrows(IllegalArgumentException.class, () -> ServiceMessageFreeTier.at(PricingRegime.PMP_2026_10, 0, null));
    }

    @Test
    void countsEachPhoneNumberAndLocalMonthAcrossItsThreads() {
        ServiceMessageFreeTier tier = new ServiceMessageFreeTier();
        // pn-1 of a WABA in Sao Paulo (UTC-3). 2026-10-01T02:59Z is still 30 September there: the rules of 2.9,
        // free and not counted; 03:00Z is 1 October 00:00: the first of the month's free tier
        ServiceMessageFreeTier.Charge sept = tier.next("pn-1", Instant.parse("2026-10-01T02:59:00Z"), "s0", SAO_PAULO,
                BRAZIL_SERVICE);
        assertEquals(0, sept.position());
        assertEquals(Outcome.FREE_CUSTOMER_SERVICE, sept.outcome());
        assertEquals(1, tier.next("pn-1", Instant.parse("2026-10-01T03:00:00Z"), "s1", SAO_PAULO, BRAZIL_SERVICE).position());
        // 999 more a minute apart (positions 2..1000, whatever thread they are in: the calculator sees none), with
        // one of pn-2 in between: pn-2 has its own 1,000
        Instant t = Instant.parse("2026-10-05T12:00:00Z");
        for (int i = 2; i <= 1000; i++) {
            ServiceMessageFreeTier.Charge c = tier.next("pn-1", t.plusSeconds(60L * i), "a-" + i, SAO_PAULO, BRAZIL_SERVICE);
            assertEquals(i, c.position());
            assertEquals(Outcome.FREE_CUSTOMER_SERVICE, c.outcome(), "a-" + i);
            if (i == 700) {
                assertEquals(1, tier.next("pn-2", t.plusSeconds(60L * i), "d1", SAO_PAULO, BRAZIL_SERVICE).position());
            }
        }
        // the 1,001st of pn-1: charged at the Service rate
        ServiceMessageFreeTier.Charge c1001 = tier.next("pn-1", Instant.parse("2026-10-07T12:00:00Z"), "c-201",
                SAO_PAULO, BRAZIL_SERVICE);
        assertEquals(Outcome.CHARGED, c1001.outcome());
        assertEquals(ConversationType.REGULAR, c1001.type());
        assertEquals(BRAZIL_SERVICE, c1001.amount());
        // pn-2 is still in its free tier after pn-1 passed its own
        assertEquals(Outcome.FREE_CUSTOMER_SERVICE,
                tier.next("pn-2", Instant.parse("2026-10-07T16:01:00Z"), "d2", SAO_PAULO, BRAZIL_SERVICE).outcome());
        // 2026-11-01T02:30Z is 31 October 23:30 in Sao Paulo: the 1,002nd of October, charged
        ServiceMessageFreeTier.Charge a10 = tier.next("pn-1", Instant.parse("2026-11-01T02:30:00Z"), "a10", SAO_PAULO,
                BRAZIL_SERVICE);
        assertEquals(1002, a10.position());
        assertEquals(Outcome.CHARGED, a10.outcome());
        // an hour later it is 1 November there: the count starts again
        ServiceMessageFreeTier.Charge a11 = tier.next("pn-1", Instant.parse("2026-11-01T03:30:00Z"), "a11", SAO_PAULO,
                BRAZIL_SERVICE);
        assertEquals(1, a11.position());
        assertEquals(Outcome.FREE_CUSTOMER_SERVICE, a11.outcome());
        assertNull(a11.rate());
    }

    @Test
    void messagesOfOneInstantAreNumberedByMessageIdAndOutOfOrderIsRefused() {
        ServiceMessageFreeTier tier = new ServiceMessageFreeTier();
        Instant t = Instant.parse("2026-10-05T12:00:00Z");
        // plain string order: a-10 before a-9
        assertEquals(1, tier.next("pn-1", t, "a-10", SAO_PAULO, BRAZIL_SERVICE).position());
        assertEquals(2, tier.next("pn-1", t, "a-9", SAO_PAULO, BRAZIL_SERVICE).position());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tier.next("pn-1", t, "a-1", SAO_PAULO, BRAZIL_SERVICE));
        assertTrue(e.getMessage().contains("service messages of phone number pn-1 in 2026-10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tier.next("pn-1", t, "a-9", SAO_PAULO, BRAZIL_SERVICE));
        assertThrows(IllegalArgumentException.class,
                () -> tier.next("pn-1", Instant.parse("2024-10-05T12:00:00Z"), "cbp", SAO_PAULO, BRAZIL_SERVICE),
                "no per-message service messages under CBP");
    }
}
