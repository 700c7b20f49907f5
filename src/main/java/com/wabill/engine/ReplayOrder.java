package com.wabill.engine;

import java.time.Instant;
import java.util.Comparator;

/**
 * Replay order within a thread (SPEC 2.1): by event time; at the same instant inbound messages before
 * outbound ones (a customer message and a reply at one instant: the reply is inside the window); then
 * by message id in plain string order ({@code m10} before {@code m9}).
 */
public final class ReplayOrder implements Comparator<ThreadMessage> {

    public static final ReplayOrder INSTANCE = new ReplayOrder();

    private ReplayOrder() {
    }

    @Override
    public int compare(ThreadMessage a, ThreadMessage b) {
        return compare(a.eventTime(), a.direction(), a.messageId(), b.eventTime(), b.direction(), b.messageId());
    }

    /** The same order on bare keys, for callers that sort their own rows. */
    public static int compare(Instant aTime, Direction aDirection, String aMessageId,
                              Instant bTime, Direction bDirection, String bMessageId) {
        int c = aTime.compareTo(bTime);
        if (c != 0) return c;
        c = Integer.compare(rank(aDirection), rank(bDirection));
        if (c != 0) return c;
        return aMessageId.compareTo(bMessageId);
    }

    private static int rank(Direction d) {
        return d == Direction.INBOUND ? 0 : 1;
    }
}
