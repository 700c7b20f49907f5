package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.engine.PricingModel;
import com.wabill.ingest.DuplicateMerger;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RejectionCode;
import com.wabill.ingest.RowRejection;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.ReferenceData;
import com.wabill.spill.IngestRecord;
import com.wabill.spill.KeySort;
import com.wabill.spill.SpillInput;
import com.wabill.spill.SpillOutput;
import com.wabill.spill.ThreadSegments;

/**
 * One message-id bucket: merges the copies of each message (SPEC 1.1), decides each message's event time and
 * pricing model, and routes it by thread to the replay buckets: billed range, warm-up, or left for a later run.
 * A bucket holds every copy of its messages, so merging needs nothing from the other buckets.
 */
public class DedupeTasklet implements Tasklet {

    /** How far after the start of the run a log time may lie (clocks of exporters and of this machine differ). */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    private final RunPlan plan;
    private final int bucket;
    private final ReferenceData reference;
    private final Duration lookback;
    private final Duration warmup;

    public DedupeTasklet(RunPlan plan, int bucket, ReferenceData reference, int lookbackDays, int warmupDays) {
        this.plan = plan;
        this.bucket = bucket;
        this.reference = reference;
        this.lookback = Duration.ofDays(lookbackDays);
        this.warmup = Duration.ofDays(warmupDays);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<LogRow> read = new ArrayList<>();
        Path in = MessageIdSpillWriter.bucketFile(plan.ingestDir(), bucket);
        if (Files.exists(in)) {
            try (SpillInput input = new SpillInput(in)) {
                while (input.hasMore()) read.add(IngestRecord.readRow(input, plan.files()));
            }
        }
        LogRow[] rows = read.toArray(new LogRow[0]);
        read = null;
        // by a 64-bit hash of the message id (a primitive radix sort), the ids themselves compared only on equal
        // hashes: the copies of a message end up together (in the order they were read), whatever the hash
        long[] idHash = new long[rows.length];
        for (int i = 0; i < rows.length; i++) idHash[i] = KeySort.hash(rows[i].messageId());
        int[] order = KeySort.sort(idHash, (a, b) -> rows[a].messageId().compareTo(rows[b].messageId()));
        List<RowRejection> future = new ArrayList<>();
        int n = order.length;
        if (plan.plannedAt() != null) {
            Instant latest = plan.plannedAt().plus(FUTURE_TOLERANCE);
            int kept = 0;
            for (int p = 0; p < order.length; p++) {
                LogRow r = rows[order[p]];
                String why = futureTime(r, latest, plan.plannedAt());
                if (why != null) {
                    future.add(RowRejection.of(r.source(), r.rowNumber(), r.messageId(), RejectionCode.INVALID_VALUE, why));
                } else {
                    order[kept++] = order[p];
                }
            }
            n = kept;
        }

        Counts counts = new Counts();
        // the first few (by message id) for the error message
        TreeMap<String, String> beforeModel = new TreeMap<>();
        Instant replayStart = plan.replayStart();
        Instant replayEnd = plan.replayEnd();
        Instant warmupStart = plan.warmup() ? replayStart.minus(warmup) : replayStart;

        int buckets = plan.buckets();
        ThreadSegments.Writer threads = new ThreadSegments.Writer(buckets, n);
        // the zone of each WABA, looked up once (the accounts bean is a proxy, and rows come in hash order)
        var accounts = reference.accounts();
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        try (SpillOutput rejected = SpillOutput.create(plan.rejectedDir().resolve("dedupe-" + bucket + ".bin"))) {
            for (RowRejection r : future) IngestRecord.writeRejection(rejected, r);
            if (!future.isEmpty()) counts.add(REJECTED, future.size());
            int i = 0;
            while (i < n) {
                LogRow firstCopy = rows[order[i]];
                int j = i + 1;
                // a group ends where the id does: equal hashes are not enough
                while (j < n && idHash[order[j]] == idHash[order[i]] && rows[order[j]].messageId().equals(firstCopy.messageId())) j++;
                List<LogRow> copies = new ArrayList<>(j - i);
                for (int p = i; p < j; p++) copies.add(rows[order[p]]);
                DuplicateMerger.Result result = DuplicateMerger.merge(copies);
                for (int p = i; p < j; p++) rows[order[p]] = null; // let the copies go as we go
                i = j;
                if (result instanceof DuplicateMerger.Conflicting conflicting) {
                    for (RowRejection r : conflicting.rejections()) IngestRecord.writeRejection(rejected, r);
                    counts.add(REJECTED, conflicting.rejections().size());
                    continue;
                }
                DuplicateMerger.Merged merged = (DuplicateMerger.Merged) result;
                counts.add(MERGED_COPIES, merged.mergedAway());
                counts.add(ACCEPTED, 1);
                LogRow row = merged.row();
                Instant eventTime = row.eventTime();
                if (eventTime.isBefore(warmupStart)) {
                    counts.add(BEFORE_RANGE, 1);
                    continue;
                }
                if (!eventTime.isBefore(replayEnd)) {
                    counts.add(LEFT_FOR_LATER, 1);
                    // a later daily run reads only lookback days of partitions: it will never see this one
                    if (Duration.between(row.sentAt(), eventTime).compareTo(lookback) > 0) counts.add(LATE_DELIVERIES, 1);
                    continue;
                }
                boolean isWarmup = eventTime.isBefore(replayStart);
                ZoneId zone = zones.computeIfAbsent(row.wabaId(), w -> accounts.account(w).zone());
                PricingModel model = PricingModel.at(eventTime, zone);
                if (model == null) {
                    if (isWarmup) {
                        counts.add(BEFORE_RANGE, 1);
                        continue;
                    }
                    beforeModel.put(row.messageId(), row.messageId() + " (" + row.source() + " row " + row.rowNumber() + ", " + eventTime + ")");
                    if (beforeModel.size() > 5) beforeModel.pollLastEntry();
                    counts.add(BEFORE_MODEL, 1);
                    continue;
                }
                counts.add(isWarmup ? WARMUP_MESSAGES : REPLAYED, 1);
                AcceptedMessage m = new AcceptedMessage(row.messageId(), row.wabaId(), row.phoneNumberId(),
                        row.businessPhoneNumber(), row.contactWaId(), row.direction(), row.sentAt(),
                        row.deliveredAt(), eventTime, row.status(), row.template(), row.templateCategory(),
                        isEntryPoint(row.referralSourceType()), row.metaConversationId(),
                        row.metaConversationCategory(), row.metaBillable(), row.metaPricingModel(), model, isWarmup);
                threads.add(AcceptedMessage.threadBucket(m.phoneNumberId(), m.contactWaId(), buckets), m);
            }
        }
        // one file for all the replay buckets, written whole (also by a re-run of this bucket)
        threads.writeTo(ThreadSegments.file(plan.threadsDir(), bucket));
        Map<String, Long> counters = counts.toMap();
        ExecutionContext ctx = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        counters.forEach((k, v) -> ctx.putLong("count." + k, v));
        if (!beforeModel.isEmpty()) {
            throw new IllegalStateException("No pricing model: " + counters.get("beforeModel")
                    + " message(s) have an event time before 2023-06-01 in their WABA's time zone, for example "
                    + String.join("; ", beforeModel.values()) + ". Remove them from the logs or bill a later range.");
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Why a row's time is in the future (after the run was planned, beyond a clock-skew tolerance), or null. Such a
     * time is a broken clock or a corrupt value: left for a later run, it would silently never be billed.
     */
    static String futureTime(LogRow r, Instant latest, Instant plannedAt) {
        if (r.sentAt().isAfter(latest)) return "sent_at " + r.sentAt() + " is in the future (the run started at " + plannedAt + ")";
        if (r.deliveredAt() != null && r.deliveredAt().isAfter(latest)) {
            return "delivered_at " + r.deliveredAt() + " is in the future (the run started at " + plannedAt + ")";
        }
        return null;
    }

    static boolean isEntryPoint(String referralSourceType) {
        return "AD".equals(referralSourceType) || "POST".equals(referralSourceType);
    }

    private static final String[] COUNTS = {"rejected", "mergedCopies", "accepted", "beforeRange", "leftForLater",
            "lateDeliveries", "beforeModel", "warmupMessages", "replayed"};
    private static final int REJECTED = 0, MERGED_COPIES = 1, ACCEPTED = 2, BEFORE_RANGE = 3, LEFT_FOR_LATER = 4,
            LATE_DELIVERIES = 5, BEFORE_MODEL = 6, WARMUP_MESSAGES = 7, REPLAYED = 8;

    /** The bucket's counters, in an array (not a map updated per message); a counter added to is reported, 0 too. */
    private static final class Counts {
        private final long[] values = new long[COUNTS.length];
        private final boolean[] added = new boolean[COUNTS.length];

        void add(int counter, long n) {
            values[counter] += n;
            added[counter] = true;
        }

        Map<String, Long> toMap() {
            Map<String, Long> map = new TreeMap<>();
            for (int k = 0; k < COUNTS.length; k++) if (added[k]) map.put(COUNTS[k], values[k]);
            return map;
        }
    }
}
