package com.wabill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import com.wabill.testsupport.FastTest;

/**
 * Invariants of the charging rules over random threads: up to a few hundred messages of every kind,
 * spread over days on an hour grid (so that events fall exactly on 24h and 72h ends), with same-instant
 * ties, nanosecond jitter, and a switch from CBP to PMP anywhere in the thread (or none), then from the
 * rules of 2.9 to those of 2.10 (2026-10-01) anywhere after it (or none).
 */
@FastTest
class ChargingEnginePropertiesTest {

    enum Kind { IN, IN_AD, IN_POST, TEXT, MARKETING, UTILITY, AUTHENTICATION }

    /** One generated message before times are laid out. */
    record Draft(int gapHours, long jitterNanos, Kind kind, DeliveryStatus status, boolean deliveredAt) {
    }

    /** A sorted thread, the instant from which it is priced per message, and the instant the 2.10 rules start. */
    record Thread(List<ThreadMessage> messages, Instant switchAt, Instant switch2026At) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("switch at " + switchAt + ", 2026 rules at " + switch2026At + "\n");
            for (ThreadMessage m : messages) sb.append("  ").append(m).append('\n');
            return sb.toString();
        }
    }

    private static final Instant BASE = Instant.parse("2025-06-20T00:00:00Z");

    @Provide
    Arbitrary<Thread> threads() {
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                Tuple.of(25, Arbitraries.just(0)),
                Tuple.of(45, Arbitraries.integers().between(1, 3)),
                Tuple.of(25, Arbitraries.integers().between(4, 26)),
                Tuple.of(5, Arbitraries.integers().between(27, 80)));
        Arbitrary<Long> jitter = Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.just(1L)),
                Tuple.of(5, Arbitraries.just(-1L)),
                Tuple.of(10, Arbitraries.longs().between(1, 999_999_999)));
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(18, Kind.IN), Tuple.of(6, Kind.IN_AD), Tuple.of(3, Kind.IN_POST), Tuple.of(25, Kind.TEXT),
                Tuple.of(20, Kind.MARKETING), Tuple.of(18, Kind.UTILITY), Tuple.of(10, Kind.AUTHENTICATION));
        Arbitrary<DeliveryStatus> status = Arbitraries.frequency(
                Tuple.of(55, DeliveryStatus.DELIVERED), Tuple.of(15, DeliveryStatus.READ),
                Tuple.of(15, DeliveryStatus.SENT), Tuple.of(15, DeliveryStatus.FAILED));
        Arbitrary<Draft> draft = Combinators.combine(gap, jitter, kind, status, Arbitraries.of(true, false))
                .as(Draft::new);
        // where the switch falls, as a share of the thread's span: below 0 all PMP, above 1 all CBP
        Arbitrary<Double> switchShare = Arbitraries.doubles().between(-0.2, 1.2);
        // the same for the rules of 2026-10-01 (never before the switch to PMP)
        Arbitrary<Double> switch2026Share = Arbitraries.doubles().between(-0.2, 1.2);
        return Combinators.combine(draft.list().ofMinSize(1).ofMaxSize(300), switchShare, switch2026Share)
                .as(this::layOut);
    }

    private Thread layOut(List<Draft> drafts, double switchShare, double switch2026Share) {
        Instant grid = BASE;
        List<Instant> times = new ArrayList<>();
        for (Draft d : drafts) {
            grid = grid.plus(Duration.ofHours(d.gapHours()));
            times.add(grid.plusNanos(d.jitterNanos()));
        }
        Duration span = Duration.between(BASE, grid);
        Instant switchAt = BASE.plusMillis((long) (span.toMillis() * switchShare));
        Instant switch2026At = BASE.plusMillis((long) (span.toMillis() * Math.max(switchShare, switch2026Share)));
        List<ThreadMessage> messages = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            Instant t = times.get(i);
            boolean inbound = d.kind() == Kind.IN || d.kind() == Kind.IN_AD || d.kind() == Kind.IN_POST;
            boolean template = !inbound && d.kind() != Kind.TEXT;
            messages.add(new ThreadMessage("m" + i, inbound ? Direction.INBOUND : Direction.OUTBOUND, t, template,
                    template ? Category.valueOf(d.kind().name()) : null,
                    d.kind() == Kind.IN_AD || d.kind() == Kind.IN_POST,
                    inbound ? null : d.status(), !inbound && d.deliveredAt(),
                    t.isBefore(switchAt) ? PricingRegime.CBP_2024_11
                            : t.isBefore(switch2026At) ? PricingRegime.PMP_2025_07 : PricingRegime.PMP_2026_10));
        }
        messages.sort(ReplayOrder.INSTANCE);
        return new Thread(List.copyOf(messages), switchAt, switch2026At);
    }

    /** A conversation and when it really ended: its scheduled end or the early close. */
    record Ended(Conversation conversation, int openingIndex, Instant end) {
    }

    private static List<Ended> conversations(List<ThreadMessage> messages, List<Decision> decisions) {
        Map<String, Instant> closedEarly = new HashMap<>();
        for (Decision d : decisions) {
            for (Decision.ClosedEarly c : d.closedEarly()) {
                assertNull(closedEarly.put(c.conversationId(), c.closedAt()), "closed twice: " + c);
            }
        }
        List<Ended> out = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Conversation c = decisions.get(i).opened();
            if (c != null) out.add(new Ended(c, i, closedEarly.getOrDefault(c.conversationId(), c.scheduledEnd())));
        }
        return out;
    }

    private static List<Decision> replay(ThreadState start, List<ThreadMessage> messages) {
        List<Decision> decisions = new ArrayList<>();
        ThreadState s = start;
        for (ThreadMessage m : messages) {
            Decision d = ChargingEngine.decide(s, m);
            s = ChargingEngine.evolve(s, m, d);
            decisions.add(d);
        }
        return decisions;
    }

    @Property(tries = 300)
    void conversationsOfOneCategoryNeverOverlap(@ForAll("threads") Thread thread) {
        List<Ended> all = conversations(thread.messages(), replay(ThreadState.EMPTY, thread.messages()));
        Map<Category, Ended> previous = new HashMap<>();
        for (Ended e : all) { // in opening order
            Ended before = previous.put(e.conversation().category(), e);
            if (before != null) {
                assertFalse(e.conversation().openedAt().isBefore(before.end()),
                        e.conversation() + " opens while " + before.conversation() + " is open until " + before.end());
            }
            assertTrue(e.end().isAfter(e.conversation().openedAt()) || e.end().equals(e.conversation().openedAt()));
        }
    }

    @Property(tries = 300)
    void freeEntryPointNeverOverlapsAConversationOpenedAfterIt(@ForAll("threads") Thread thread) {
        List<Ended> all = conversations(thread.messages(), replay(ThreadState.EMPTY, thread.messages()));
        for (Ended f : all) {
            if (!f.conversation().isFreeEntryPoint()) continue;
            for (Ended c : all) {
                if (c.openingIndex() > f.openingIndex()) {
                    assertFalse(c.conversation().openedAt().isBefore(f.end()),
                            c.conversation() + " opened inside " + f.conversation());
                } else if (c.openingIndex() < f.openingIndex() && f.conversation().model() == PricingModel.CBP) {
                    // 2.4.3: a CBP free entry point conversation closes every other one when it opens
                    assertFalse(c.end().isAfter(f.conversation().openedAt()),
                            c.conversation() + " still open after " + f.conversation() + " opened");
                }
            }
        }
    }

    @Property(tries = 300)
    void everyConversationHasExactlyOneOpeningMessage(@ForAll("threads") Thread thread) {
        List<ThreadMessage> messages = thread.messages();
        List<Decision> decisions = replay(ThreadState.EMPTY, messages);
        Map<String, Ended> byId = new HashMap<>();
        for (Ended e : conversations(messages, decisions)) {
            ThreadMessage opener = messages.get(e.openingIndex());
            assertEquals(opener.messageId(), e.conversation().openingMessageId());
            assertEquals("conv-" + opener.messageId(), e.conversation().conversationId());
            assertEquals(opener.eventTime(), e.conversation().openedAt());
            assertNull(byId.put(e.conversation().conversationId(), e), "opened twice");
        }
        // every attached message points at a conversation opened earlier and open at its time
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d.conversationId() == null || d.opened() != null) continue;
            Ended e = byId.get(d.conversationId());
            assertNotNull(e, "attached to unknown " + d.conversationId());
            Instant t = messages.get(i).eventTime();
            assertTrue(e.openingIndex() < i && !t.isBefore(e.conversation().openedAt()) && t.isBefore(e.end()),
                    messages.get(i) + " attached to " + e.conversation() + " ended " + e.end());
        }
    }

    @Property(tries = 300)
    void everyMessageGetsExactlyOneConsistentOutcome(@ForAll("threads") Thread thread) {
        List<ThreadMessage> messages = thread.messages();
        List<Decision> decisions = replay(ThreadState.EMPTY, messages);
        assertEquals(messages.size(), decisions.size());
        Set<Outcome> cbpOnly = Set.of(Outcome.OPENED_CONVERSATION);
        Set<Outcome> pmpOnly = Set.of(Outcome.CHARGED, Outcome.FREE_CUSTOMER_SERVICE);
        for (int i = 0; i < messages.size(); i++) {
            ThreadMessage m = messages.get(i);
            Decision d = decisions.get(i);
            assertNotNull(d.outcome());
            assertEquals(m.direction() == Direction.INBOUND, d.outcome() == Outcome.INBOUND, m.toString());
            if (m.failed()) assertEquals(Outcome.FAILED_NOT_DELIVERED, d.outcome());
            assertEquals(d.outcome() == Outcome.CHARGED, d.charged());
            if (m.model() == PricingModel.CBP) assertFalse(pmpOnly.contains(d.outcome()), d.toString());
            if (m.model() == PricingModel.PMP) assertFalse(cbpOnly.contains(d.outcome()), d.toString());
            // flags: sorted, no repeats, each exactly when its rule says
            List<Flag> sorted = new ArrayList<>(new java.util.TreeSet<>(d.flags()));
            assertEquals(sorted, d.flags());
            boolean auth = m.direction() == Direction.OUTBOUND && m.template()
                    && m.templateCategory() == Category.AUTHENTICATION;
            assertEquals(auth, d.hasFlag(Flag.UNSUPPORTED_CATEGORY));
            assertEquals(m.missingDeliveryReceipt(), d.hasFlag(Flag.NO_DELIVERY_RECEIPT));
            if (d.hasFlag(Flag.FREQUENCY_CAP_RISK)) {
                assertEquals(Category.MARKETING, m.templateCategory());
                assertEquals(Outcome.IN_OPEN_CONVERSATION, d.outcome());
                assertEquals(PricingModel.CBP, d.pricingModel());
            }
            // PMP-priced messages carry a pricing category exactly when the rule gives one
            boolean priced = d.pricingModel() == PricingModel.PMP && (d.outcome() == Outcome.CHARGED
                    || d.outcome() == Outcome.FREE_CUSTOMER_SERVICE || d.outcome() == Outcome.FREE_ENTRY_POINT
                    || d.outcome() == Outcome.OPENED_FREE_ENTRY_POINT);
            assertEquals(priced, d.pricingCategory() != null, d.toString());
            assertEquals(priced, d.pricingType() != null, d.toString());
            boolean unattached = d.outcome() == Outcome.INBOUND || d.outcome() == Outcome.FAILED_NOT_DELIVERED
                    || d.outcome() == Outcome.OUTSIDE_SERVICE_WINDOW || d.outcome() == Outcome.CHARGED
                    || d.outcome() == Outcome.FREE_CUSTOMER_SERVICE;
            assertEquals(unattached, d.conversationId() == null, d.toString());
            // 2.10.5: exactly the per-message service messages under the 2026 rules wait for their month
            boolean serviceMessage = d.pricingModel() == PricingModel.PMP && d.outcome() == Outcome.FREE_CUSTOMER_SERVICE
                    && d.pricingCategory() == Category.SERVICE;
            assertEquals(serviceMessage && m.regime() == PricingRegime.PMP_2026_10,
                    d.monthPosition() == MonthPosition.SERVICE_MESSAGE_FREE_TIER, d.toString());
            if (serviceMessage) assertFalse(m.template(), d.toString());
            // 2.10.6: no free utility template under the 2026 rules
            if (m.regime() == PricingRegime.PMP_2026_10) {
                assertFalse(d.outcome() == Outcome.FREE_CUSTOMER_SERVICE && d.pricingCategory() == Category.UTILITY,
                        d.toString());
            }
        }
    }

    @Property(tries = 300)
    void replayingInTwoRunsWithTheStateCarriedThroughTheCodecChangesNothing(
            @ForAll("threads") Thread thread, @ForAll @IntRange(min = 0, max = 10_000) int splitSeed,
            @ForAll boolean expireAtBoundary) {
        List<ThreadMessage> messages = thread.messages();
        int split = splitSeed % (messages.size() + 1);
        List<Decision> whole = replay(ThreadState.EMPTY, messages);

        ThreadState s = ThreadState.EMPTY;
        List<Decision> parts = new ArrayList<>();
        for (ThreadMessage m : messages.subList(0, split)) {
            Decision d = ChargingEngine.decide(s, m);
            s = ChargingEngine.evolve(s, m, d);
            parts.add(d);
        }
        if (expireAtBoundary && split < messages.size()) {
            // a run ends anywhere up to the next message: what it carries may already be expired
            s = s.expireAt(messages.get(split).eventTime());
        }
        byte[] carried = ThreadStateCodec.encode(s);
        ThreadState restored = ThreadStateCodec.decode(carried);
        assertEquals(s, restored);
        parts.addAll(replay(restored, messages.subList(split, messages.size())));
        assertEquals(whole, parts, "split at " + split);
    }

    @Property(tries = 300)
    void codecRoundTripsEveryStateAReplayReaches(@ForAll("threads") Thread thread) {
        ThreadState s = ThreadState.EMPTY;
        for (ThreadMessage m : thread.messages()) {
            Decision d = ChargingEngine.decide(s, m);
            // expiry is lazy: dropping what has ended first must not change a decision
            assertEquals(d, ChargingEngine.decide(s.expireAt(m.eventTime()), m));
            s = ChargingEngine.evolve(s, m, d);
            byte[] bytes = ThreadStateCodec.encode(s);
            assertEquals(ThreadStateCodec.VERSION, bytes[0]);
            assertEquals(s, ThreadStateCodec.decode(bytes));
        }
    }

    // ---- arbitrary states, beyond what a replay reaches

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(-5_000_000_000L, 50_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> ids() {
        // well-formed text only (ids come from UTF-8 strings); a lone surrogate is refused, see the codec test
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(0).ofMaxLength(80)
                .withCharRange('\u0000', '\u07ff').withChars("wamid.=+/€".toCharArray());
        return Combinators.combine(text, Arbitraries.of("", "😀", "ação"), text).as((a, b, c) -> a + b + c);
    }

    @Provide
    Arbitrary<ThreadState> states() {
        Arbitrary<Instant> instant = instants();
        Arbitrary<Duration> length = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(ChargingEngine.DAY, ChargingEngine.FREE_ENTRY_POINT_LENGTH)),
                Tuple.of(1, Arbitraries.longs().between(1, 1_000_000_000_000_000L).map(Duration::ofNanos)));
        Arbitrary<Conversation> regular = Combinators.combine(ids(), Arbitraries.of(true, false), ids(),
                        Arbitraries.of(Category.MARKETING, Category.UTILITY, Category.AUTHENTICATION, Category.SERVICE),
                        Arbitraries.of(ConversationType.REGULAR, ConversationType.FREE_TIER), instant, length,
                        Arbitraries.of(PricingModel.class))
                .as((opener, derived, otherId, cat, type, at, len, model) -> new Conversation(
                        derived ? Conversation.idFor(opener) : otherId, cat, type, at, at.plus(len), opener, model));
        Arbitrary<Conversation> fep = Combinators.combine(ids(), instant, length, Arbitraries.of(PricingModel.class))
                .as((opener, at, len, model) -> new Conversation(Conversation.idFor(opener),
                        Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT, at, at.plus(len), opener, model));
        Arbitrary<List<Conversation>> open = regular.list().ofMaxSize(4)
                .uniqueElements(Conversation::category);
        return Combinators.combine(instant.injectNull(0.3), instant.injectNull(0.5), open, fep.injectNull(0.5),
                Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as(ThreadState::of);
    }

    @Property(tries = 500)
    void codecRoundTripsAnyState(@ForAll("states") ThreadState state) {
        assertEquals(state, ThreadStateCodec.decode(ThreadStateCodec.encode(state)));
    }

    @Property(tries = 500)
    void codecRefusesGarbageCleanly(@ForAll byte[] bytes) {
        try {
            ThreadState s = ThreadStateCodec.decode(bytes);
            // bytes it accepts must be exactly what it would write for that state
            assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(ThreadStateCodec.encode(s)));
        } catch (IllegalArgumentException expected) {
            // refused, as documented
        } catch (RuntimeException other) {
            fail("garbage must be refused with IllegalArgumentException, got " + other);
        }
    }
}
