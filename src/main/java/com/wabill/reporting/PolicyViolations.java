package com.wabill.reporting;

import java.time.Instant;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The {@code OUTSIDE_SERVICE_WINDOW} messages of a run as the summary shows them: how many, and the earliest
 * {@value RunSummary#MAX_POLICY_EXAMPLES} (by time, then message id). Gathered while the outcomes are published,
 * from several threads at once.
 */
public final class PolicyViolations {

    private record Example(String messageId, String wabaId, String contactDigits, Instant time) {}

    private static final Comparator<Example> EARLIEST = Comparator
            .comparing(Example::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Example::messageId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final TreeSet<Example> examples = new TreeSet<>(EARLIEST);
    private long count;

    public synchronized void add(String messageId, String wabaId, String contactDigits, Instant time) {
        count++;
        examples.add(new Example(messageId, wabaId, contactDigits, time));
        if (examples.size() > RunSummary.MAX_POLICY_EXAMPLES) examples.pollLast();
    }

    public synchronized long count() {
        return count;
    }

    /** Adds them to a summary (contacts are masked there). */
    public synchronized void addTo(RunSummary.Builder summary) {
        for (Example e : examples) summary.addPolicyViolation(e.messageId(), e.wabaId(), e.contactDigits(), e.time());
        summary.addPolicyViolationCount(count - examples.size());
    }
}
