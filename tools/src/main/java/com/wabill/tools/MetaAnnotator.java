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
 *       point window's, or one per message. {@code meta_pricing_category} and {@code meta_pricing_type} as the
 *       webhook writes them (lower case; {@code authentication-international} for an authentication template of a
 *       business of {@link Catalog#AUTH_INTERNATIONAL} to a contact abroad in a market with that rate, SPEC 2.11).
 *       A service message under 2.10.5 is left for {@link LogGenerator} to number across the phone number's month
 *       ({@link GenMessage#serviceFreeTier}).</li>
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
        annotate(thread, null, tally);
    }

    /** @param contactCountry the contact's country (ISO 3166-1 alpha-2), for SPEC 2.11; null: never international */
    void annotate(List<GenMessage> thread, String contactCountry, Tally tally) {
        if (thread.isEmpty()) return;
        List<GenMessage> order = new ArrayList<>(thread);
        order.sort(REPLAY_ORDER);
        java.time.ZoneId zone = thread.get(0).waba.zone();
        String waba = thread.get(0).waba.id();
        ThreadState state = ThreadState.EMPTY;
        Map<String, Conversation> conversations = new HashMap<>();
        for (GenMessage m : order) {
            java.time.Instant t = m.eventTime();
            PricingRegime regime = PricingRegime.at(t, zone);
            if (regime == null) throw new IllegalStateException("message " + m.messageId + " at " + t + " is before any pricing model");
            ThreadMessage tm = new ThreadMessage(m.messageId, m.direction, t, m.template, m.category,
                    m.entryPointReferral(), m.status, m.deliveredAt != null, regime);
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
                if (international(waba, contactCountry, d.pricingCategory(), t, zone)) {
                    m.metaPricingCategory = "authentication-international";
                    m.metaConversationCategory = "authentication_international";
                } else {
                    m.metaPricingCategory = d.pricingCategory().name().toLowerCase(Locale.ROOT);
                }
                m.metaPricingType = d.pricingType().name().toLowerCase(Locale.ROOT);
                if (d.settledByMonth()) {
                    m.serviceFreeTier = true; // numbered across the phone number's month by LogGenerator
                    m.metaPricingType = null;
                    m.metaBillable = null;
                }
            }
        }
    }

    /** SPEC 2.11 for the sample's businesses: an authentication template to a contact abroad, from the start date. */
    private static boolean international(String waba, String contactCountry, Category category, java.time.Instant t,
            java.time.ZoneId zone) {
        Catalog.AuthInternational a = Catalog.AUTH_INTERNATIONAL.get(waba);
        return category == Category.AUTHENTICATION && a != null && contactCountry != null
                && !contactCountry.equals(a.primaryCountry())
                && Catalog.AUTH_INTERNATIONAL_COUNTRIES.contains(contactCountry)
                && !t.atZone(zone).toLocalDate().isBefore(a.from());
    }

    /** Meta's conversation ids are opaque 32-hex-digit strings. */
    private String metaId(String replayConversationId) {
        long h = Mix.hash(replayConversationId);
        return String.format(Locale.ROOT, "%016x%016x", Mix.of(seed, h), Mix.of(h, seed ^ 0x3E7A));
    }
}
