package com.wabill.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The charging rules as a decider (SPEC 2.1–2.5, 2.9, 2.10): {@link #decide} says what a message is,
 * {@link #evolve} says what the thread looks like after it. Pure and allocation-light: it replays
 * millions of messages a night, one thread at a time, in {@link ReplayOrder}.
 *
 * <p>Both functions first treat everything whose end is at or before the message's event time as
 * closed (SPEC 2.2). Each message follows its own {@link PricingRegime}, so a thread may cross the switch
 * from CBP to PMP with conversations still open, and from the rules of 2.9 to those of 2.10.
 */
public final class ChargingEngine {

    /** Customer service window, free entry point offer and regular conversations (SPEC 2.1). */
    public static final Duration DAY = Duration.ofHours(24);
    /** Free entry point conversation or window (SPEC 2.1, 2.9). */
    public static final Duration FREE_ENTRY_POINT_LENGTH = Duration.ofHours(72);

    /** Meta allows one additional marketing template in an open marketing conversation (SPEC 2.5). */
    private static final int MARKETING_TEMPLATES_ALLOWED = 2;

    private static final List<Decision.ClosedEarly> NONE_CLOSED = List.of();
    private static final Decision INBOUND_CBP = new Decision(Outcome.INBOUND, Flags.of(0), null, null,
            NONE_CLOSED, PricingModel.CBP, null, null, false, MonthPosition.NONE);
    private static final Decision INBOUND_PMP = new Decision(Outcome.INBOUND, Flags.of(0), null, null,
            NONE_CLOSED, PricingModel.PMP, null, null, false, MonthPosition.NONE);

    /*
     * PMP decisions of rules 5-7 hold no conversation: one shared immutable decision per flag set, so the bulk of
     * per-message traffic allocates no decision at all.
     */
    private static final Decision[] SERVICE_FREE = perMessageByFlags(Outcome.FREE_CUSTOMER_SERVICE, Category.SERVICE,
            ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.NONE);
    private static final Decision[] SERVICE_FREE_TIER = perMessageByFlags(Outcome.FREE_CUSTOMER_SERVICE,
            Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.SERVICE_MESSAGE_FREE_TIER);
    private static final Decision[] UTILITY_FREE = perMessageByFlags(Outcome.FREE_CUSTOMER_SERVICE, Category.UTILITY,
            ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.NONE);
    /** 2.10.6: a utility template inside the window, charged as rule 7 and marked as sent in the window. */
    private static final Decision[] UTILITY_IN_WINDOW_CHARGED = perMessageByFlags(Outcome.CHARGED, Category.UTILITY,
            ConversationType.REGULAR, true, MonthPosition.NONE, true);
    private static final Decision[][] CHARGED_BY_CATEGORY = new Decision[Category.values().length][];

    static {
        for (Category c : Category.values()) {
            if (c.isTemplateCategory()) {
                CHARGED_BY_CATEGORY[c.ordinal()] = perMessageByFlags(Outcome.CHARGED, c, ConversationType.REGULAR, true,
                        MonthPosition.NONE);
            }
        }
    }

    /** A decision together with the state after it. */
    public record Step(Decision decision, ThreadState state) {
    }

    private ChargingEngine() {
    }

    /** Decides and evolves in one go. */
    public static Step step(ThreadState state, ThreadMessage m) {
        Decision d = decide(state, m);
        return new Step(d, evolve(state, m, d));
    }

    /** What the message is: outcome, flags, the conversation it joins or opens, how it is priced. */
    public static Decision decide(ThreadState state, ThreadMessage m) {
        Instant t = Objects.requireNonNull(m.eventTime(), "eventTime");
        PricingRegime regime = Objects.requireNonNull(m.regime(), "regime");
        PricingModel model = regime.model();
        if (m.direction() == Direction.INBOUND) {
            return model == PricingModel.CBP ? INBOUND_CBP : INBOUND_PMP; // 2.3: never charged
        }
        Objects.requireNonNull(m.direction(), "direction");
        Category category = m.template() ? templateCategory(m) : null;
        // 2.5: authentication templates are flagged whether or not they arrive
        int flags = category == Category.AUTHENTICATION ? Flags.UNSUPPORTED_CATEGORY : 0;
        if (m.failed()) {
            return unattached(Outcome.FAILED_NOT_DELIVERED, flags, model); // 2.1: FAILED always wins
        }
        if (m.missingDeliveryReceipt()) flags |= Flags.NO_DELIVERY_RECEIPT;
        if (category == null && !state.serviceWindowOpenAt(t)) {
            return unattached(Outcome.OUTSIDE_SERVICE_WINDOW, flags, model); // 2.4.1 / 2.9.1: Meta refuses it
        }
        return model == PricingModel.CBP
                ? decideConversationBased(state, m, t, category, flags)
                : decidePerMessage(state, m, t, category, flags, regime);
    }

    /** 2.4 rules 2–5 (rule 1 is shared with PMP and already applied). */
    private static Decision decideConversationBased(ThreadState state, ThreadMessage m, Instant t,
                                                    Category category, int flags) {
        Conversation freeEntryPoint = state.freeEntryPointAt(t);
        if (freeEntryPoint != null) {
            return inCbpConversation(Outcome.FREE_ENTRY_POINT, flags, freeEntryPoint); // 2.4.2
        }
        if (state.entryPointOfferOpenAt(t)) { // 2.4.3: closes every other open conversation at t
            Conversation opened = new Conversation(Conversation.idFor(m.messageId()), Category.REFERRAL_CONVERSION,
                    ConversationType.FREE_ENTRY_POINT, t, t.plus(FREE_ENTRY_POINT_LENGTH), m.messageId(),
                    PricingModel.CBP);
            return new Decision(Outcome.OPENED_FREE_ENTRY_POINT, Flags.of(flags), opened.conversationId(), opened,
                    closedEarlyAt(state, t), PricingModel.CBP, null, null, false, MonthPosition.NONE);
        }
        if (category != null) { // 2.4.4: only a conversation of its own category covers a template
            Conversation open = state.openConversationAt(category, t);
            if (open != null) {
                return inCbpConversation(Outcome.IN_OPEN_CONVERSATION, flags | frequencyCapRisk(state, category), open);
            }
            return openedRegular(m, t, category, flags);
        }
        // 2.4.5: free-form inside the window joins the service conversation, else the most recent one
        Conversation service = state.openConversationAt(Category.SERVICE, t);
        Conversation target = service != null ? service : state.mostRecentlyOpenedAt(t);
        if (target != null) {
            return inCbpConversation(Outcome.IN_OPEN_CONVERSATION, flags, target);
        }
        return openedRegular(m, t, Category.SERVICE, flags);
    }

    /** 2.9 rules 2–7, and from 2026-10-01 2.10 rules 5–7 (rule 1 already applied). */
    private static Decision decidePerMessage(ThreadState state, ThreadMessage m, Instant t,
                                             Category category, int flags, PricingRegime regime) {
        Conversation freeEntryPoint = state.freeEntryPointAt(t);
        if (freeEntryPoint != null) { // rule 2: free whatever its kind, service included (2.10)
            if (freeEntryPoint.model() == PricingModel.CBP) {
                // a CBP free entry point conversation opened before the switch carries it, like rule 4
                return inCbpConversation(Outcome.FREE_ENTRY_POINT, flags, freeEntryPoint);
            }
            return new Decision(Outcome.FREE_ENTRY_POINT, Flags.of(flags), freeEntryPoint.conversationId(), null,
                    NONE_CLOSED, PricingModel.PMP, Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT,
                    false, MonthPosition.NONE);
        }
        if (state.entryPointOfferOpenAt(t)) { // rule 3: closes nothing, CBP conversations run on
            Conversation window = new Conversation(Conversation.idFor(m.messageId()), Category.REFERRAL_CONVERSION,
                    ConversationType.FREE_ENTRY_POINT, t, t.plus(FREE_ENTRY_POINT_LENGTH), m.messageId(),
                    PricingModel.PMP);
            return new Decision(Outcome.OPENED_FREE_ENTRY_POINT, Flags.of(flags), window.conversationId(), window,
                    NONE_CLOSED, PricingModel.PMP, Category.REFERRAL_CONVERSION, ConversationType.FREE_ENTRY_POINT,
                    false, MonthPosition.NONE);
        }
        if (category != null) { // rule 4: a CBP conversation of its category still covers a template
            Conversation open = state.openConversationAt(category, t);
            if (open != null && open.model() == PricingModel.CBP) {
                return inCbpConversation(Outcome.IN_OPEN_CONVERSATION, flags | frequencyCapRisk(state, category), open);
            }
        }
        if (category == null) { // rule 5 (rule 1 made sure the window is open): a service message
            // 2.9.5 free; 2.10.5 free within the phone number's monthly free tier, which the month settles
            return (regime.serviceCharged() ? SERVICE_FREE_TIER : SERVICE_FREE)[flags];
        }
        if (category == Category.UTILITY && state.serviceWindowOpenAt(t)) {
            // 2.9.6 free; from 2026-10-01 (2.10.6) charged as rule 7, and marked: a cost that was free before
            return (regime.utilityInWindowCharged() ? UTILITY_IN_WINDOW_CHARGED : UTILITY_FREE)[flags];
        }
        return CHARGED_BY_CATEGORY[category.ordinal()][flags]; // rule 7
    }

    /** 2.5: a marketing template into an open marketing conversation that already had two. */
    private static int frequencyCapRisk(ThreadState state, Category category) {
        return category == Category.MARKETING && state.marketingCount() >= MARKETING_TEMPLATES_ALLOWED
                ? Flags.FREQUENCY_CAP_RISK : 0;
    }

    private static Decision unattached(Outcome outcome, int flags, PricingModel model) {
        return new Decision(outcome, Flags.of(flags), null, null, NONE_CLOSED, model, null, null, false,
                MonthPosition.NONE);
    }

    private static Decision inCbpConversation(Outcome outcome, int flags, Conversation conversation) {
        return new Decision(outcome, Flags.of(flags), conversation.conversationId(), null, NONE_CLOSED,
                PricingModel.CBP, null, null, false, MonthPosition.NONE);
    }

    /** One PMP decision without a conversation per flag set (indexed by the flag mask). */
    private static Decision[] perMessageByFlags(Outcome outcome, Category category, ConversationType type,
                                                boolean charged, MonthPosition position) {
        return perMessageByFlags(outcome, category, type, charged, position, false);
    }

    private static Decision[] perMessageByFlags(Outcome outcome, Category category, ConversationType type,
                                                boolean charged, MonthPosition position, boolean inWindow) {
        Decision[] byFlags = new Decision[Flags.MASKS];
        for (int mask = 0; mask < byFlags.length; mask++) {
            byFlags[mask] = new Decision(outcome, Flags.of(mask), null, null, NONE_CLOSED, PricingModel.PMP, category,
                    type, charged, position, inWindow);
        }
        return byFlags;
    }

    private static Decision openedRegular(ThreadMessage m, Instant t, Category category, int flags) {
        Conversation opened = new Conversation(Conversation.idFor(m.messageId()), category, ConversationType.REGULAR,
                t, t.plus(DAY), m.messageId(), PricingModel.CBP);
        return new Decision(Outcome.OPENED_CONVERSATION, Flags.of(flags), opened.conversationId(), opened,
                NONE_CLOSED, PricingModel.CBP, null, null, false, MonthPosition.NONE);
    }

    private static List<Decision.ClosedEarly> closedEarlyAt(ThreadState state, Instant t) {
        int n = 0;
        for (int i = 0; i < state.openConversationCount(); i++) {
            if (state.openConversation(i).isOpenAt(t)) n++;
        }
        if (n == 0) return NONE_CLOSED;
        Decision.ClosedEarly[] closed = new Decision.ClosedEarly[n];
        int j = 0;
        for (int i = 0; i < state.openConversationCount(); i++) {
            Conversation c = state.openConversation(i);
            if (c.isOpenAt(t)) closed[j++] = new Decision.ClosedEarly(c.conversationId(), t);
        }
        return List.of(closed);
    }

    private static Category templateCategory(ThreadMessage m) {
        Category c = m.templateCategory();
        if (c == null || !c.isTemplateCategory()) {
            throw new IllegalArgumentException("template " + m.messageId() + " has no template category: " + c);
        }
        return c;
    }

    /** The thread after the message, given what {@link #decide} said about it. */
    public static ThreadState evolve(ThreadState state, ThreadMessage m, Decision d) {
        Instant t = m.eventTime();
        switch (d.outcome()) {
            case INBOUND: { // 2.3
                Conversation freeEntryPoint = state.freeEntryPointAt(t);
                Instant windowEnd = t.plus(DAY);
                Instant offerEnd = m.entryPointReferral() && freeEntryPoint == null
                        ? windowEnd
                        : openOfferEnd(state, t);
                // the customer replied: the marketing count starts again
                return ThreadState.with(windowEnd, offerEnd, state.openAt(t), freeEntryPoint, 0);
            }
            case OPENED_FREE_ENTRY_POINT: {
                Conversation opened = d.opened();
                Instant csw = openServiceWindowEnd(state, t);
                if (opened.model() == PricingModel.CBP) { // 2.4.3: every other conversation closes at t
                    return ThreadState.with(csw, null, ThreadState.none(), opened, 0);
                }
                // 2.9.3/2.9.4: CBP conversations carried over the switch run to their scheduled end
                return ThreadState.with(csw, null, state.openAt(t), opened, state.marketingCountAt(t));
            }
            case OPENED_CONVERSATION: {
                Conversation opened = d.opened();
                Conversation[] stillOpen = state.openAt(t);
                Conversation[] open = new Conversation[stillOpen.length + 1];
                System.arraycopy(stillOpen, 0, open, 0, stillOpen.length);
                open[stillOpen.length] = opened;
                int count = opened.category() == Category.MARKETING ? 1 : state.marketingCountAt(t);
                return ThreadState.with(openServiceWindowEnd(state, t), openOfferEnd(state, t), open,
                        state.freeEntryPointAt(t), count);
            }
            case IN_OPEN_CONVERSATION: {
                if (m.template() && m.templateCategory() == Category.MARKETING) { // one more in the marketing conversation
                    return ThreadState.with(openServiceWindowEnd(state, t), openOfferEnd(state, t), state.openAt(t),
                            state.freeEntryPointAt(t), state.marketingCountAt(t) + 1);
                }
                return state.expireAt(t);
            }
            default: // failed, refused, free entry point, per-message: nothing changes
                return state.expireAt(t);
        }
    }

    private static Instant openServiceWindowEnd(ThreadState state, Instant t) {
        return state.serviceWindowOpenAt(t) ? state.serviceWindowEnd() : null;
    }

    private static Instant openOfferEnd(ThreadState state, Instant t) {
        return state.entryPointOfferOpenAt(t) ? state.entryPointOfferEnd() : null;
    }
}
