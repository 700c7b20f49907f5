package com.wabill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.testsupport.FastTest;

/** The pricing timeline (SPEC 2): which regime holds at an instant, by the WABA's local midnight. */
@FastTest
class PricingRegimeTest {

    static Stream<Arguments> instants() {
        return Stream.of(
                // conversation-based pricing starts 2023-06-01 00:00 local
                Arguments.of("2023-05-31T23:59:59Z", "UTC", null),
                Arguments.of("2023-06-01T00:00:00Z", "UTC", PricingRegime.CBP_2023_06),
                // Sao Paulo is UTC-3: 02:59:59Z is still 31 May 23:59:59 there, 03:00Z is 1 June 00:00
                Arguments.of("2023-06-01T02:59:59Z", "America/Sao_Paulo", null),
                Arguments.of("2023-06-01T03:00:00Z", "America/Sao_Paulo", PricingRegime.CBP_2023_06),
                // Oslo on 1 November 2024 is CET, UTC+1 (summer time ended 27 October): local midnight is 23:00Z
                Arguments.of("2024-10-31T22:59:59Z", "Europe/Oslo", PricingRegime.CBP_2023_06),
                Arguments.of("2024-10-31T23:00:00Z", "Europe/Oslo", PricingRegime.CBP_2024_11),
                // Kolkata is UTC+5:30: 1 July 2025 00:00 there is 30 June 18:30Z
                Arguments.of("2025-06-30T18:29:59.999999999Z", "Asia/Kolkata", PricingRegime.CBP_2024_11),
                Arguments.of("2025-06-30T18:30:00Z", "Asia/Kolkata", PricingRegime.PMP_2025_07),
                // Oslo on 1 October 2026 is CEST, UTC+2: local midnight is 30 September 22:00Z (scenario 18)
                Arguments.of("2026-09-30T21:59:59Z", "Europe/Oslo", PricingRegime.PMP_2025_07),
                Arguments.of("2026-09-30T22:00:00Z", "Europe/Oslo", PricingRegime.PMP_2026_10),
                // Sao Paulo (UTC-3, no summer time since 2019): 1 October 2026 00:00 is 03:00Z
                Arguments.of("2026-10-01T02:59:59Z", "America/Sao_Paulo", PricingRegime.PMP_2025_07),
                Arguments.of("2026-10-01T03:00:00Z", "America/Sao_Paulo", PricingRegime.PMP_2026_10),
                // the first zone to reach a date (UTC+14) and one of the last (UTC-11)
                Arguments.of("2026-09-30T09:59:59Z", "Pacific/Kiritimati", PricingRegime.PMP_2025_07),
                Arguments.of("2026-09-30T10:00:00Z", "Pacific/Kiritimati", PricingRegime.PMP_2026_10),
                Arguments.of("2026-10-01T10:59:59Z", "Pacific/Pago_Pago", PricingRegime.PMP_2025_07),
                Arguments.of("2026-10-01T11:00:00Z", "Pacific/Pago_Pago", PricingRegime.PMP_2026_10),
                Arguments.of("2031-01-01T00:00:00Z", "UTC", PricingRegime.PMP_2026_10));
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @MethodSource("instants")
    void regimeAtAnInstantFollowsTheLocalDate(String instant, String zone, PricingRegime expected) {
        Instant at = Instant.parse(instant);
        ZoneId z = ZoneId.of(zone);
        assertEquals(expected, PricingRegime.at(at, z));
        assertEquals(expected, PricingRegime.on(LocalDate.ofInstant(at, z)), "the same by the local date");
        assertEquals(expected == null ? null : expected.model(), PricingModel.at(at, z), "the model is the regime's");
    }

    @Test
    void whatEachRuleDoesInEachRegime() {
        // regime, model, service charged beyond a free tier, free tier, utility inside the window charged
        Object[][] table = {
                {PricingRegime.CBP_2023_06, PricingModel.CBP, true, 1000, false},  // 2.6: 1,000 per WABA and month
                {PricingRegime.CBP_2024_11, PricingModel.CBP, false, 0, false},    // 2.6: every service conversation free
                {PricingRegime.PMP_2025_07, PricingModel.PMP, false, 0, false},    // 2.9.5 and 2.9.6: free
                {PricingRegime.PMP_2026_10, PricingModel.PMP, true, 1000, true},   // 2.10.5: 1,000 per phone number; 2.10.6
        };
        assertEquals(PricingRegime.values().length, table.length, "every regime is in the table");
        for (Object[] row : table) {
            PricingRegime r = (PricingRegime) row[0];
            assertEquals(row[1], r.model(), r + " model");
            assertEquals(row[2], r.serviceCharged(), r + " service charged");
            assertEquals(row[3], r.serviceFreeTier(), r + " free tier");
            assertEquals(row[4], r.utilityInWindowCharged(), r + " utility in the window charged");
        }
        assertEquals(PricingRegime.CBP_2023_06, PricingRegime.firstOf(PricingModel.CBP));
        assertEquals(PricingRegime.PMP_2025_07, PricingRegime.firstOf(PricingModel.PMP));
    }

    @Test
    void theTimelineIsInDateOrderAndChangesOnlyOnTheFirstOfAMonth() {
        // monthly counts (free tiers, volume tiers) rely on a month being under one regime in each zone
        PricingRegime[] all = PricingRegime.values();
        for (int i = 0; i < all.length; i++) {
            assertEquals(1, all[i].startsOn().getDayOfMonth(), all[i] + " starts on the first of a month");
            if (i > 0) assertTrue(all[i - 1].startsOn().isBefore(all[i].startsOn()), all[i] + " after " + all[i - 1]);
        }
        assertNull(PricingRegime.on(LocalDate.of(2023, 5, 31)));
    }
}
