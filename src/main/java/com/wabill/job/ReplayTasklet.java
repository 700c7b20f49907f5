package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.LedgerLoad;
import com.wabill.ledger.MovedMessages;
import com.wabill.rating.ReferenceData;
import com.wabill.rating.ReferencePricer;
import com.wabill.replay.ThreadReplayer;
import com.wabill.spill.OutcomeSpill;
import com.wabill.spill.SpillCodec;
import com.wabill.spill.SpillInput;
import com.wabill.spill.ThreadSegments;

/**
 * One thread bucket: loads its messages (bounded by the bucket size), sorts them per thread in replay order,
 * replays them from the carried state, and writes the ledger rows and carried states in the step's transaction.
 * A failed bucket leaves nothing behind; a restart replays it whole, and skips the buckets already done, also one
 * whose transaction committed just before its process died (the step context, committed with the rows, says so:
 * {@link RunCounters#REPLAY_COMMITTED_BY}).
 */
public class ReplayTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReplayTasklet.class);

    private final RunPlan plan;
    private final int bucket;
    private final ReferenceData reference;
    private final DataSource dataSource;
    private final CarriedStates carriedStates;
    private final MovedMessages movedMessages;

    public ReplayTasklet(RunPlan plan, int bucket, ReferenceData reference, DataSource dataSource,
            CarriedStates carriedStates, MovedMessages movedMessages) {
        this.movedMessages = movedMessages;
        this.plan = plan;
        this.bucket = bucket;
        this.reference = reference;
        this.dataSource = dataSource;
        this.carriedStates = carriedStates;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext ctx = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (ctx.containsKey(RunCounters.REPLAY_COMMITTED_BY)) {
            // the bucket's transaction committed, but its process died before the step was marked complete: its
            // rows are in the ledger, and its counters in this context (restored from the failed execution)
            log.info("Replay bucket {} was written by execution {} before its process stopped; not written again.",
                    bucket, ctx.getLong(RunCounters.REPLAY_COMMITTED_BY));
            return RepeatStatus.FINISHED;
        }
        List<AcceptedMessage> read = new ArrayList<>();
        // segment `bucket` of every dedupe bucket's file: the replay runs after every dedupe bucket completed
        for (int k = 0; k < plan.buckets(); k++) {
            Path file = ThreadSegments.file(plan.threadsDir(), k);
            if (!Files.exists(file)) {
                throw new IllegalStateException("Dedupe bucket " + k + " left no output (" + file + ")");
            }
            try (SpillInput in = ThreadSegments.openSegment(file, bucket, plan.buckets())) {
                while (in.hasMore()) read.add(SpillCodec.readAcceptedMessage(in));
            }
        }
        // messages a later run billed on a later day (it saw their delivery receipt; this run reads no logs after
        // its days): they belong to that day, not to this run's
        Set<String> billedLater = movedMessages.anyPricedAfter(plan.to())
                ? movedMessages.billedAfter(plan.to(), messageIds(read)) : Set.of();
        if (!billedLater.isEmpty()) {
            read.removeIf(m -> billedLater.contains(m.messageId()));
            log.info("Replay bucket {}: {} message(s) left to the later day that billed them (their delivery came"
                    + " after {})", bucket, billedLater.size(), plan.to());
        }
        List<AcceptedMessage> messages = ThreadReplayer.sortBucket(read);
        read = null;

        Map<ThreadReplayer.ThreadKey, ThreadState> carried = plan.carriedFrom() == null ? new HashMap<>()
                : carriedStates.load(plan.carriedFrom(), plan.buckets(), bucket);
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        ReferencePricer pricer = new ReferencePricer(reference);
        ReplayBucketSink sink = new ReplayBucketSink(new LedgerLoad(dataSource, jobExecutionId, plan.from(), plan.to()),
                new OutcomeSpill(plan.outcomesDir(), bucket), pricer, plan.buckets());
        new ThreadReplayer(pricer, sink, plan.from(), plan.to()).replayBucket(messages, carried);
        sink.finish();

        sink.counters().forEach(ctx::putLong);
        if (!billedLater.isEmpty()) {
            // counted as replayed by dedupe; they are the later day's (the counters are summed over the steps)
            ctx.putLong(RunCounters.REPLAYED, -billedLater.size());
            ctx.putLong(RunCounters.LEFT_FOR_LATER, billedLater.size());
        }
        // saved with the step's context in the same transaction as the ledger rows
        ctx.putLong(RunCounters.REPLAY_COMMITTED_BY, jobExecutionId);
        contribution.incrementWriteCount(messages.size());
        return RepeatStatus.FINISHED;
    }

    private static Set<String> messageIds(List<AcceptedMessage> messages) {
        Set<String> ids = new HashSet<>(messages.size() * 2);
        for (AcceptedMessage m : messages) ids.add(m.messageId());
        return ids;
    }
}
