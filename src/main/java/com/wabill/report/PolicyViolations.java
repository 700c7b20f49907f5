package com.wabill.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import com.wabill.report.RunSummary.PolicyViolation;

/**
 * The {@code OUTSIDE_SERVICE_WINDOW} messages of a run as the summary shows them: how many, and the earliest
 * {@value RunSummary#MAX_POLICY_EXAMPLES} (by time, then message id), contacts masked. Thread-safe: publish adds
 * to it from several threads at once.
 */
public final class PolicyViolations {

    private static final Comparator<PolicyViolation> EARLIEST = Comparator
            .comparing(PolicyViolation::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(PolicyViolation::messageId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final TreeSet<PolicyViolation> examples = new TreeSet<>(EARLIEST);
    private long count;

    public synchronized void add(String messageId, String wabaId, String contactDigits, Instant time) {
        count++;
        examples.add(new PolicyViolation(messageId, wabaId, ContactMask.mask(contactDigits), time));
        if (examples.size() > RunSummary.MAX_POLICY_EXAMPLES) examples.pollLast();
    }

    public synchronized long count() {
        return count;
    }

    /** The earliest ones, earliest first. */
    public synchronized List<PolicyViolation> examples() {
        return new ArrayList<>(examples);
    }
}
