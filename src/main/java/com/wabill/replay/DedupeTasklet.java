package com.wabill.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
        List<LogRow> rows = new ArrayList<>();
        Path in = MessageIdSpillWriter.bucketFile(plan.ingestDir(), bucket);
        if (Files.exists(in)) {
            try (SpillInput input = new SpillInput(in)) {
                while (input.hasMore()) rows.add(IngestRecord.readRow(input, plan.files()));
            }
        }
        rows.sort(Comparator.comparing(LogRow::messageId));
        List<RowRejection> future = new ArrayList<>();
        if (plan.plannedAt() != null) {
            Instant latest = plan.plannedAt().plus(FUTURE_TOLERANCE);
            rows.removeIf(r -> {
                String why = futureTime(r, latest, plan.plannedAt());
                if (why != null) future.add(RowRejection.of(r.source(), r.rowNumber(), r.messageId(), RejectionCode.INVALID_VALUE, why));
                return why != null;
            });
        }

        Map<String, Long> counters = new TreeMap<>();
        List<String> beforeModel = new ArrayList<>();
        Instant replayStart = plan.replayStart();
        Instant replayEnd = plan.replayEnd();
        Instant warmupStart = plan.warmup() ? replayStart.minus(warmup) : replayStart;

        SpillOutput[] threadFiles = new SpillOutput[plan.buckets()];
        try (SpillOutput rejected = SpillOutput.create(plan.rejectedDir().resolve("dedupe-" + bucket + ".bin"))) {
            for (RowRejection r : future) IngestRecord.writeRejection(rejected, r);
            if (!future.isEmpty()) add(counters, "rejected", future.size());
            int i = 0;
            while (i < rows.size()) {
                int j = i + 1;
                while (j < rows.size() && rows.get(j).messageId().equals(rows.get(i).messageId())) j++;
                DuplicateMerger.Result result = DuplicateMerger.merge(rows.subList(i, j));
                i = j;
                if (result instanceof DuplicateMerger.Conflicting conflicting) {
                    for (RowRejection r : conflicting.rejections()) IngestRecord.writeRejection(rejected, r);
                    add(counters, "rejected", conflicting.rejections().size());
                    continue;
                }
                DuplicateMerger.Merged merged = (DuplicateMerger.Merged) result;
                add(counters, "mergedCopies", merged.mergedAway());
                add(counters, "accepted", 1);
                LogRow row = merged.row();
                Instant eventTime = row.eventTime();
                if (eventTime.isBefore(warmupStart)) {
                    add(counters, "beforeRange", 1);
                    continue;
                }
                if (!eventTime.isBefore(replayEnd)) {
                    add(counters, "leftForLater", 1);
                    // a later daily run reads only lookback days of partitions: it will never see this one
                    if (Duration.between(row.sentAt(), eventTime).compareTo(lookback) > 0) add(counters, "lateDeliveries", 1);
                    continue;
                }
                boolean isWarmup = eventTime.isBefore(replayStart);
                ZoneId zone = reference.accounts().account(row.wabaId()).zone();
                PricingModel model = PricingModel.at(eventTime, zone);
                if (model == null) {
                    if (isWarmup) {
                        add(counters, "beforeRange", 1);
                        continue;
                    }
                    if (beforeModel.size() < 5) {
                        beforeModel.add(row.messageId() + " (" + row.source() + " row " + row.rowNumber() + ", " + eventTime + ")");
                    }
                    add(counters, "beforeModel", 1);
                    continue;
                }
                add(counters, isWarmup ? "warmupMessages" : "replayed", 1);
                AcceptedMessage m = new AcceptedMessage(row.messageId(), row.wabaId(), row.phoneNumberId(),
                        row.businessPhoneNumber(), row.contactWaId(), row.direction(), row.sentAt(),
                        row.deliveredAt(), eventTime, row.status(), row.template(), row.templateCategory(),
                        isEntryPoint(row.referralSourceType()), row.metaConversationId(),
                        row.metaConversationCategory(), row.metaBillable(), row.metaPricingModel(), model, isWarmup);
                int t = AcceptedMessage.threadBucket(m.phoneNumberId(), m.contactWaId(), plan.buckets());
                if (threadFiles[t] == null) {
                    threadFiles[t] = SpillOutput.create(threadFile(plan, t, bucket));
                }
                m.writeTo(threadFiles[t]);
            }
        } finally {
            for (SpillOutput out : threadFiles) if (out != null) out.close();
        }
        ExecutionContext ctx = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        counters.forEach((k, v) -> ctx.putLong("count." + k, v));
        if (!beforeModel.isEmpty()) {
            throw new IllegalStateException("No pricing model: " + counters.get("beforeModel")
                    + " message(s) have an event time before 2023-06-01 in their WABA's time zone, for example "
                    + String.join("; ", beforeModel) + ". Remove them from the logs or bill a later range.");
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

    public static Path threadFile(RunPlan plan, int threadBucket, int idBucket) {
        return plan.threadsDir().resolve("t-" + threadBucket).resolve("from-" + idBucket + ".bin");
    }

    private static void add(Map<String, Long> counters, String key, long n) {
        counters.merge(key, n, Long::sum);
    }
}
