package com.wabill.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Immutable state of one thread (phone_number_id, contact) between two messages (SPEC 2.2): the
 * customer service window, the free entry point offer, the open conversations (at most one per
 * category MARKETING, UTILITY, AUTHENTICATION, SERVICE), the open free entry point conversation or
 * window, and the marketing count.
 *
 * <p>Open conversations are kept in opening order, which is replay order: "the most recently opened,
 * at equal times the later in replay order" (SPEC 2.4.5) is the last one with the latest opening time.
 *
 * <p>Expiry is lazy: a window or conversation whose end is at or before an event time is treated as
 * closed by the engine whether or not it has been dropped. {@link #expireAt(Instant)} drops it, which
 * keeps the state carried between runs small and canonical.
 */
public final class ThreadState {

    private static final Conversation[] NONE = new Conversation[0];

    /** A thread with nothing open: the start of every replay. */
    public static final ThreadState EMPTY = new ThreadState(null, null, NONE, null, 0);

    private final Instant serviceWindowEnd;
    private final Instant entryPointOfferEnd;
    /** Opening order; never mutated once the state is built, so states can share it. */
    private final Conversation[] openConversations;
    private final Conversation freeEntryPoint;
    private final int marketingCount;

    ThreadState(Instant serviceWindowEnd, Instant entryPointOfferEnd, Conversation[] openConversations,
                Conversation freeEntryPoint, int marketingCount) {
        this.serviceWindowEnd = serviceWindowEnd;
        this.entryPointOfferEnd = entryPointOfferEnd;
        this.openConversations = openConversations;
        this.freeEntryPoint = freeEntryPoint;
        this.marketingCount = marketingCount;
    }

    /**
     * Builds a state, checking its invariants (used when state comes from outside the engine, such
     * as the codec or tests).
     *
     * @param serviceWindowEnd   end of the customer service window, or null when none was ever opened
     * @param entryPointOfferEnd end of the free entry point offer, or null
     * @param openConversations  open conversations in opening order, at most one per category, none of
     *                           them a free entry point one
     * @param freeEntryPoint     the free entry point conversation (CBP) or window (PMP), or null
     * @param marketingCount     marketing templates delivered in the open marketing conversation since it
     *                           opened or since the last inbound message (SPEC 2.5)
     */
    public static ThreadState of(Instant serviceWindowEnd, Instant entryPointOfferEnd,
                                 List<Conversation> openConversations, Conversation freeEntryPoint,
                                 int marketingCount) {
        Conversation[] open = openConversations.toArray(NONE);
        boolean[] seen = new boolean[Category.values().length];
        for (Conversation c : open) {
            Objects.requireNonNull(c, "open conversation");
            if (c.isFreeEntryPoint() || c.category() == Category.REFERRAL_CONVERSION) {
                throw new IllegalArgumentException("free entry point conversation among the regular ones: " + c);
            }
            if (seen[c.category().ordinal()]) {
                throw new IllegalArgumentException("two open " + c.category() + " conversations");
            }
            seen[c.category().ordinal()] = true;
        }
        if (freeEntryPoint != null && (!freeEntryPoint.isFreeEntryPoint()
                || freeEntryPoint.category() != Category.REFERRAL_CONVERSION)) {
            throw new IllegalArgumentException("not a free entry point conversation: " + freeEntryPoint);
        }
        if (marketingCount < 0) {
            throw new IllegalArgumentException("negative marketing count " + marketingCount);
        }
        if (serviceWindowEnd == null && entryPointOfferEnd == null && open.length == 0
                && freeEntryPoint == null && marketingCount == 0) {
            return EMPTY;
        }
        return new ThreadState(serviceWindowEnd, entryPointOfferEnd, open, freeEntryPoint, marketingCount);
    }

    /** End of the customer service window (exclusive), or null. It may lie in the past until expired. */
    public Instant serviceWindowEnd() {
        return serviceWindowEnd;
    }

    /** End of the free entry point offer (exclusive), or null. */
    public Instant entryPointOfferEnd() {
        return entryPointOfferEnd;
    }

    /** Open conversations in opening (replay) order, free entry point ones excluded. */
    public List<Conversation> openConversations() {
        return Collections.unmodifiableList(Arrays.asList(openConversations));
    }

    /** The free entry point conversation (CBP) or window (PMP), or null. */
    public Conversation freeEntryPoint() {
        return freeEntryPoint;
    }

    public int marketingCount() {
        return marketingCount;
    }

    // ---- queries at an event time; they treat anything ended at or before t as closed ----

    public boolean serviceWindowOpenAt(Instant t) {
        return serviceWindowEnd != null && t.isBefore(serviceWindowEnd);
    }

    public boolean entryPointOfferOpenAt(Instant t) {
        return entryPointOfferEnd != null && t.isBefore(entryPointOfferEnd);
    }

    /** The free entry point conversation or window open at {@code t}, or null. */
    public Conversation freeEntryPointAt(Instant t) {
        return freeEntryPoint != null && freeEntryPoint.isOpenAt(t) ? freeEntryPoint : null;
    }

    /** The conversation of {@code category} open at {@code t}, or null. */
    public Conversation openConversationAt(Category category, Instant t) {
        for (Conversation c : openConversations) {
            if (c.category() == category && c.isOpenAt(t)) return c;
        }
        return null;
    }

    /**
     * The most recently opened conversation open at {@code t}; at equal opening times the later in
     * replay order, which is the later in the list. Null when none is open.
     */
    public Conversation mostRecentlyOpenedAt(Instant t) {
        Conversation latest = null;
        for (Conversation c : openConversations) {
            if (c.isOpenAt(t) && (latest == null || !c.openedAt().isBefore(latest.openedAt()))) latest = c;
        }
        return latest;
    }

    /** The marketing count, valid only while a marketing conversation is open. */
    int marketingCountAt(Instant t) {
        return openConversationAt(Category.MARKETING, t) != null ? marketingCount : 0;
    }

    int openConversationCount() {
        return openConversations.length;
    }

    Conversation openConversation(int i) {
        return openConversations[i];
    }

    Conversation[] openConversationArray() {
        return openConversations;
    }

    /**
     * Drops everything whose end is at or before {@code t} (SPEC 2.2): the window, the offer,
     * conversations, the free entry point; the marketing count goes with the marketing conversation.
     * Returns this state when nothing ends.
     */
    public ThreadState expireAt(Instant t) {
        Instant csw = serviceWindowOpenAt(t) ? serviceWindowEnd : null;
        Instant offer = entryPointOfferOpenAt(t) ? entryPointOfferEnd : null;
        Conversation fep = freeEntryPointAt(t);
        Conversation[] open = openAt(t);
        int count = marketingCountAt(t);
        if (csw == serviceWindowEnd && offer == entryPointOfferEnd && fep == freeEntryPoint
                && open == openConversations && count == marketingCount) {
            return this;
        }
        return with(csw, offer, open, fep, count);
    }

    /** The open conversations still open at {@code t}; the same array when none has ended. */
    Conversation[] openAt(Instant t) {
        int stillOpen = 0;
        for (Conversation c : openConversations) {
            if (c.isOpenAt(t)) stillOpen++;
        }
        if (stillOpen == openConversations.length) return openConversations;
        if (stillOpen == 0) return NONE;
        Conversation[] open = new Conversation[stillOpen];
        int i = 0;
        for (Conversation c : openConversations) {
            if (c.isOpenAt(t)) open[i++] = c;
        }
        return open;
    }

    static ThreadState with(Instant csw, Instant offer, Conversation[] open, Conversation fep, int count) {
        if (csw == null && offer == null && open.length == 0 && fep == null && count == 0) return EMPTY;
        return new ThreadState(csw, offer, open, fep, count);
    }

    static Conversation[] none() {
        return NONE;
    }

    /** Nothing open and nothing counted: a thread that need not be carried to the next run. */
    public boolean isEmpty() {
        return serviceWindowEnd == null && entryPointOfferEnd == null && openConversations.length == 0
                && freeEntryPoint == null && marketingCount == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ThreadState other)) return false;
        return marketingCount == other.marketingCount
                && Objects.equals(serviceWindowEnd, other.serviceWindowEnd)
                && Objects.equals(entryPointOfferEnd, other.entryPointOfferEnd)
                && Arrays.equals(openConversations, other.openConversations)
                && Objects.equals(freeEntryPoint, other.freeEntryPoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceWindowEnd, entryPointOfferEnd, Arrays.hashCode(openConversations),
                freeEntryPoint, marketingCount);
    }

    @Override
    public String toString() {
        return "ThreadState[serviceWindowEnd=" + serviceWindowEnd + ", entryPointOfferEnd=" + entryPointOfferEnd
                + ", openConversations=" + Arrays.toString(openConversations) + ", freeEntryPoint=" + freeEntryPoint
                + ", marketingCount=" + marketingCount + "]";
    }
}
