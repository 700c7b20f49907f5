package com.wabill.engine;

import static com.wabill.engine.ThreadScript.CBP_BASE;
import static com.wabill.engine.ThreadScript.PMP_BASE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.testsupport.FastTest;

/**
 * The charging rules one case at a time. The tables use {@link ThreadScript}: each case is a thread
 * (sorted into replay order first, so that same-instant cases test {@link ReplayOrder} too), then
 * {@code =>}, then expectations {@code "<id> <OUTCOME> [FLAG...] [@conv-id | @-]"} where {@code @-}
 * means no conversation.
 */
@FastTest
class ChargingEngineTest {

    private static Arguments c(String name, String... scriptAndExpectations) {
        int arrow = Arrays.asList(scriptAndExpectations).indexOf("=>");
        if (arrow < 0) throw new IllegalArgumentException("no => in " + name);
        return Arguments.of(name, Arrays.copyOfRange(scriptAndExpectations, 0, arrow),
                Arrays.copyOfRange(scriptAndExpectations, arrow + 1, scriptAndExpectations.length));
    }

    private static void run(Instant base, PricingModel model, String[] script, String[] expectations) {
        List<ThreadMessage> thread = new ArrayList<>(ThreadScript.parse(base, model, script));
        thread.sort(ReplayOrder.INSTANCE);
        ThreadScript.Replay replay = ThreadScript.replay(thread);
        for (String e : expectations) {
            String[] tok = e.trim().split("\\s+");
            Decision d = replay.get(tok[0]);
            List<Flag> flags = new ArrayList<>();
            String conversation = null;
            for (int i = 2; i < tok.length; i++) {
                if (tok[i].startsWith("@")) conversation = tok[i].substring(1);
                else flags.add(Flag.valueOf(tok[i]));
            }
            String expectedConversation = conversation;
            assertEquals(tok[1] + " " + flags, d.outcome() + " " + d.flags(), tok[0] + " outcome and flags");
            if (expectedConversation != null) {
                assertEquals(expectedConversation.equals("-") ? null : expectedConversation, d.conversationId(),
                        tok[0] + " conversation");
            }
        }
    }

    // ---------------------------------------------------------------- CBP, SPEC 2.1-2.5

    static Stream<Arguments> conversationBased() {
        return Stream.of(
                // 2.1 delivery
                c("failed template opens nothing; the next one opens the conversation",
                        "0:00 m1 MARKETING FAILED", "0:10 m2 MARKETING",
                        "=>", "m1 FAILED_NOT_DELIVERED @-", "m2 OPENED_CONVERSATION @conv-m2"),
                c("FAILED wins over a delivered_at",
                        "0:00 m1 MARKETING FAILED DLV", "=>", "m1 FAILED_NOT_DELIVERED @-"),
                c("a failed text outside the window is a failure, not a refusal",
                        "0:00 m1 TEXT FAILED", "=>", "m1 FAILED_NOT_DELIVERED"),
                c("a failed authentication template is still flagged",
                        "0:00 m1 AUTHENTICATION FAILED", "=>", "m1 FAILED_NOT_DELIVERED UNSUPPORTED_CATEGORY"),
                c("a failed message does not use up the entry point offer",
                        "0:00 m1 IN AD", "1:00 m2 TEXT FAILED", "2:00 m3 TEXT",
                        "=>", "m2 FAILED_NOT_DELIVERED", "m3 OPENED_FREE_ENTRY_POINT @conv-m3"),
                c("a failed marketing template does not count toward the frequency cap",
                        "0:00 m1 MARKETING", "1:00 m2 MARKETING FAILED", "2:00 m3 MARKETING", "3:00 m4 MARKETING",
                        "=>", "m3 IN_OPEN_CONVERSATION", "m4 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK"),
                c("SENT without delivered_at counts as delivered and is flagged",
                        "0:00 m1 UTILITY SENT", "=>", "m1 OPENED_CONVERSATION NO_DELIVERY_RECEIPT @conv-m1"),
                c("SENT with a delivered_at is not flagged",
                        "0:00 m1 UTILITY SENT DLV", "=>", "m1 OPENED_CONVERSATION"),
                c("READ without delivered_at is delivered and not flagged",
                        "0:00 m1 UTILITY READ", "=>", "m1 OPENED_CONVERSATION"),
                c("an unreceipted text outside the window is refused and flagged",
                        "0:00 m1 TEXT SENT", "=>", "m1 OUTSIDE_SERVICE_WINDOW NO_DELIVERY_RECEIPT @-"),

                // 2.1 order, 2.3 inbound, window edges
                c("at one instant inbound comes before outbound, whatever the ids",
                        "1:00 a1 TEXT", "1:00 z9 IN", "=>", "z9 INBOUND @-", "a1 OPENED_CONVERSATION @conv-a1"),
                c("at one instant and direction, plain string order: m10 before m9",
                        "1:00 m9 MARKETING", "1:00 m10 MARKETING",
                        "=>", "m10 OPENED_CONVERSATION", "m9 IN_OPEN_CONVERSATION @conv-m10"),
                c("the service window is open one nanosecond before its end",
                        "0:00 m1 IN", "23:59:59.999999999 m2 TEXT", "=>", "m2 OPENED_CONVERSATION"),
                c("the service window is closed exactly at its end",
                        "0:00 m1 IN", "24:00 m2 TEXT", "=>", "m2 OUTSIDE_SERVICE_WINDOW @-"),
                c("a later inbound message extends the service window",
                        "0:00 m1 IN", "10:00 m2 IN", "33:59 m3 TEXT", "=>", "m3 OPENED_CONVERSATION"),
                c("a text with no inbound message ever is refused",
                        "0:00 m1 MARKETING", "1:00 m2 TEXT", "=>", "m2 OUTSIDE_SERVICE_WINDOW @-"),
                c("the offer is open just before its end",
                        "0:00 m1 IN AD", "23:59:59.999 m2 MARKETING", "=>", "m2 OPENED_FREE_ENTRY_POINT"),
                c("the offer is closed exactly at its end",
                        "0:00 m1 IN AD", "24:00 m2 MARKETING", "=>", "m2 OPENED_CONVERSATION @conv-m2"),
                c("a POST referral opens the offer like an ad",
                        "0:00 m1 IN POST", "0:01 m2 TEXT", "=>", "m2 OPENED_FREE_ENTRY_POINT @conv-m2"),
                c("an inbound message without referral opens no offer",
                        "0:00 m1 IN", "1:00 m2 MARKETING", "=>", "m2 OPENED_CONVERSATION"),
                c("a second ad extends the offer",
                        "0:00 m1 IN AD", "10:00 m2 IN AD", "30:00 m3 UTILITY", "=>", "m3 OPENED_FREE_ENTRY_POINT"),
                c("a plain inbound message does not extend the offer",
                        "0:00 m1 IN AD", "10:00 m2 IN", "24:00 m3 UTILITY", "=>", "m3 OPENED_CONVERSATION"),
                c("an ad while a free entry point conversation is open opens no offer",
                        "0:00 m1 IN AD", "1:00 m2 UTILITY", "60:00 m3 IN AD", "73:00 m4 MARKETING",
                        "=>", "m2 OPENED_FREE_ENTRY_POINT", "m4 OPENED_CONVERSATION @conv-m4"),
                c("an ad exactly when the free entry point conversation ends opens an offer",
                        "0:00 m1 IN AD", "1:00 m2 UTILITY", "73:00 m3 IN AD", "74:00 m4 MARKETING",
                        "=>", "m4 OPENED_FREE_ENTRY_POINT @conv-m4"),
                c("the offer is used up by the free entry point conversation",
                        "0:00 m1 IN AD", "1:00 m2 UTILITY", "73:00 m3 UTILITY", "=>", "m3 OPENED_CONVERSATION"),

                // 2.4.2, 2.4.3 free entry point
                c("every message inside a free entry point conversation is free and attached to it",
                        "0:00 m1 IN AD", "1:00 m2 TEXT", "2:00 m3 MARKETING", "3:00 m4 UTILITY", "4:00 m5 TEXT",
                        "5:00 m6 AUTHENTICATION",
                        "=>", "m2 OPENED_FREE_ENTRY_POINT @conv-m2", "m3 FREE_ENTRY_POINT @conv-m2",
                        "m4 FREE_ENTRY_POINT @conv-m2", "m5 FREE_ENTRY_POINT @conv-m2",
                        "m6 FREE_ENTRY_POINT UNSUPPORTED_CATEGORY @conv-m2"),
                c("a free entry point conversation is open just before 72 hours",
                        "0:00 m1 IN AD", "1:00 m2 TEXT", "72:59:59.999 m3 MARKETING", "=>", "m3 FREE_ENTRY_POINT"),
                c("a free entry point conversation is closed exactly at 72 hours",
                        "0:00 m1 IN AD", "1:00 m2 TEXT", "73:00 m3 MARKETING", "=>", "m3 OPENED_CONVERSATION"),
                c("a text after the service window is refused even inside a free entry point conversation",
                        "0:00 m1 IN AD", "1:00 m2 UTILITY", "24:00 m3 TEXT", "=>", "m3 OUTSIDE_SERVICE_WINDOW @-"),
                c("marketing templates inside a free entry point conversation carry no frequency flag",
                        "0:00 m1 IN AD", "1:00 m2 MARKETING", "2:00 m3 MARKETING", "3:00 m4 MARKETING",
                        "=>", "m4 FREE_ENTRY_POINT"),
                c("conversations closed by a free entry point conversation stay closed after it",
                        "0:00 m1 MARKETING", "1:00 m2 IN AD", "2:00 m3 TEXT", "75:00 m4 IN", "75:30 m5 TEXT",
                        "=>", "m3 OPENED_FREE_ENTRY_POINT", "m5 OPENED_CONVERSATION @conv-m5"),

                // 2.4.4 templates
                c("a template of another category never covers a template",
                        "0:00 m1 MARKETING", "1:00 m2 UTILITY", "2:00 m3 AUTHENTICATION",
                        "=>", "m2 OPENED_CONVERSATION", "m3 OPENED_CONVERSATION UNSUPPORTED_CATEGORY"),
                c("a service conversation does not cover a template",
                        "0:00 m1 IN", "0:10 m2 TEXT", "1:00 m3 UTILITY",
                        "=>", "m2 OPENED_CONVERSATION", "m3 OPENED_CONVERSATION @conv-m3"),
                c("a conversation is open one nanosecond before 24 hours",
                        "0:00 m1 MARKETING", "23:59:59.999999999 m2 MARKETING", "=>", "m2 IN_OPEN_CONVERSATION @conv-m1"),
                c("a conversation is closed exactly at 24 hours",
                        "0:00 m1 MARKETING", "24:00 m2 MARKETING", "=>", "m2 OPENED_CONVERSATION @conv-m2"),
                c("authentication is charged as Meta would, and flagged",
                        "0:00 m1 AUTHENTICATION", "1:00 m2 AUTHENTICATION SENT",
                        "=>", "m1 OPENED_CONVERSATION UNSUPPORTED_CATEGORY",
                        "m2 IN_OPEN_CONVERSATION NO_DELIVERY_RECEIPT UNSUPPORTED_CATEGORY @conv-m1"),

                // 2.4.5 free-form attachment
                c("free-form joins the service conversation even when another opened later",
                        "0:00 m1 IN", "0:10 m2 TEXT", "1:00 m3 MARKETING", "2:00 m4 TEXT",
                        "=>", "m4 IN_OPEN_CONVERSATION @conv-m2"),
                c("free-form joins the most recently opened conversation",
                        "0:00 m1 IN", "1:00 m2 MARKETING", "2:00 m3 UTILITY", "3:00 m4 TEXT",
                        "=>", "m4 IN_OPEN_CONVERSATION @conv-m3"),
                c("at equal opening times, the later in replay order",
                        "0:00 m1 IN", "1:00 m9 MARKETING", "1:00 m10 UTILITY", "2:00 m11 TEXT",
                        "=>", "m11 IN_OPEN_CONVERSATION @conv-m9"),
                c("an ended service conversation is passed over for an open one",
                        "0:00 m1 IN", "0:30 m2 TEXT", "1:00 m3 MARKETING", "20:00 m4 IN", "24:30 m5 TEXT",
                        "=>", "m5 IN_OPEN_CONVERSATION @conv-m3"),
                c("free-form with nothing open opens a service conversation",
                        "0:00 m1 IN", "1:00 m2 TEXT", "2:00 m3 TEXT",
                        "=>", "m2 OPENED_CONVERSATION @conv-m2", "m3 IN_OPEN_CONVERSATION @conv-m2"),

                // 2.5 frequency cap
                c("the third marketing template in an open marketing conversation is at risk",
                        "0:00 m1 MARKETING", "1:00 m2 MARKETING", "2:00 m3 MARKETING", "3:00 m4 MARKETING",
                        "=>", "m2 IN_OPEN_CONVERSATION", "m3 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK",
                        "m4 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK"),
                c("an inbound message resets the marketing count",
                        "0:00 m1 MARKETING", "1:00 m2 MARKETING", "2:00 m3 IN", "3:00 m4 MARKETING",
                        "4:00 m5 MARKETING", "5:00 m6 MARKETING",
                        "=>", "m4 IN_OPEN_CONVERSATION", "m5 IN_OPEN_CONVERSATION",
                        "m6 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK"),
                c("a new marketing conversation starts the count at one",
                        "0:00 m1 MARKETING", "1:00 m2 MARKETING", "2:00 m3 MARKETING", "24:00 m4 MARKETING",
                        "25:00 m5 MARKETING", "26:00 m6 MARKETING",
                        "=>", "m4 OPENED_CONVERSATION", "m5 IN_OPEN_CONVERSATION",
                        "m6 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK"),
                c("utility templates and free-form messages do not count",
                        "0:00 m0 IN", "1:00 m1 MARKETING", "2:00 m2 UTILITY", "3:00 m3 TEXT", "4:00 m4 UTILITY",
                        "5:00 m5 MARKETING",
                        "=>", "m3 IN_OPEN_CONVERSATION @conv-m2", "m5 IN_OPEN_CONVERSATION @conv-m1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversationBased")
    void conversationBasedRules(String name, String[] script, String[] expectations) {
        run(CBP_BASE, PricingModel.CBP, script, expectations);
    }

    // ---------------------------------------------------------------- PMP, SPEC 2.9

    static Stream<Arguments> perMessage() {
        return Stream.of(
                c("rule 1: free-form outside the window is refused",
                        "0:00 p1 TEXT", "=>", "p1 OUTSIDE_SERVICE_WINDOW @-"),
                c("rule 7: templates without a window are charged",
                        "0:00 p1 MARKETING", "1:00 p2 UTILITY", "2:00 p3 AUTHENTICATION",
                        "=>", "p1 CHARGED @-", "p2 CHARGED", "p3 CHARGED UNSUPPORTED_CATEGORY"),
                c("rule 7: marketing and authentication are charged inside the window too",
                        "0:00 p0 IN", "1:00 p1 MARKETING", "2:00 p2 AUTHENTICATION",
                        "=>", "p1 CHARGED", "p2 CHARGED UNSUPPORTED_CATEGORY"),
                c("rule 7: no frequency flag under per-message pricing",
                        "0:00 p1 MARKETING", "1:00 p2 MARKETING", "2:00 p3 MARKETING", "=>", "p3 CHARGED"),
                c("rule 6: a utility template inside the window is free",
                        "0:00 p0 IN", "23:59:59.999 p1 UTILITY", "=>", "p1 FREE_CUSTOMER_SERVICE @-"),
                c("rule 6: exactly at the window's end a utility template is charged",
                        "0:00 p0 IN", "24:00 p1 UTILITY", "=>", "p1 CHARGED"),
                c("rule 5: free-form inside the window is free",
                        "0:00 p0 IN", "1:00 p1 TEXT", "2:00 p2 TEXT",
                        "=>", "p1 FREE_CUSTOMER_SERVICE @-", "p2 FREE_CUSTOMER_SERVICE"),
                c("delivery: failed is not charged, unreceipted is charged and flagged",
                        "0:00 p1 UTILITY FAILED", "1:00 p2 UTILITY SENT",
                        "=>", "p1 FAILED_NOT_DELIVERED", "p2 CHARGED NO_DELIVERY_RECEIPT"),
                c("rule 3: the offer and an outbound message open a free entry point window",
                        "0:00 p0 IN AD", "1:00 p1 MARKETING", "=>", "p1 OPENED_FREE_ENTRY_POINT @conv-p1"),
                c("rule 3: a text can open the window",
                        "0:00 p0 IN POST", "1:00 p1 TEXT", "=>", "p1 OPENED_FREE_ENTRY_POINT @conv-p1"),
                c("rule 3: the offer is closed exactly at its end",
                        "0:00 p0 IN AD", "24:00 p1 MARKETING", "=>", "p1 CHARGED"),
                c("rule 2: everything in the window is free and attached to it",
                        "0:00 p0 IN AD", "1:00 p1 TEXT", "2:00 p2 MARKETING", "3:00 p3 UTILITY", "4:00 p4 TEXT",
                        "=>", "p2 FREE_ENTRY_POINT @conv-p1", "p3 FREE_ENTRY_POINT @conv-p1",
                        "p4 FREE_ENTRY_POINT @conv-p1"),
                c("rule 1 before rule 2: a text after the service window is refused in the window",
                        "0:00 p0 IN AD", "1:00 p1 UTILITY", "24:00 p2 TEXT", "=>", "p2 OUTSIDE_SERVICE_WINDOW @-"),
                c("rule 2: the window is open just before 72 hours and closed at 72 hours",
                        "0:00 p0 IN AD", "1:00 p1 UTILITY", "72:59:59.999999999 p2 MARKETING", "73:00 p3 MARKETING",
                        "=>", "p2 FREE_ENTRY_POINT", "p3 CHARGED"),
                c("an ad inside the window opens no offer",
                        "0:00 p0 IN AD", "1:00 p1 UTILITY", "60:00 p2 IN AD", "73:00 p3 UTILITY",
                        "=>", "p3 FREE_CUSTOMER_SERVICE"),
                c("the offer is used up by the window",
                        "0:00 p0 IN AD", "1:00 p1 UTILITY", "10:00 p2 IN", "73:00 p3 MARKETING",
                        "=>", "p3 CHARGED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perMessage")
    void perMessageRules(String name, String[] script, String[] expectations) {
        run(PMP_BASE, PricingModel.PMP, script, expectations);
    }

    // ---------------------------------------------------------------- the switch, SPEC 2.9.4

    static Stream<Arguments> switchOver() {
        return Stream.of(
                c("rule 4: a CBP conversation of the template's category covers it after the switch",
                        "0:00 u1 UTILITY CBP", "10:00 u2 UTILITY PMP", "23:59:59.999 u3 UTILITY PMP",
                        "24:00 u4 UTILITY PMP",
                        "=>", "u2 IN_OPEN_CONVERSATION @conv-u1", "u3 IN_OPEN_CONVERSATION @conv-u1",
                        "u4 CHARGED @-"),
                c("rule 4: the frequency cap still applies in a CBP marketing conversation",
                        "0:00 k1 MARKETING CBP", "1:00 k2 MARKETING PMP", "2:00 k3 MARKETING PMP",
                        "3:00 k4 IN PMP", "4:00 k5 MARKETING PMP",
                        "=>", "k2 IN_OPEN_CONVERSATION", "k3 IN_OPEN_CONVERSATION FREQUENCY_CAP_RISK",
                        "k5 IN_OPEN_CONVERSATION"),
                c("rule 4 covers templates only: free-form is free customer service, not CBP",
                        "0:00 s0 IN CBP", "0:10 s1 TEXT CBP", "1:00 s2 TEXT PMP",
                        "=>", "s1 OPENED_CONVERSATION", "s2 FREE_CUSTOMER_SERVICE @-"),
                c("rule 4 covers its own category only",
                        "0:00 u1 UTILITY CBP", "1:00 m1 MARKETING PMP", "=>", "m1 CHARGED @-"),
                c("rule 4 covers templates outside the service window too",
                        "0:00 i1 IN CBP", "0:30 u1 UTILITY CBP", "24:10 u2 UTILITY PMP",
                        "=>", "u2 IN_OPEN_CONVERSATION @conv-u1"),
                c("no new CBP conversation opens under PMP",
                        "0:00 u1 UTILITY PMP", "1:00 u2 UTILITY PMP", "=>", "u1 CHARGED", "u2 CHARGED"),
                c("rule 2 before rule 4: a PMP window takes templates a CBP conversation would cover",
                        "0:00 u1 UTILITY CBP", "1:00 i1 IN AD PMP", "2:00 t1 TEXT PMP", "3:00 u2 UTILITY PMP",
                        "=>", "t1 OPENED_FREE_ENTRY_POINT @conv-t1", "u2 FREE_ENTRY_POINT @conv-t1"),
                c("a CBP free entry point conversation runs on after the switch",
                        "0:00 a1 IN AD CBP", "1:00 f1 TEXT CBP", "30:00 g1 MARKETING PMP", "72:59 g2 UTILITY PMP",
                        "73:00 g3 UTILITY PMP",
                        "=>", "g1 FREE_ENTRY_POINT @conv-f1", "g2 FREE_ENTRY_POINT @conv-f1", "g3 CHARGED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switchOver")
    void switchOverRules(String name, String[] script, String[] expectations) {
        run(Instant.parse("2025-06-30T00:00:00Z"), null, script, expectations);
    }

    // ---------------------------------------------------------------- decisions in detail

    @Nested
    class DecisionDetails {

        @Test
        void openedConversationCarriesEverythingTheLedgerStores() {
            ThreadMessage m = ThreadScript.message(CBP_BASE, PricingModel.CBP, "1:30 m1 UTILITY");
            Decision d = ChargingEngine.decide(ThreadState.EMPTY, m);
            Conversation c = d.opened();
            assertAll(
                    () -> assertEquals(new Conversation("conv-m1", Category.UTILITY, ConversationType.REGULAR,
                            m.eventTime(), m.eventTime().plus(ChargingEngine.DAY), "m1", PricingModel.CBP), c),
                    () -> assertEquals("conv-m1", d.conversationId()),
                    () -> assertEquals(PricingModel.CBP, d.pricingModel()),
                    () -> assertNull(d.pricingCategory(), "CBP charges sit on the conversation"),
                    () -> assertNull(d.pricingType()),
                    () -> assertFalse(d.charged()),
                    () -> assertEquals(List.of(), d.closedEarly()));
        }

        @Test
        void serviceConversationOpensAsRegularForRatingToPrice() {
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, PricingModel.CBP, "0:00 m1 IN", "0:05 m2 TEXT");
            Conversation c = ThreadScript.replay(t).get("m2").opened();
            assertEquals(Category.SERVICE, c.category());
            assertEquals(ConversationType.REGULAR, c.type());
        }

        @Test
        void freeEntryPointConversationClosesEveryOtherAtItsOpening() {
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, PricingModel.CBP,
                    "0:00 m1 IN", "0:10 m2 TEXT", "1:00 m3 MARKETING", "2:00 m4 UTILITY", "3:00 m5 IN AD",
                    "4:00 m6 MARKETING");
            ThreadScript.Replay r = ThreadScript.replay(t);
            Decision d = r.get("m6");
            Instant at = CBP_BASE.plusSeconds(4 * 3600);
            assertEquals(Outcome.OPENED_FREE_ENTRY_POINT, d.outcome());
            // in opening order, each closed at the free entry point's own instant
            assertEquals(List.of(new Decision.ClosedEarly("conv-m2", at), new Decision.ClosedEarly("conv-m3", at),
                    new Decision.ClosedEarly("conv-m4", at)), d.closedEarly());
            assertEquals(new Conversation("conv-m6", Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT,
                    at, at.plus(ChargingEngine.FREE_ENTRY_POINT_LENGTH), "m6", PricingModel.CBP), d.opened());
            assertEquals(List.of(), r.state().openConversations());
            assertEquals(d.opened(), r.state().freeEntryPoint());
            assertNull(r.state().entryPointOfferEnd(), "the offer is used up");
        }

        @Test
        void freeEntryPointClosesOnlyWhatIsStillOpen() {
            // the marketing conversation ended exactly when the free entry point opens: nothing to close
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, PricingModel.CBP,
                    "0:00 m1 MARKETING", "23:00 m2 IN AD", "24:00 m3 TEXT");
            Decision d = ThreadScript.replay(t).get("m3");
            assertEquals(Outcome.OPENED_FREE_ENTRY_POINT, d.outcome());
            assertEquals(List.of(), d.closedEarly());
        }

        @Test
        void perMessagePricingCategoriesAndTypes() {
            List<ThreadMessage> t = ThreadScript.parse(PMP_BASE, PricingModel.PMP,
                    "0:00 a1 MARKETING", "1:00 a2 IN", "2:00 a3 TEXT", "3:00 a4 UTILITY", "4:00 a5 AUTHENTICATION",
                    "30:00 a6 UTILITY", "31:00 b1 IN AD", "32:00 b2 TEXT", "33:00 b3 MARKETING",
                    "34:00 b4 UTILITY FAILED", "200:00 b5 TEXT");
            ThreadScript.Replay r = ThreadScript.replay(t);
            assertAll(
                    () -> assertPricing(r.get("a1"), Outcome.CHARGED, Category.MARKETING, ConversationType.REGULAR, true),
                    () -> assertPricing(r.get("a2"), Outcome.INBOUND, null, null, false),
                    () -> assertPricing(r.get("a3"), Outcome.FREE_CUSTOMER_SERVICE, Category.SERVICE,
                            ConversationType.FREE_CUSTOMER_SERVICE, false),
                    () -> assertPricing(r.get("a4"), Outcome.FREE_CUSTOMER_SERVICE, Category.UTILITY,
                            ConversationType.FREE_CUSTOMER_SERVICE, false),
                    () -> assertPricing(r.get("a5"), Outcome.CHARGED, Category.AUTHENTICATION,
                            ConversationType.REGULAR, true),
                    () -> assertPricing(r.get("a6"), Outcome.CHARGED, Category.UTILITY, ConversationType.REGULAR, true),
                    () -> assertPricing(r.get("b2"), Outcome.OPENED_FREE_ENTRY_POINT, Category.REFERRAL_CONVERSION,
                            ConversationType.FREE_ENTRY_POINT, false),
                    () -> assertPricing(r.get("b3"), Outcome.FREE_ENTRY_POINT, Category.REFERRAL_CONVERSION,
                            ConversationType.FREE_ENTRY_POINT, false),
                    () -> assertPricing(r.get("b4"), Outcome.FAILED_NOT_DELIVERED, null, null, false),
                    () -> assertPricing(r.get("b5"), Outcome.OUTSIDE_SERVICE_WINDOW, null, null, false));
            Conversation window = r.get("b2").opened();
            assertEquals(PricingModel.PMP, window.model());
            assertEquals(Category.REFERRAL_CONVERSION, window.category());
            assertEquals(ConversationType.FREE_ENTRY_POINT, window.type());
            assertEquals(window.openedAt().plus(ChargingEngine.FREE_ENTRY_POINT_LENGTH), window.scheduledEnd());
        }

        private void assertPricing(Decision d, Outcome outcome, Category category, ConversationType type,
                                   boolean charged) {
            assertEquals(outcome, d.outcome());
            assertEquals(PricingModel.PMP, d.pricingModel());
            assertEquals(category, d.pricingCategory(), "pricing category of " + outcome);
            assertEquals(type, d.pricingType(), "pricing type of " + outcome);
            assertEquals(charged, d.charged(), "charged " + outcome);
        }

        @Test
        void templateInCbpConversationAfterSwitchIsPricedUnderCbp() {
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, null, "0:00 u1 UTILITY CBP", "1:00 u2 UTILITY PMP",
                    "2:00 a1 IN AD CBP");
            Decision d = ThreadScript.replay(t).get("u2");
            assertEquals(PricingModel.CBP, d.pricingModel());
            assertNull(d.pricingCategory());
            assertNull(d.pricingType());
            assertFalse(d.charged());
        }

        @Test
        void pmpWindowLeavesCbpConversationsOpen() {
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, null,
                    "0:00 u1 UTILITY CBP", "0:30 m1 MARKETING CBP", "1:00 i1 IN AD PMP", "2:00 t1 TEXT PMP");
            ThreadScript.Replay r = ThreadScript.replay(t);
            Decision d = r.get("t1");
            assertEquals(Outcome.OPENED_FREE_ENTRY_POINT, d.outcome());
            assertEquals(List.of(), d.closedEarly(), "SPEC 2.9.4: they run to their scheduled end");
            assertEquals(List.of("conv-u1", "conv-m1"),
                    r.state().openConversations().stream().map(Conversation::conversationId).toList());
        }

        @Test
        void flagsAreSortedAndWrittenWithSemicolons() {
            Decision d = ChargingEngine.decide(ThreadState.EMPTY,
                    ThreadScript.message(CBP_BASE, PricingModel.CBP, "0:00 m1 AUTHENTICATION SENT"));
            assertEquals(List.of(Flag.NO_DELIVERY_RECEIPT, Flag.UNSUPPORTED_CATEGORY), d.flags());
            assertEquals("NO_DELIVERY_RECEIPT;UNSUPPORTED_CATEGORY", d.flagsText());
            assertEquals("", ChargingEngine.decide(ThreadState.EMPTY,
                    ThreadScript.message(CBP_BASE, PricingModel.CBP, "0:00 m1 UTILITY")).flagsText());
        }

        @Test
        void flagEnumIsDeclaredAlphabetically() {
            // decisions rely on declaration order being the written (alphabetical) order
            List<String> names = Arrays.stream(Flag.values()).map(Flag::name).toList();
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            assertEquals(sorted, names);
        }

        @Test
        void inboundHasNoConversationAndIsNeverCharged() {
            Decision d = ChargingEngine.decide(ThreadState.EMPTY,
                    ThreadScript.message(PMP_BASE, PricingModel.PMP, "0:00 i1 IN AD"));
            assertEquals(Outcome.INBOUND, d.outcome());
            assertNull(d.conversationId());
            assertNull(d.opened());
            assertFalse(d.charged());
            assertEquals(PricingModel.PMP, d.pricingModel());
        }

        @Test
        void templateWithoutCategoryIsRefusedLoudly() {
            ThreadMessage m = new ThreadMessage("m1", Direction.OUTBOUND, CBP_BASE, true, null, false,
                    DeliveryStatus.DELIVERED, false, PricingModel.CBP);
            assertThrows(IllegalArgumentException.class, () -> ChargingEngine.decide(ThreadState.EMPTY, m));
            ThreadMessage service = new ThreadMessage("m2", Direction.OUTBOUND, CBP_BASE, true, Category.SERVICE,
                    false, DeliveryStatus.DELIVERED, false, PricingModel.CBP);
            assertThrows(IllegalArgumentException.class, () -> ChargingEngine.decide(ThreadState.EMPTY, service));
        }

        @Test
        void messageWithoutRegimeIsRefusedLoudly() {
            ThreadMessage m = new ThreadMessage("m1", Direction.OUTBOUND, CBP_BASE, true, Category.UTILITY, false,
                    DeliveryStatus.DELIVERED, false, (PricingRegime) null);
            assertThrows(NullPointerException.class, () -> ChargingEngine.decide(ThreadState.EMPTY, m));
        }

        @Test
        void stepIsDecideThenEvolve() {
            List<ThreadMessage> t = ThreadScript.parse(CBP_BASE, PricingModel.CBP,
                    "0:00 m1 IN AD", "1:00 m2 MARKETING", "2:00 m3 TEXT", "80:00 m4 UTILITY");
            ThreadState s = ThreadState.EMPTY;
            for (ThreadMessage m : t) {
                ChargingEngine.Step step = ChargingEngine.step(s, m);
                Decision d = ChargingEngine.decide(s, m);
                assertEquals(d, step.decision());
                assertEquals(ChargingEngine.evolve(s, m, d), step.state());
                s = step.state();
            }
        }
    }

    // ---------------------------------------------------------------- state changes

    @Nested
    class StateChanges {

        private ThreadState after(PricingModel model, String... script) {
            return ThreadScript.replay(ThreadScript.parse(CBP_BASE, model, script)).state();
        }

        @Test
        void inboundOpensWindowAndOffer() {
            ThreadState s = after(PricingModel.CBP, "1:00 m1 IN AD");
            Instant end = CBP_BASE.plusSeconds(25 * 3600);
            assertEquals(end, s.serviceWindowEnd());
            assertEquals(end, s.entryPointOfferEnd());
        }

        @Test
        void failedAndRefusedMessagesChangeNothing() {
            ThreadState before = after(PricingModel.CBP, "0:00 m1 IN AD");
            for (String line : List.of("1:00 m2 MARKETING FAILED", "1:00 m2 TEXT FAILED")) {
                ThreadMessage m = ThreadScript.message(CBP_BASE, PricingModel.CBP, line);
                assertSame(before, ChargingEngine.evolve(before, m, ChargingEngine.decide(before, m)), line);
            }
            ThreadState noWindow = after(PricingModel.CBP, "0:00 m1 MARKETING");
            ThreadMessage refused = ThreadScript.message(CBP_BASE, PricingModel.CBP, "1:00 m2 TEXT");
            assertSame(noWindow, ChargingEngine.evolve(noWindow, refused, ChargingEngine.decide(noWindow, refused)));
        }

        @Test
        void marketingCountFollowsTheMarketingConversation() {
            assertEquals(1, after(PricingModel.CBP, "0:00 m1 MARKETING").marketingCount());
            assertEquals(3, after(PricingModel.CBP, "0:00 m1 MARKETING", "1:00 m2 MARKETING", "2:00 m3 MARKETING")
                    .marketingCount());
            assertEquals(0, after(PricingModel.CBP, "0:00 m1 MARKETING", "1:00 m2 IN").marketingCount());
            assertEquals(0, after(PricingModel.CBP, "0:00 m1 MARKETING", "0:10 m2 MARKETING", "1:00 i1 IN AD",
                    "1:10 m3 TEXT").marketingCount(), "closed by the free entry point");
        }

        @Test
        void expireAtDropsEverythingEndingAtOrBeforeTheInstant() {
            ThreadState s = after(PricingModel.CBP, "0:00 m1 MARKETING", "1:00 i1 IN", "2:00 u1 UTILITY");
            Instant marketingEnd = CBP_BASE.plusSeconds(24 * 3600);
            assertSame(s, s.expireAt(marketingEnd.minusNanos(1)), "nothing ends yet: the same state");
            ThreadState at = s.expireAt(marketingEnd);
            assertEquals(List.of("conv-u1"), at.openConversations().stream().map(Conversation::conversationId).toList());
            assertEquals(0, at.marketingCount(), "the count goes with the marketing conversation");
            assertEquals(s.serviceWindowEnd(), at.serviceWindowEnd());
            ThreadState later = s.expireAt(CBP_BASE.plusSeconds(26 * 3600));
            assertTrue(later.isEmpty());
            assertSame(ThreadState.EMPTY, later);
            assertFalse(s.isEmpty());
            assertTrue(ThreadState.EMPTY.isEmpty());
        }

        @Test
        void expireAtDropsWindowOfferAndFreeEntryPointAtTheirEnds() {
            ThreadState offer = after(PricingModel.CBP, "0:00 i1 IN AD");
            assertTrue(offer.expireAt(CBP_BASE.plusSeconds(24 * 3600)).isEmpty());
            ThreadState fep = after(PricingModel.PMP, "0:00 i1 IN AD", "1:00 t1 TEXT");
            ThreadState beforeEnd = fep.expireAt(CBP_BASE.plusSeconds(73 * 3600).minusNanos(1));
            assertNotNull(beforeEnd.freeEntryPoint());
            assertNull(beforeEnd.serviceWindowEnd());
            assertTrue(fep.expireAt(CBP_BASE.plusSeconds(73 * 3600)).isEmpty());
        }

        @Test
        void stateRejectsTwoOpenConversationsOfOneCategory() {
            Conversation a = new Conversation("conv-a", Category.UTILITY, ConversationType.REGULAR, CBP_BASE,
                    CBP_BASE.plus(ChargingEngine.DAY), "a", PricingModel.CBP);
            Conversation b = new Conversation("conv-b", Category.UTILITY, ConversationType.REGULAR, CBP_BASE,
                    CBP_BASE.plus(ChargingEngine.DAY), "b", PricingModel.CBP);
            assertThrows(IllegalArgumentException.class, () -> ThreadState.of(null, null, List.of(a, b), null, 0));
            Conversation fep = new Conversation("conv-f", Category.REFERRAL_CONVERSION,
                    ConversationType.FREE_ENTRY_POINT, CBP_BASE, CBP_BASE.plus(ChargingEngine.FREE_ENTRY_POINT_LENGTH),
                    "f", PricingModel.CBP);
            assertThrows(IllegalArgumentException.class, () -> ThreadState.of(null, null, List.of(fep), null, 0));
            assertThrows(IllegalArgumentException.class, () -> ThreadState.of(null, null, List.of(), a, 0));
            assertSame(ThreadState.EMPTY, ThreadState.of(null, null, List.of(), null, 0));
        }

        @Test
        void mostRecentlyOpenedPrefersTheLaterInReplayOrderAtEqualTimes() {
            Conversation m = new Conversation("conv-m9", Category.MARKETING, ConversationType.REGULAR, CBP_BASE,
                    CBP_BASE.plus(ChargingEngine.DAY), "m9", PricingModel.CBP);
            Conversation u = new Conversation("conv-m10", Category.UTILITY, ConversationType.REGULAR, CBP_BASE,
                    CBP_BASE.plus(ChargingEngine.DAY), "m10", PricingModel.CBP);
            assertSame(m, ThreadState.of(null, null, List.of(u, m), null, 0).mostRecentlyOpenedAt(CBP_BASE));
            assertSame(u, ThreadState.of(null, null, List.of(m, u), null, 0).mostRecentlyOpenedAt(CBP_BASE));
        }
    }

    // ---------------------------------------------------------------- replay order

    @Nested
    class Order {

        @Test
        void sortsByTimeThenInboundFirstThenPlainStringOrder() {
            List<ThreadMessage> expected = ThreadScript.parse(CBP_BASE, PricingModel.CBP,
                    "0:00 z1 MARKETING", "1:00 z2 IN", "1:00 a3 TEXT", "1:00 m10 TEXT", "1:00 m9 TEXT",
                    "1:00:00.000000001 a0 IN");
            List<ThreadMessage> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(42));
            shuffled.sort(ReplayOrder.INSTANCE);
            assertEquals(expected.stream().map(ThreadMessage::messageId).toList(),
                    shuffled.stream().map(ThreadMessage::messageId).toList());
        }

        @Test
        void bareKeysCompareTheSameWay() {
            assertTrue(ReplayOrder.compare(CBP_BASE, Direction.OUTBOUND, "a", CBP_BASE, Direction.INBOUND, "z") > 0);
            assertTrue(ReplayOrder.compare(CBP_BASE, Direction.OUTBOUND, "m10", CBP_BASE, Direction.OUTBOUND, "m9") < 0);
            assertEquals(0, ReplayOrder.compare(CBP_BASE, Direction.INBOUND, "x", CBP_BASE, Direction.INBOUND, "x"));
        }
    }
}
