package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.MonthRatingStore;
import com.wabill.ledger.MovedMessages;
import com.wabill.report.LedgerParquetFiles;
import com.wabill.report.OutputLeftovers;
import com.wabill.report.PolicyViolations;
import com.wabill.spill.OutcomeRecord;
import com.wabill.spill.SpillInput;

/**
 * Publishes the run: the Parquet partitions of its days (and of older days whose conversations it changed), the
 * CSV files and the report, then records the billed days and the state carried out of the last one.
 */
public class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final WabillProperties props;
    private final AdvisoryLocks locks;
    private final BilledDays billedDays;
    private final CarriedStates carriedStates;
    private final EarlyCloses earlyCloses;
    private final DataSource dataSource;
    private final JobRepository jobRepository;
    private final RunOutputs outputs;
    private final MovedMessages movedMessages;
    private final MonthRatingStore monthRating;

    public PublishTasklet(WabillProperties props, AdvisoryLocks locks, BilledDays billedDays,
            CarriedStates carriedStates, EarlyCloses earlyCloses, DataSource dataSource, JobRepository jobRepository,
            RunOutputs outputs, MovedMessages movedMessages, MonthRatingStore monthRating) {
        this.movedMessages = movedMessages;
        this.monthRating = monthRating;
        this.props = props;
        this.locks = locks;
        this.billedDays = billedDays;
        this.carriedStates = carriedStates;
        this.earlyCloses = earlyCloses;
        this.dataSource = dataSource;
        this.jobRepository = jobRepository;
        this.outputs = outputs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        RunContext run = RunContext.of(jobExecution);
        RunPlan plan = run.plan();
        Map<String, Long> counters = RunCounters.collect(jobRepository, jobExecution);
        // nothing is removed from the scratch folder before the run completes: now is its peak
        counters.put(RunCounters.SCRATCH_PEAK_BYTES, ScratchFolders.bytesUsed(plan.workDir()));
        List<String> warnings = new ArrayList<>();

        // runs of different days may publish into one output directory: one at a time, and the first thing is to
        // clear what a run killed while publishing left there (staging directories, temporary files)
        locks.holdOutputDirectory();
        Files.createDirectories(props.output());
        for (Path p : OutputLeftovers.remove(props.output())) log.info("Removed {}, left by a run that was stopped", p);
        long jobInstanceId = jobExecution.getJobInstance().getInstanceId();
        LedgerParquetFiles files = outputs.parquetFiles(jobExecution.getId(), (day, bucket) -> {
            Map<String, LedgerParquetFiles.FinalPrice> prices = new HashMap<>();
            monthRating.repriced(jobInstanceId, day, bucket).forEach((id, p) -> prices.put(id,
                    new LedgerParquetFiles.FinalPrice(p.outcome(), p.pricingType(), p.rate(), p.amount())));
            return prices;
        });
        TreeSet<LocalDate> conversationDays = new TreeSet<>();
        for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) conversationDays.add(d);
        conversationDays.addAll(earlyCloses.daysClosedWithin(plan.from(), plan.replayStart(), plan.replayEnd()));
        conversationDays.addAll(run.ratedDays());
        // outcomes: one part file per replay bucket, from its spill, read once (the policy violations of the
        // summary are gathered on the way); final prices from the ledger only on days month rating repriced
        Map<LocalDate, Path> outcomeDays = new LinkedHashMap<>();
        for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) {
            outcomeDays.put(d, plan.outcomesDir().resolve("day=" + d));
        }
        Predicate<LocalDate> repriced = repricedDays(run);
        PolicyViolations violations = new PolicyViolations();
        LedgerParquetFiles.OutcomeListener listener = r -> {
            if ("OUTSIDE_SERVICE_WINDOW".equals(r.outcome())) {
                violations.add(r.messageId(), r.wabaId(), r.contactWaId(), r.eventTime());
            }
        };
        files.writeAll(conversationDays, outcomeDays, repriced, listener, threads());
        otherSpillDays(plan, outcomeDays.keySet(), listener);
        // messages this run billed on a later day than an earlier run did: the old day's partition drops them
        List<Long> executions = jobRepository.getJobExecutions(jobExecution.getJobInstance()).stream()
                .map(JobExecution::getId).toList();
        for (LocalDate old : movedMessages.daysLeft(plan.from(), plan.to(), executions)) {
            Set<String> left = movedMessages.leftDay(old);
            files.removeOutcomes(old, left);
            log.info("{} message(s) billed on {} by an earlier run moved to a later day (a late delivery receipt):"
                    + " billed once, on the new day; the outcomes of {} no longer list them", left.size(), old, old);
        }
        files.cleanUp();

        // record the billed days and the carried state; say when a re-run changed what later days started from
        long digest = counters.getOrDefault(RunCounters.CARRY_DIGEST, 0L);
        if (run.oldCarryDigest().isPresent() && run.oldCarryDigest().get() != digest) {
            if (billedDays.anyAfter(plan.to())) {
                warnings.add("The state carried out of " + plan.to() + " changed: the days after " + plan.to()
                        + " were billed from the old state and need re-running.");
            }
        }
        if (plan.warmup()) {
            warnings.add("Cold start: no state was carried into " + plan.from() + "; the " + props.warmupDays()
                    + " days before it were replayed to rebuild it, which can differ from an unbroken history.");
        }
        // a carry point for every billed day: any of them can be billed again from the state of the day before
        // (buckets replayed by a version that carried out of the last day only leave the other days without one)
        boolean everyDay = counters.getOrDefault(RunCounters.CARRY_EVERY_DAY, 0L) == plan.buckets();
        for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) {
            if (!everyDay && d.isBefore(plan.to())) continue;
            boolean last = d.equals(plan.to());
            carriedStates.recordCarryPoint(d,
                    counters.getOrDefault(RunCounters.carryThreads(d), last ? counters.getOrDefault(RunCounters.CARRY_THREADS, 0L) : 0L),
                    counters.getOrDefault(RunCounters.carryDigest(d), last ? digest : 0L), jobExecution.getId());
        }
        billedDays.record(plan.from(), plan.to(), jobExecution.getId());
        outputs.write(jobExecution, plan, counters, warnings, violations);
        // published: month rating's record of its changes has served (removed with this step's commit)
        monthRating.forgetRepricing(jobInstanceId);
        for (String w : warnings) log.warn(w);
        return RepeatStatus.FINISHED;
    }

    /**
     * The days whose priced messages month rating repriced (it records them); every day when the run's month
     * rating predates that record.
     */
    static Predicate<LocalDate> repricedDays(RunContext run) {
        return run.repricedMessageDays().<Predicate<LocalDate>>map(days -> days::contains).orElse(d -> true);
    }

    /**
     * Publishing runs on every core (at least two: one may wait for the conversations query), the files of
     * different buckets and days being independent; a thread holds a bucket at a time, so no more threads than the
     * heap has room for (about 256 MB each).
     */
    static int threads() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        long heapRoom = Math.max(1, Runtime.getRuntime().maxMemory() / (256L << 20));
        return (int) Math.max(1, Math.min(cores, heapRoom));
    }

    /** Outcomes the replay spilled for days outside the run's (none expected): they count in the summary still. */
    private static void otherSpillDays(RunPlan plan, Set<LocalDate> published, LedgerParquetFiles.OutcomeListener listener)
            throws Exception {
        if (!Files.isDirectory(plan.outcomesDir())) return;
        List<Path> spills;
        try (Stream<Path> s = Files.walk(plan.outcomesDir())) {
            spills = s.filter(p -> p.toString().endsWith(".bin")).filter(p -> {
                String dir = p.getParent().getFileName().toString();
                return !(dir.startsWith("day=") && published.contains(LocalDate.parse(dir.substring(4))));
            }).sorted().toList();
        }
        for (Path spill : spills) {
            try (SpillInput in = new SpillInput(spill)) {
                while (in.hasMore()) listener.outcome(OutcomeRecord.readFrom(in));
            }
        }
    }

    static Path path(Path p) {
        return p;
    }
}
