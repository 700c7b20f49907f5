package com.wabill.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The first few ids (by time, then id) of a possibly huge set, and how many there are: bounded memory, and the same
 * result whatever order the ids arrive in.
 */
final class IdSample {

    static final int SHOWN = 5;

    private final int shown;

    private record Entry(Instant at, String id) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::id);

    private final TreeSet<Entry> first = new TreeSet<>(ORDER);
    private long total;

    /** Keeps the first {@link #SHOWN}. */
    IdSample() {
        this(SHOWN);
    }

    /** Keeps the first {@code shown}. */
    IdSample(int shown) {
        this.shown = shown;
    }

    void add(String id, Instant at) {
        total++;
        first.add(new Entry(at, id));
        if (first.size() > shown) first.pollLast();
    }

    void addAll(IdSample other) {
        total += other.total;
        for (Entry e : other.first) {
            first.add(e);
            if (first.size() > shown) first.pollLast();
        }
    }

    long total() {
        return total;
    }

    /** {@code a, b, c, d, e and 7 more}; empty when there are none. */
    String describe() {
        List<String> ids = new ArrayList<>(first.size());
        for (Entry e : first) ids.add(e.id());
        String s = String.join(", ", ids);
        long more = total - ids.size();
        return more > 0 ? s + " and " + more + " more" : s;
    }
}
