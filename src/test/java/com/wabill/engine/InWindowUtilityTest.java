package com.wabill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.testsupport.FastTest;

/**
 * {@link Decision#inWindow()}: a utility template charged although it was sent inside the customer service window,
 * which SPEC 2.10.6 charges from 2026-10-01 (local) and 2.9.6 left free before. The outputs show these charges apart
 * as the new cost they are, so the engine says which they are.
 *
 * <p>Each case is a thread in {@link ThreadScript} notation from {@link #BASE} (2026-09-30T00:00Z): {@code 24:00} is
 * 2026-10-01T00:00Z. Every message is decided under the regime of its own instant in the case's zone, as the job
 * does ({@link PricingRegime#at}). Then {@code =>}, then expectations
 * {@code "<id> <OUTCOME> [FLAG...] [CATEGORY/TYPE] [$] [W]"}: {@code $} charged whatever its month, {@code W} marked
 * as a utility template charged inside the window; absent, neither.
 */
@FastTest
class InWindowUtilityTest {

    static final Instant BASE = Instant.parse("2026-09-30T00:00:00Z");
    static final ZoneId UTC = ZoneId.of("UTC");

    private static Arguments c(String name, ZoneId zone, String... scriptAndExpectations) {
        int arrow = Arrays.asList(scriptAndExpectations).indexOf("=>");
        return Arguments.of(name, zone, Arrays.copyOfRange(scriptAndExpectations, 0, arrow),
                Arrays.copyOfRange(scriptAndExpectations, arrow + 1, scriptAndExpectations.length));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // i1 at 09-30 20:00 opens the window [20:00, 44:00); m1 at 09-30 20:10 is inside it, under the rules
                // of 2025-07 (2.9.6): free, FREE_CUSTOMER_SERVICE, nothing to mark
                c("before 2026-10-01 a utility template inside the window is free and not marked", UTC,
                        "20:00 i1 IN", "20:10 m1 UTILITY",
                        "=>", "i1 INBOUND", "m1 FREE_CUSTOMER_SERVICE UTILITY/FREE_CUSTOMER_SERVICE"),
                // i1 at 10-01 06:00 opens [30:00, 54:00); m1 at 10-01 06:10 is inside it, under the rules of 2026-10
                // (2.10.6): charged like any utility template (CHARGED, REGULAR) and marked as sent in the window
                c("from 2026-10-01 the same template is charged and marked in-window", UTC,
                        "30:00 i1 IN", "30:10 m1 UTILITY",
                        "=>", "i1 INBOUND", "m1 CHARGED UTILITY/REGULAR $ W"),
                // one window [23:00, 47:00) spans midnight UTC: m1 at 09-30 23:50 is free (2.9.6), m2 at 10-01 00:10
                // is charged and marked (2.10.6); the window is the same, only each message's regime differs
                c("one window across midnight: free before, charged and marked after", UTC,
                        "23:00 i1 IN", "23:50 m1 UTILITY", "24:10 m2 UTILITY",
                        "=>", "m1 FREE_CUSTOMER_SERVICE UTILITY/FREE_CUSTOMER_SERVICE", "m2 CHARGED UTILITY/REGULAR $ W"),
                // no inbound: no window. m1 (09-30) and m2 (10-01) are both charged by rule 7, which charged them
                // before 2026-10-01 too: not a new cost, not marked
                c("outside the window a utility template is charged but not marked, before and after", UTC,
                        "0:00 m1 UTILITY", "30:00 m2 UTILITY",
                        "=>", "m1 CHARGED UTILITY/REGULAR $", "m2 CHARGED UTILITY/REGULAR $"),
                // i1 opens [30:00, 54:00): m1 at 53:59 is inside (marked), m2 at 54:00 is at the window's end, which
                // is closed (SPEC 2.2: an end at or before the event time is past): charged, not marked
                c("the window's end is outside it", UTC,
                        "30:00 i1 IN", "53:59 m1 UTILITY", "54:00 m2 UTILITY",
                        "=>", "m1 CHARGED UTILITY/REGULAR $ W", "m2 CHARGED UTILITY/REGULAR $"),
                // a second inbound at 40:00 extends the window to 64:00: m1 at 60:00 is inside again, marked
                c("a later inbound message extends the window", UTC,
                        "30:00 i1 IN", "40:00 i2 IN", "60:00 m1 UTILITY",
                        "=>", "m1 CHARGED UTILITY/REGULAR $ W"),
                // marketing and authentication inside the window were charged before 2026-10-01 too: not marked
                c("other templates inside the window are charged as ever and not marked", UTC,
                        "30:00 i1 IN", "30:10 m1 MARKETING", "30:20 m2 AUTHENTICATION",
                        "=>", "m1 CHARGED MARKETING/REGULAR $",
                        "m2 CHARGED UNSUPPORTED_CATEGORY AUTHENTICATION/REGULAR $"),
                // i1 is a reply to an ad: m1 opens the free entry point window [30:05, 102:05) (rule 3); m2 inside it
                // is free whatever its kind (rule 2), so nothing is charged or marked
                c("inside a free entry point window a utility template is free and not marked", UTC,
                        "30:00 i1 IN AD", "30:05 m1 TEXT", "30:10 m2 UTILITY",
                        "=>", "m1 OPENED_FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT",
                        "m2 FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT"),
                // a failed template is never charged (2.1): nothing to mark
                c("a failed utility template inside the window is neither charged nor marked", UTC,
                        "30:00 i1 IN", "30:10 m1 UTILITY FAILED",
                        "=>", "m1 FAILED_NOT_DELIVERED"),
                // without a delivery receipt it counts as delivered (2.5): charged, marked, and flagged
                c("a utility template without delivery receipt inside the window is charged, marked and flagged", UTC,
                        "30:00 i1 IN", "30:10 m1 UTILITY SENT",
                        "=>", "m1 CHARGED NO_DELIVERY_RECEIPT UTILITY/REGULAR $ W"),
                // the WABA's zone decides the date (SPEC 2.10: 2026-10-01 local). In São Paulo (UTC-3) 10-01 02:00Z
                // is 09-30 23:00 local: m1 at 26:00 is still under 2.9 (free); m2 at 27:10 (10-01 00:10 local) is
                // under 2.10 (charged, marked); in UTC both would be charged
                c("2026-10-01 starts at the WABA's local midnight", ZoneId.of("America/Sao_Paulo"),
                        "25:00 i1 IN", "26:00 m1 UTILITY", "27:10 m2 UTILITY",
                        "=>", "m1 FREE_CUSTOMER_SERVICE UTILITY/FREE_CUSTOMER_SERVICE", "m2 CHARGED UTILITY/REGULAR $ W"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inWindowUtility(String name, ZoneId zone, String[] script, String[] expectations) {
        List<ThreadMessage> thread = new ArrayList<>();
        for (String line : script) {
            Instant t = BASE.plus(ThreadScript.offset(line.trim().split("\\s+")[0]));
            thread.add(ThreadScript.messageUnder(BASE, PricingRegime.at(t, zone), line));
        }
        thread.sort(ReplayOrder.INSTANCE);
        ThreadScript.Replay replay = ThreadScript.replay(thread);
        for (String e : expectations) {
            String[] tok = e.trim().split("\\s+");
            Decision d = replay.get(tok[0]);
            List<Flag> flags = new ArrayList<>();
            String pricing = "-";
            boolean charged = false;
            boolean inWindow = false;
            for (int i = 2; i < tok.length; i++) {
                String t = tok[i];
                if (t.equals("$")) charged = true;
                else if (t.equals("W")) inWindow = true;
                else if (t.contains("/")) pricing = t;
                else flags.add(Flag.valueOf(t));
            }
            assertEquals(tok[1] + " " + flags, d.outcome() + " " + d.flags(), tok[0] + " outcome and flags");
            String actualPricing = d.pricingCategory() == null ? "-" : d.pricingCategory() + "/" + d.pricingType();
            assertEquals(pricing, actualPricing, tok[0] + " pricing category and type");
            assertEquals(charged, d.charged(), tok[0] + " charged");
            assertEquals(inWindow, d.inWindow(), tok[0] + " in-window utility");
        }
    }

    @Test
    void theRegimesSayWhichChargeIt() {
        assertFalse(PricingRegime.PMP_2025_07.utilityInWindowCharged());
        assertTrue(PricingRegime.PMP_2026_10.utilityInWindowCharged());
    }

    @Test
    void onlyAChargedUtilityTemplateIsMarked() {
        // a free utility template, a charged marketing template: marking either is a bug
        assertThrows(IllegalArgumentException.class, () -> new Decision(Outcome.FREE_CUSTOMER_SERVICE, List.of(), null,
                null, List.of(), PricingModel.PMP, Category.UTILITY, ConversationType.FREE_CUSTOMER_SERVICE, false,
                MonthPosition.NONE, true));
        assertThrows(IllegalArgumentException.class, () -> new Decision(Outcome.CHARGED, List.of(), null, null,
                List.of(), PricingModel.PMP, Category.MARKETING, ConversationType.REGULAR, true, MonthPosition.NONE,
                true));
        // the constructor without the mark leaves it false
        assertFalse(new Decision(Outcome.CHARGED, List.of(), null, null, List.of(), PricingModel.PMP,
                Category.UTILITY, ConversationType.REGULAR, true, MonthPosition.NONE).inWindow());
    }
}
