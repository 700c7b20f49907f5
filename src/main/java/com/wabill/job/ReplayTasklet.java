package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.engine.ThreadState;
import com.wabill.engine.ThreadStateCodec;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ledger.LedgerSink;
import com.wabill.rating.ReferenceData;
import com.wabill.rating.ReferencePricer;
import com.wabill.replay.ThreadReplayer;
import com.wabill.spill.SpillInput;
import com.wabill.spill.ThreadSegments;

/**
 * One thread bucket: loads its messages (bounded by the bucket size), sorts them per thread in replay order,
 * replays them from the carried state, and writes the ledger rows and carried states in the step's transaction.
 * A failed bucket leaves nothing behind; a restart replays it whole, and skips the buckets already done, also one
 * whose transaction committed just before its process died (the step context, committed with the rows, says so).
 */
public class ReplayTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReplayTasklet.class);
    /** Step context key: the bucket's rows are committed (value: the job execution that wrote them). */
    static final String COMMITTED = "replay.committedBy";

    private final RunPlan plan;
    private final int bucket;
    private final ReferenceData reference;
    private final DataSource dataSource;

    public ReplayTasklet(RunPlan plan, int bucket, ReferenceData reference, DataSource dataSource) {
        this.plan = plan;
        this.bucket = bucket;
        this.reference = reference;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext ctx = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (ctx.containsKey(COMMITTED)) {
            // the bucket's transaction committed, but its process died before the step was marked complete: its
            // rows are in the ledger, and its counters in this context (restored from the failed execution)
            log.info("Replay bucket {} was written by execution {} before its process stopped; not written again.",
                    bucket, ctx.getLong(COMMITTED));
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
                while (in.hasMore()) read.add(AcceptedMessage.readFrom(in));
            }
        }
        List<AcceptedMessage> messages = ThreadReplayer.sortBucket(read);
        read = null;

        Connection connection = DataSourceUtils.getConnection(dataSource);
        Map<ThreadReplayer.ThreadKey, ThreadState> carried = plan.warmup() ? new HashMap<>() : loadCarried(connection);
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        LedgerSink sink = new LedgerSink(connection, jobExecutionId, plan.to(), bucket, plan.outcomesDir());
        new ThreadReplayer(new ReferencePricer(reference), sink, plan.replayEnd()).replayBucket(messages, carried);
        sink.close();

        sink.counters().forEach((k, v) -> ctx.putLong("count." + k, v));
        ctx.putLong("carry.threads", sink.carriedThreads());
        ctx.putLong("carry.digest", sink.stateDigest());
        // saved with the step's context in the same transaction as the ledger rows
        ctx.putLong(COMMITTED, jobExecutionId);
        contribution.incrementWriteCount(messages.size());
        return RepeatStatus.FINISHED;
    }

    private Map<ThreadReplayer.ThreadKey, ThreadState> loadCarried(Connection connection) throws Exception {
        Map<ThreadReplayer.ThreadKey, ThreadState> carried = new HashMap<>();
        int k = plan.buckets();
        try (PreparedStatement ps = connection.prepareStatement(
                "select phone_number_id, contact_wa_id, state from thread_state"
                        + " where carry_day = ? and mod(mod(bucket_hash, ?) + ?, ?) = ?")) {
            ps.setDate(1, Date.valueOf(plan.from().minusDays(1)));
            ps.setInt(2, k);
            ps.setInt(3, k);
            ps.setInt(4, k);
            ps.setInt(5, bucket);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    carried.put(new ThreadReplayer.ThreadKey(rs.getString(1), rs.getString(2)),
                            ThreadStateCodec.decode(rs.getBytes(3)));
                }
            }
        }
        return carried;
    }
}
