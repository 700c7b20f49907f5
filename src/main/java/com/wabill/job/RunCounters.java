package com.wabill.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.ingest.DedupeRules;

/**
 * The counters steps and bucket partitions leave in their execution contexts, by key (every key is defined here),
 * and their sum over every execution of the job instance: after a restart, buckets finished by the failed execution
 * still count, once.
 *
 * <ul>
 *   <li>{@code ingest.*}: the ingest step's rows accepted and rejected, and where it is in its files;</li>
 *   <li>{@code count.*}: the dedupe buckets' {@link DedupeRules.Counter counters}, and the replay buckets' outcomes,
 *       priced messages, conversations and early closes;</li>
 *   <li>{@code carry.*}: the threads the replay buckets carry out of the range, and the digest of their states;</li>
 *   <li>{@code replay.committedBy}: a replay bucket's rows are committed (by that job execution);</li>
 *   <li>{@code reconcile.*}: what the reconcile step compared and found, or why it was skipped.</li>
 * </ul>
 * The {@code ingest.*}, {@code count.*} and {@code carry.*} counters are summed by {@link #collect}.
 */
public final class RunCounters {

    private static final String INGEST = "ingest.";
    private static final String COUNT = "count.";
    private static final String CARRY = "carry.";

    public static final String INGEST_ACCEPTED = INGEST + "accepted";
    public static final String INGEST_REJECTED = INGEST + "rejected";
    /** The ingest step's position: the file it is in (an index into the plan's files) and the rows read of it. */
    public static final String INGEST_FILE = INGEST + "file";
    public static final String INGEST_ROW = INGEST + "row";

    public static final String ACCEPTED = count(DedupeRules.Counter.ACCEPTED);
    public static final String MERGED_COPIES = count(DedupeRules.Counter.MERGED_COPIES);
    public static final String REJECTED = count(DedupeRules.Counter.REJECTED);
    public static final String REPLAYED = count(DedupeRules.Counter.REPLAYED);
    public static final String LEFT_FOR_LATER = count(DedupeRules.Counter.LEFT_FOR_LATER);
    public static final String LATE_DELIVERIES = count(DedupeRules.Counter.LATE_DELIVERIES);
    public static final String CLOSED_EARLIER = COUNT + "closedEarlier";
    /** Messages billed before on an earlier day that this run bills on a later one (their event day moved). */
    public static final String MOVED = COUNT + "movedMessages";
    /** The bytes the run's scratch folder held at its peak (set by publish, not summed). */
    public static final String SCRATCH_PEAK_BYTES = "scratch.peakBytes";

    public static final String CARRY_THREADS = CARRY + "threads";
    public static final String CARRY_DIGEST = CARRY + "digest";

    /** 1 per replay bucket that carried state out of every billed day (not only the last). */
    public static final String CARRY_EVERY_DAY = CARRY + "everyDay";

    /** The threads carried out of {@code day} (a run carries state out of each of its days). */
    public static String carryThreads(java.time.LocalDate day) {
        return CARRY_THREADS + "." + day;
    }

    /** The digest of the states carried out of {@code day}. */
    public static String carryDigest(java.time.LocalDate day) {
        return CARRY_DIGEST + "." + day;
    }

    /** A replay bucket's rows are committed (value: the job execution that wrote them). */
    public static final String REPLAY_COMMITTED_BY = "replay.committedBy";

    public static final String RECONCILE_SKIPPED = "reconcile.skipped";
    public static final String RECONCILE_BUCKETS = "reconcile.buckets";
    public static final String RECONCILE_BUCKETS_COMPARED = "reconcile.bucketsCompared";
    public static final String RECONCILE_ITEMS_COMPARED = "reconcile.itemsCompared";
    public static final String RECONCILE_LINKS = "reconcile.links";
    public static final String RECONCILE_INVOICES = "reconcile.invoices";
    public static final String RECONCILE_DISCREPANCIES = "reconcile.discrepancies";

    private RunCounters() {
    }

    /** The key of a dedupe counter. */
    public static String count(DedupeRules.Counter counter) {
        return COUNT + counter.key;
    }

    /** Messages of the billed range with this outcome. */
    public static String outcome(Outcome outcome) {
        return COUNT + "outcome." + outcome.name();
    }

    /** PMP-priced messages of this pricing category and type. */
    public static String priced(Category category, ConversationType type) {
        return COUNT + "priced." + category + "." + type;
    }

    /** Conversations opened of this category and type. */
    public static String conversations(Category category, ConversationType type) {
        return COUNT + "conversations." + category + "." + type;
    }

    public static Map<String, Long> collect(JobRepository repo, JobExecution current) {
        Map<String, StepExecution> latest = new HashMap<>();
        List<JobExecution> executions = repo.getJobExecutions(current.getJobInstance());
        for (JobExecution je : executions) {
            JobExecution full = je.getId() == current.getId() ? current : repo.getJobExecution(je.getId());
            for (StepExecution se : full.getStepExecutions()) {
                if (se.getStatus() != BatchStatus.COMPLETED) continue;
                StepExecution seen = latest.get(se.getStepName());
                if (seen == null || seen.getId() < se.getId()) latest.put(se.getStepName(), se);
            }
        }
        Map<String, Long> totals = new TreeMap<>();
        for (StepExecution se : latest.values()) {
            se.getExecutionContext().entrySet().forEach(e -> {
                String key = e.getKey();
                if ((key.startsWith(COUNT) || key.startsWith(CARRY) || key.startsWith(INGEST))
                        && e.getValue() instanceof Number n) {
                    totals.merge(key, n.longValue(), Long::sum);
                }
            });
        }
        return totals;
    }
}
