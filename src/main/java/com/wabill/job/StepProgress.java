package com.wabill.job;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.wabill.ingest.MessageLogReader;
import com.wabill.report.FailureLine;

/**
 * Progress in the log while a job runs: every {@code wabill.progress-interval} (default 5 s) one line per running
 * step with the share done, the rate and the time left, and one line when a step ends.
 *
 * <ul>
 *   <li>{@code ingest}: rows read of the rows in the run's files (counted from the Parquet footers on the side,
 *       so the step never waits for it), rows per second, time left at that rate.</li>
 *   <li>{@code dedupe} and {@code replay} (partitioned): buckets finished of the run's buckets, the rows or
 *       messages of the finished buckets per second, time left at the pace of the finished buckets.</li>
 *   <li>the other steps (one call each): how long they have been running.</li>
 * </ul>
 * A restarted step counts what the failed run finished as done. Register it on a step with
 * {@code .listener(progress)}; on a partitioned step, on the manager and on its workers.
 */
@Component
public class StepProgress implements StepExecutionListener, ChunkListener<Object, Object>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StepProgress.class);

    enum Kind {
        /** A chunk step reading the run's log rows. */
        ROWS,
        /** A partitioned step: its workers are buckets. */
        BUCKETS,
        /** A step of one call: elapsed time only. */
        TIME
    }

    private final JobRepository jobRepository;
    private final Duration interval;
    private final ScheduledExecutorService ticker;
    /** Running steps (not partitions) by step execution id. */
    private final Map<Long, Meter> meters = new ConcurrentHashMap<>();

    public StepProgress(JobRepository jobRepository, @Value("${wabill.progress-interval:5s}") Duration interval) {
        this.jobRepository = jobRepository;
        this.interval = interval.isNegative() || interval.isZero() ? Duration.ofSeconds(5) : interval;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
    }

    public Duration interval() {
        return interval;
    }

    static Kind kindOf(String step) {
        return switch (step) {
            case "ingest" -> Kind.ROWS;
            case "dedupe", "replay" -> Kind.BUCKETS;
            default -> Kind.TIME;
        };
    }

    @Override
    public void beforeStep(StepExecution se) {
        if (isPartition(se)) return;
        Kind kind = kindOf(se.getStepName());
        Meter m = new Meter(se.getStepName(), se.getJobExecutionId(), kind,
                se.getStepName().equals("replay") ? "messages" : "rows", System.nanoTime());
        RunPlan plan = plan(se.getJobExecution());
        if (kind == Kind.ROWS && plan != null) {
            ExecutionContext ctx = se.getExecutionContext();
            int fileIndex = ctx.containsKey(RunCounters.INGEST_FILE) ? ctx.getInt(RunCounters.INGEST_FILE) : 0;
            long row = ctx.containsKey(RunCounters.INGEST_ROW) ? ctx.getLong(RunCounters.INGEST_ROW) : 0;
            List<String> files = plan.files();
            // the total is counted on the ticker's thread: the footers of many remote files take a while
            ticker.execute(() -> m.countRows(files, fileIndex, row));
        }
        if (kind == Kind.BUCKETS && plan != null) {
            long before = bucketsDoneBefore(se);
            m.total.set(plan.buckets());
            m.doneBefore.set(before);
            m.done.set(before);
        }
        meters.put(se.getId(), m);
        long ms = interval.toMillis();
        m.future = ticker.scheduleWithFixedDelay(() -> tick(m), ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution se) {
        if (isPartition(se)) {
            Meter manager = managerOf(se);
            if (manager != null && se.getStatus() == BatchStatus.COMPLETED) {
                manager.done.incrementAndGet();
                manager.items.addAndGet(bucketItems(se));
            }
            return null;
        }
        Meter m = meters.remove(se.getId());
        if (m == null) return null;
        if (m.future != null) m.future.cancel(false);
        if (m.kind == Kind.ROWS) m.done.set(Math.max(m.done.get(), m.doneBefore.get() + se.getReadCount()));
        log.info(m.snapshot(System.nanoTime()).endLine(se.getStatus()));
        return null;
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        StepContext ctx = StepSynchronizationManager.getContext();
        if (ctx == null) return;
        Meter m = meters.get(ctx.getStepExecution().getId());
        if (m != null && m.kind == Kind.ROWS) m.done.addAndGet(chunk.size());
    }

    private void tick(Meter m) {
        try {
            log.info(m.snapshot(System.nanoTime()).progressLine());
        } catch (RuntimeException e) {
            log.debug("progress line failed", e);
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    private static boolean isPartition(StepExecution se) {
        return se.getStepName().indexOf(':') >= 0;
    }

    /** {@code replay-bucket:bucket-0003} belongs to the running {@code replay} step of the same job execution. */
    private Meter managerOf(StepExecution worker) {
        String name = FailureLine.stepName(worker.getStepName());
        String manager = name.substring(0, name.indexOf(','));
        for (Meter m : meters.values()) {
            if (m.step.equals(manager) && m.jobExecutionId == worker.getJobExecutionId()) return m;
        }
        return null;
    }

    /** The rows (dedupe) or messages (replay) a finished bucket handled. */
    static long bucketItems(StepExecution worker) {
        if (worker.getWriteCount() > 0) return worker.getWriteCount();
        ExecutionContext ctx = worker.getExecutionContext();
        long n = 0;
        for (String key : new String[] {RunCounters.ACCEPTED, RunCounters.MERGED_COPIES, RunCounters.REJECTED}) {
            if (ctx.containsKey(key)) n += ctx.getLong(key);
        }
        return n;
    }

    /** Buckets of this step that earlier executions of the same run finished: a restart skips them. */
    private long bucketsDoneBefore(StepExecution manager) {
        JobExecution current = manager.getJobExecution();
        List<JobExecution> all = jobRepository.getJobExecutions(current.getJobInstance());
        if (all.size() <= 1) return 0;
        String prefix = manager.getStepName() + "-bucket:";
        Set<String> done = new HashSet<>();
        for (JobExecution je : all) {
            if (je.getId() == current.getId()) continue;
            JobExecution full = jobRepository.getJobExecution(je.getId());
            if (full == null) continue;
            for (StepExecution se : full.getStepExecutions()) {
                if (se.getStepName().startsWith(prefix) && se.getStatus() == BatchStatus.COMPLETED) done.add(se.getStepName());
            }
        }
        return done.size();
    }

    private static RunPlan plan(JobExecution je) {
        return RunContext.of(je).planIfMade().orElse(null);
    }

    /** What is known about one running step; updated by the step's threads, read by the ticker. */
    static final class Meter {
        final String step;
        final Kind kind;
        final String unit;
        final long startNanos;
        final long jobExecutionId;
        /** Rows read (ROWS) or buckets finished (BUCKETS), including what earlier executions did. */
        final AtomicLong done = new AtomicLong();
        /** The part of {@link #done} that earlier executions did. */
        final AtomicLong doneBefore = new AtomicLong();
        /** Rows or buckets in all; -1 while not known. */
        final AtomicLong total = new AtomicLong(-1);
        /** BUCKETS: the rows or messages of the buckets finished by this execution. */
        final AtomicLong items = new AtomicLong();
        volatile ScheduledFuture<?> future;

        Meter(String step, long jobExecutionId, Kind kind, String unit, long startNanos) {
            this.step = step;
            this.jobExecutionId = jobExecutionId;
            this.kind = kind;
            this.unit = unit;
            this.startNanos = startNanos;
        }

        void countRows(List<String> files, int fileIndex, long rowInFile) {
            try {
                long total = 0;
                long before = 0;
                for (int i = 0; i < files.size(); i++) {
                    long n = MessageLogReader.countRows(files.get(i));
                    total += n;
                    if (i < fileIndex) before += n;
                }
                before += fileIndex < files.size() ? rowInFile : 0;
                doneBefore.set(before);
                done.addAndGet(before);
                this.total.set(total);
            } catch (RuntimeException e) {
                // no total then: the lines show the rows read and the rate only
            }
        }

        Snapshot snapshot(long nowNanos) {
            return new Snapshot(step, kind, unit, done.get(), doneBefore.get(), total.get(), items.get(),
                    Duration.ofNanos(Math.max(0, nowNanos - startNanos)));
        }
    }

    /**
     * One reading of a meter, and the lines made of it.
     *
     * @param done       rows read (ROWS) or buckets finished (BUCKETS), including earlier executions' share
     * @param doneBefore the part of {@code done} that earlier executions did
     * @param total      rows or buckets in all, or -1 when not known
     * @param items      BUCKETS: rows or messages of the buckets this execution finished
     */
    record Snapshot(String step, Kind kind, String unit, long done, long doneBefore, long total, long items,
                    Duration elapsed) {

        String progressLine() {
            double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
            long ownDone = done - doneBefore;
            return switch (kind) {
                case ROWS -> {
                    double rate = ownDone / seconds;
                    if (total < 0) {
                        yield step + ": " + n(done) + " " + unit + " read, " + n(rate) + " " + unit + "/s, running "
                                + time(elapsed) + " (the total is being counted)";
                    }
                    String left = rate <= 0 ? "time left not known yet"
                            : "about " + time(Duration.ofMillis((long) ((total - done) / rate * 1000))) + " left";
                    yield step + ": " + percent(done, total) + " (" + n(done) + " of " + n(total) + " " + unit + "), "
                            + n(rate) + " " + unit + "/s, " + left;
                }
                case BUCKETS -> {
                    String share = total < 0 ? n(done) + " buckets done"
                            : percent(done, total) + " (" + n(done) + " of " + n(total) + " buckets)";
                    if (ownDone <= 0) {
                        yield step + ": " + share + ", running " + time(elapsed)
                                + ", time left known when a bucket finishes";
                    }
                    String left = total < 0 ? "running " + time(elapsed) : "about "
                            + time(Duration.ofMillis((long) (elapsed.toMillis() * (double) (total - done) / ownDone)))
                            + " left";
                    yield step + ": " + share + ", " + n(items) + " " + unit + " at " + n(items / seconds) + " " + unit
                            + "/s, " + left;
                }
                case TIME -> step + ": running " + time(elapsed);
            };
        }

        String endLine(BatchStatus status) {
            double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
            String head = step + ": " + status + (status == BatchStatus.COMPLETED ? " in " : " after ")
                    + (elapsed.toMillis() < 9_950 ? time(elapsed) : String.format(Locale.ROOT, "%.1f s", seconds));
            long ownDone = done - doneBefore;
            return switch (kind) {
                case ROWS -> head + ", " + n(ownDone) + " " + unit + " read at " + n(ownDone / seconds) + " " + unit + "/s";
                case BUCKETS -> head + ", " + n(done) + (total < 0 ? "" : " of " + n(total)) + " buckets, " + n(items)
                        + " " + unit + " at " + n(items / seconds) + " " + unit + "/s";
                case TIME -> head;
            };
        }

        static String percent(long done, long total) {
            if (total <= 0) return "100%";
            return Math.min(100, (int) Math.floor(100.0 * done / total)) + "%";
        }

        static String n(double v) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }

        static String n(long v) {
            return String.format(Locale.ROOT, "%,d", v);
        }

        /** {@code 4.2 s}, {@code 45 s}, {@code 3 min 05 s}, {@code 2 h 07 min}. */
        static String time(Duration d) {
            if (d.toMillis() < 9_950) return String.format(Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
            long s = Math.round(d.toMillis() / 1000.0);
            if (s < 60) return s + " s";
            if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
    }
}
