package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.ingest.AcceptedMessage;
import com.wabill.ingest.DedupeRules;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowRejection;
import com.wabill.rating.AccountDirectory;
import com.wabill.rating.ReferenceData;
import com.wabill.spill.KeySort;
import com.wabill.spill.SpillCodec;
import com.wabill.spill.SpillInput;
import com.wabill.spill.SpillOutput;
import com.wabill.spill.ThreadSegments;

/**
 * One message-id bucket: reads its rows, groups the copies of each message, lets {@link DedupeRules} decide what
 * becomes of each (merged, rejected, billed, warm-up or not replayed) and routes the replayed ones by thread to the
 * replay buckets. A bucket holds every copy of its messages, so merging needs nothing from the other buckets.
 */
public class DedupeTasklet implements Tasklet {

    private final RunPlan plan;
    private final int bucket;
    private final ReferenceData reference;
    private final Duration lookback;
    private final int warmupDays;

    public DedupeTasklet(RunPlan plan, int bucket, ReferenceData reference, int lookbackDays, int warmupDays) {
        this.plan = plan;
        this.bucket = bucket;
        this.reference = reference;
        this.lookback = Duration.ofDays(lookbackDays);
        this.warmupDays = warmupDays;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<LogRow> read = new ArrayList<>();
        Path in = MessageIdSpillWriter.bucketFile(plan.ingestDir(), bucket);
        if (Files.exists(in)) {
            try (SpillInput input = new SpillInput(in)) {
                while (input.hasMore()) read.add(SpillCodec.readRow(input, plan.files()));
            }
        }
        LogRow[] rows = read.toArray(new LogRow[0]);
        read = null;
        AccountDirectory accounts = reference.accounts(); // a proxy: looked up once
        DedupeRules rules = new DedupeRules(new DedupeRules.Window(plan.plannedAt(),
                plan.warmupStart(warmupDays), plan.replayStart(),
                plan.replayEnd(), lookback), accounts::zone);

        // by a 64-bit hash of the message id (a primitive radix sort), the ids themselves compared only on equal
        // hashes: the copies of a message end up together (in the order they were read), whatever the hash
        long[] idHash = new long[rows.length];
        for (int i = 0; i < rows.length; i++) idHash[i] = KeySort.hash(rows[i].messageId());
        int[] order = KeySort.sort(idHash, (a, b) -> rows[a].messageId().compareTo(rows[b].messageId()));
        // copies with a time in the future are rejected before the others are merged
        List<RowRejection> future = new ArrayList<>();
        int n = 0;
        for (int p = 0; p < order.length; p++) {
            RowRejection r = rules.rejectIfFuture(rows[order[p]]);
            if (r != null) future.add(r);
            else order[n++] = order[p];
        }

        int buckets = plan.buckets();
        ThreadSegments.Writer threads = new ThreadSegments.Writer(buckets, n);
        try (SpillOutput rejected = SpillOutput.create(plan.rejectedDir().resolve("dedupe-" + bucket + ".bin"))) {
            for (RowRejection r : future) SpillCodec.writeRejection(rejected, r);
            int i = 0;
            while (i < n) {
                LogRow firstCopy = rows[order[i]];
                int j = i + 1;
                // a group ends where the id does: equal hashes are not enough
                while (j < n && idHash[order[j]] == idHash[order[i]] && rows[order[j]].messageId().equals(firstCopy.messageId())) j++;
                List<LogRow> copies = new ArrayList<>(j - i);
                for (int p = i; p < j; p++) copies.add(rows[order[p]]);
                for (int p = i; p < j; p++) rows[order[p]] = null; // let the copies go as we go
                i = j;
                DedupeRules.Verdict verdict = rules.decide(copies);
                if (verdict instanceof DedupeRules.Replay replay) {
                    AcceptedMessage m = replay.message();
                    threads.add(AcceptedMessage.threadBucket(m.phoneNumberId(), m.contactWaId(), buckets), m);
                } else if (verdict instanceof DedupeRules.Rejected conflicting) {
                    for (RowRejection r : conflicting.rejections()) SpillCodec.writeRejection(rejected, r);
                }
            }
        }
        // one file for all the replay buckets, written whole (also by a re-run of this bucket)
        threads.writeTo(ThreadSegments.file(plan.threadsDir(), bucket));
        ExecutionContext ctx = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        rules.counters().forEach((counter, v) -> ctx.putLong(RunCounters.count(counter), v));
        Optional<String> noModel = rules.noPricingModel();
        if (noModel.isPresent()) throw new IllegalStateException(noModel.get());
        return RepeatStatus.FINISHED;
    }
}
