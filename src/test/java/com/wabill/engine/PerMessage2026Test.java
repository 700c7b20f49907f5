package com.wabill.engine;

import static com.wabill.engine.ThreadScript.PMP26_BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
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
 * SPEC 2.10, per-message pricing from 2026-10-01, one case at a time. Each case is a thread in {@link ThreadScript}
 * notation under the 2026 regime (a {@code PMP} modifier puts a message under the rules of 2.9), then {@code =>},
 * then expectations {@code "<id> <OUTCOME> [FLAG...] [CATEGORY/TYPE] [$] [#]"}: {@code $} the message is charged
 * whatever its month, {@code #} its month position decides (a service message of the phone number's free tier,
 * 2.10.5); absent, neither. An expectation without {@code CATEGORY/TYPE} expects none.
 */
@FastTest
class PerMessage2026Test {

    private static Arguments c(String name, String... scriptAndExpectations) {
        int arrow = Arrays.asList(scriptAndExpectations).indexOf("=>");
        return Arguments.of(name, Arrays.copyOfRange(scriptAndExpectations, 0, arrow),
                Arrays.copyOfRange(scriptAndExpectations, arrow + 1, scriptAndExpectations.length));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // 2.10.5: a non-template message inside the window is a service message; the month decides its charge
                c("a reply inside the window is a service message of the free tier",
                        "0:00 i1 IN", "0:05 m1 TEXT",
                        "=>", "i1 INBOUND", "m1 FREE_CUSTOMER_SERVICE SERVICE/FREE_CUSTOMER_SERVICE #"),
                c("under 2.9 the same reply is free for good",
                        "0:00 i1 IN PMP", "0:05 m1 TEXT PMP",
                        "=>", "m1 FREE_CUSTOMER_SERVICE SERVICE/FREE_CUSTOMER_SERVICE"),
                c("a reply without delivery receipt counts as delivered and is flagged",
                        "0:00 i1 IN", "0:05 m1 TEXT SENT",
                        "=>", "m1 FREE_CUSTOMER_SERVICE NO_DELIVERY_RECEIPT SERVICE/FREE_CUSTOMER_SERVICE #"),
                c("a failed reply is never a service message",
                        "0:00 i1 IN", "0:05 m1 TEXT FAILED", "=>", "m1 FAILED_NOT_DELIVERED"),
                c("2.10 keeps rule 1: a text outside the window is refused, not a service message",
                        "0:00 m1 TEXT", "0:10 i1 IN", "24:10 m2 TEXT",
                        "=>", "m1 OUTSIDE_SERVICE_WINDOW", "m2 OUTSIDE_SERVICE_WINDOW"),
                // 2.10.6: a utility template inside the window is charged like any utility template
                c("a utility template inside the window is charged",
                        "0:00 i1 IN", "0:10 m1 UTILITY", "=>", "m1 CHARGED UTILITY/REGULAR $"),
                c("under 2.9 the same template is free",
                        "0:00 i1 IN PMP", "0:10 m1 UTILITY PMP", "=>", "m1 FREE_CUSTOMER_SERVICE UTILITY/FREE_CUSTOMER_SERVICE"),
                c("the rules follow each message's own regime inside one window (local midnight between them)",
                        "0:00 i1 IN PMP", "0:10 m1 UTILITY PMP", "0:20 m2 UTILITY", "0:30 m3 TEXT PMP", "0:40 m4 TEXT",
                        "=>", "m1 FREE_CUSTOMER_SERVICE UTILITY/FREE_CUSTOMER_SERVICE", "m2 CHARGED UTILITY/REGULAR $",
                        "m3 FREE_CUSTOMER_SERVICE SERVICE/FREE_CUSTOMER_SERVICE",
                        "m4 FREE_CUSTOMER_SERVICE SERVICE/FREE_CUSTOMER_SERVICE #"),
                // 2.10.7: other templates as 2.9.7, inside the window or not
                c("marketing and authentication inside the window are charged as ever",
                        "0:00 i1 IN", "0:10 m1 MARKETING", "0:20 m2 AUTHENTICATION",
                        "=>", "m1 CHARGED MARKETING/REGULAR $", "m2 CHARGED UNSUPPORTED_CATEGORY AUTHENTICATION/REGULAR $"),
                c("a utility template outside the window is charged",
                        "0:00 m1 UTILITY", "=>", "m1 CHARGED UTILITY/REGULAR $"),
                // rules 2 and 3 unchanged: everything in a free entry point window is free, service included
                c("the reply to an ad opens a free entry point window [0:05, 72:05); what follows in it is free and not counted",
                        "0:00 i1 IN AD", "0:05 m1 TEXT", "0:10 m2 TEXT", "0:20 m3 UTILITY", "30:00 m4 MARKETING",
                        "72:04 m5 UTILITY SENT", "72:05 m6 UTILITY",
                        "=>", "m1 OPENED_FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT @conv-m1",
                        "m2 FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT @conv-m1",
                        "m3 FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT",
                        "m4 FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT",
                        "m5 FREE_ENTRY_POINT NO_DELIVERY_RECEIPT REFERRAL_CONVERSION/FREE_ENTRY_POINT",
                        "m6 CHARGED UTILITY/REGULAR $"),
                c("rule 1 still comes first: a text in the free entry point window after the service window is refused",
                        "0:00 i1 IN AD", "0:05 m1 TEXT", "24:00 m2 TEXT",
                        "=>", "m1 OPENED_FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT", "m2 OUTSIDE_SERVICE_WINDOW"),
                c("after the free entry point window, a reply in a new service window is a service message again",
                        "0:00 i1 IN AD", "0:05 m1 TEXT", "72:05 i2 IN", "72:10 m2 TEXT", "72:20 m3 UTILITY",
                        "=>", "m1 OPENED_FREE_ENTRY_POINT REFERRAL_CONVERSION/FREE_ENTRY_POINT",
                        "m2 FREE_CUSTOMER_SERVICE SERVICE/FREE_CUSTOMER_SERVICE #", "m3 CHARGED UTILITY/REGULAR $"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void perMessageRulesOf2026(String name, String[] script, String[] expectations) {
        List<ThreadMessage> thread = new ArrayList<>(ThreadScript.under(PMP26_BASE, PricingRegime.PMP_2026_10, script));
        thread.sort(ReplayOrder.INSTANCE);
        ThreadScript.Replay replay = ThreadScript.replay(thread);
        for (String e : expectations) {
            String[] tok = e.trim().split("\\s+");
            Decision d = replay.get(tok[0]);
            List<Flag> flags = new ArrayList<>();
            String pricing = "-";
            boolean charged = false;
            boolean byMonth = false;
            String conversation = null;
            for (int i = 2; i < tok.length; i++) {
                String t = tok[i];
                if (t.equals("$")) charged = true;
                else if (t.equals("#")) byMonth = true;
                else if (t.startsWith("@")) conversation = t.substring(1);
                else if (t.contains("/")) pricing = t;
                else flags.add(Flag.valueOf(t));
            }
            assertEquals(tok[1] + " " + flags, d.outcome() + " " + d.flags(), tok[0] + " outcome and flags");
            String actualPricing = d.pricingCategory() == null ? "-" : d.pricingCategory() + "/" + d.pricingType();
            assertEquals(pricing, actualPricing, tok[0] + " pricing category and type");
            assertEquals(charged, d.charged(), tok[0] + " charged whatever its month");
            assertEquals(byMonth ? MonthPosition.SERVICE_MESSAGE_FREE_TIER : MonthPosition.NONE, d.monthPosition(),
                    tok[0] + " month position");
            if (conversation != null) assertEquals(conversation, d.conversationId(), tok[0] + " conversation");
        }
    }

    @Test
    void rule4StillCarriesATemplateIntoAnOpenCbpConversation() {
        // a CBP utility conversation still open (as one opened before the switch would be): rules 1-4 are unchanged
        Instant t = PMP26_BASE;
        Conversation open = new Conversation("conv-c1", Category.UTILITY, ConversationType.REGULAR, t.minusSeconds(3600),
                t.plusSeconds(3600), "c1", PricingModel.CBP);
        ThreadState state = ThreadState.of(t.plusSeconds(7200), null, List.of(open), null, 0);
        Decision d = ChargingEngine.decide(state, ThreadScript.messageUnder(t, PricingRegime.PMP_2026_10, "0:00 m1 UTILITY"));
        assertEquals(Outcome.IN_OPEN_CONVERSATION, d.outcome());
        assertEquals(PricingModel.CBP, d.pricingModel());
        assertEquals("conv-c1", d.conversationId());
        assertEquals(MonthPosition.NONE, d.monthPosition());
        // a text inside the window is a per-message service message even while that conversation is open
        Decision text = ChargingEngine.decide(state, ThreadScript.messageUnder(t, PricingRegime.PMP_2026_10, "0:00 m2 TEXT"));
        assertEquals(MonthPosition.SERVICE_MESSAGE_FREE_TIER, text.monthPosition());
    }

    @Test
    void aChargedDecisionHasNothingLeftForTheMonth() {
        assertThrows(IllegalArgumentException.class, () -> new Decision(Outcome.CHARGED, List.of(), null, null, List.of(),
                PricingModel.PMP, Category.SERVICE, ConversationType.REGULAR, true, MonthPosition.SERVICE_MESSAGE_FREE_TIER));
    }
}
