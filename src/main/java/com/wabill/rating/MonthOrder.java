package com.wabill.rating;

import java.time.Instant;

/**
 * The count and the last item of one key of a month-position calculator: checks that items come in the order the
 * calculator numbers them (event or opening time, then message id, then a tie-breaker), so that a caller that feeds
 * them out of order fails loudly instead of numbering them wrong.
 */
final class MonthOrder {

    private long count;
    private Instant lastTime;
    private String lastId;
    private String lastTie;

    /**
     * The position (from 1) of the next item.
     *
     * @throws IllegalArgumentException when the item is not after the previous one of its key
     */
    long next(Instant time, String id, String tie, String what) {
        if (lastTime != null) {
            int c = time.compareTo(lastTime);
            if (c == 0) c = id.compareTo(lastId);
            if (c == 0 && tie != null) c = tie.compareTo(lastTie);
            if (c <= 0) {
                throw new IllegalArgumentException(what + ": " + id + " at " + time + (c == 0 ? " is given twice"
                        : " comes after " + lastId + " at " + lastTime + ": items must come in the order they are numbered in"));
            }
        }
        lastTime = time;
        lastId = id;
        lastTie = tie;
        return ++count;
    }
}
