package com.wabill.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated log row, for property tests that count what ingest makes of many: a copy of message {@code id};
 * {@code defect} 0 is a valid row, another value one way a row is bad; {@code variant} 0 is the message's own
 * content, another value changes a column that makes copies conflict; {@code status} picks a status update;
 * {@code file} the file it is written to. What each value writes is the generating test's.
 */
public record RowSpec(int id, int defect, int variant, int status, int file) {

    /** What SPEC 1.1 makes of the rows, counted from the specs alone. */
    public record Counts(long accepted, long rejected, long mergedAway) {
    }

    /**
     * A bad row is rejected; the copies of a message that disagree (more than one variant) are all rejected; the
     * others merge into one accepted message, the rest of its copies merged away.
     */
    public static Counts expected(List<RowSpec> specs) {
        Map<Integer, Set<Integer>> variants = new HashMap<>();
        Map<Integer, Integer> copies = new HashMap<>();
        long bad = 0;
        for (RowSpec s : specs) {
            if (s.defect() != 0) {
                bad++;
                continue;
            }
            variants.computeIfAbsent(s.id(), k -> new HashSet<>()).add(s.variant());
            copies.merge(s.id(), 1, Integer::sum);
        }
        long accepted = 0;
        long conflicting = 0;
        long mergedAway = 0;
        for (Map.Entry<Integer, Set<Integer>> e : variants.entrySet()) {
            int n = copies.get(e.getKey());
            if (e.getValue().size() > 1) {
                conflicting += n;
            } else {
                accepted++;
                mergedAway += n - 1;
            }
        }
        return new Counts(accepted, bad + conflicting, mergedAway);
    }
}
