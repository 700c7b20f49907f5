package com.wabill.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.wabill.engine.Category;
import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Conversation;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.Direction;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import com.wabill.engine.PricingRegime;

/**
 * Fills the {@code meta_*} columns of a thread's outbound messages as Meta's status webhooks would, by replaying
 * the thread through the project's own {@link ChargingEngine}, so that Meta and the replay agree unless a
 * difference is planted on purpose.
 *
 * <ul>
 *   <li>CBP (a message in or opening a conversation): {@code meta_conversation_id} is an opaque 32-hex id of
 *       the conversation, {@code meta_conversation_category} its category in lower case ({@code referral_conversion}
 *       for a free entry point conversation), {@code meta_billable} false for free entry point conversations and for
 *       service conversations opened from 2024-11-01 (local), true otherwise (free tier conversations are billable
 *       in Meta's webhooks), {@code meta_pricing_model} {@code CBP};</li>
 *   <li>PMP: the pricing category in lower case, billable when charged, {@code PMP}; the id is the free entry
 *       point window's, or one per message.</li>
 * </ul>
 * Inbound, failed and refused (outside the window) messages carry none.
 */
final class MetaAnnotator {

    private static final Comparator<GenMessage> REPLAY_ORDER = (a, b) -> ReplayOrder.compare(
            a.eventTime(), a.direction, a.messageId, b.eventTime(), b.direction, b.messageId);

    /** What the replay made of a thread, counted (for the generator's summary). */
    static final class Tally {
        final Map<String, long[]> opened = new HashMap<>();
        long refused;
        long frequencyCap;

        void conversation(String waba, Category c) {
            opened.computeIfAbsent(waba, k -> new long[Category.values().length])[c.ordinal()]++;
        }
    }

    private final long seed;

    MetaAnnotator(long seed) {
        this.seed = seed;
    }

    void annotate(List<GenMessage> thread, Tally tally) {
        if (thread.isEmpty()) return;
        List<GenMessage> order = new ArrayList<>(thread);
        order.sort(REPLAY_ORDER);
        java.time.ZoneId zone = thread.get(0).waba.zone();
        String waba = thread.get(0).waba.id();
        ThreadState state = ThreadState.EMPTY;
        Map<String, Conversation> conversations = new HashMap<>();
        for (GenMessage m : order) {
            java.time.Instant t = m.eventTime();
            PricingModel model = PricingModel.at(t, zone);
            if (model == null) throw new IllegalStateException("message " + m.messageId + " at " + t + " is before any pricing model");
            ThreadMessage tm = new ThreadMessage(m.messageId, m.direction, t, m.template, m.category,
                    m.entryPointReferral(), m.status, m.deliveredAt != null, model);
            Decision d = ChargingEngine.decide(state, tm);
            state = ChargingEngine.evolve(state, tm, d);
            if (d.opened() != null) {
                conversations.put(d.opened().conversationId(), d.opened());
                if (d.opened().model() == PricingModel.CBP) tally.conversation(waba, d.opened().category());
            }
            if (d.outcome() == Outcome.OUTSIDE_SERVICE_WINDOW) tally.refused++;
            if (d.hasFlag(com.wabill.engine.Flag.FREQUENCY_CAP_RISK)) tally.frequencyCap++;
            if (m.direction != Direction.OUTBOUND || d.outcome() == Outcome.FAILED_NOT_DELIVERED
                    || d.outcome() == Outcome.OUTSIDE_SERVICE_WINDOW) {
                continue;
            }
            if (d.pricingModel() == PricingModel.CBP) {
                Conversation c = conversations.get(d.conversationId());
                if (c == null) throw new IllegalStateException("no conversation " + d.conversationId() + " for " + m.messageId);
                m.metaConversationId = metaId(c.conversationId());
                m.metaConversationCategory = c.category().name().toLowerCase(Locale.ROOT);
                m.metaBillable = c.type() != ConversationType.FREE_ENTRY_POINT
                        && !(c.category() == Category.SERVICE && !PricingRegime.at(c.openedAt(), zone).serviceCharged());
                m.metaPricingModel = "CBP";
            } else {
                m.metaConversationId = metaId(d.conversationId() != null ? d.conversationId() : "msg-" + m.messageId);
                m.metaConversationCategory = d.pricingCategory().name().toLowerCase(Locale.ROOT);
                m.metaBillable = d.charged();
                m.metaPricingModel = "PMP";
            }
        }
    }

    /** Meta's conversation ids are opaque 32-hex-digit strings. */
    private String metaId(String replayConversationId) {
        long h = Mix.hash(replayConversationId);
        return String.format(Locale.ROOT, "%016x%016x", Mix.of(seed, h), Mix.of(h, seed ^ 0x3E7A));
    }
}
