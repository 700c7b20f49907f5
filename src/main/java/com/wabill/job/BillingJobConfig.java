package com.wabill.job;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.DatabaseIdentity;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.LedgerDays;
import com.wabill.ledger.MonthRatingStore;
import com.wabill.ledger.MovedMessages;
import com.wabill.rating.ReferenceData;
import com.wabill.spill.IngestRecord;


/**
 * The {@code billing} job (SPEC 5): plan, ingest, de-duplicate, clear the days, replay, settle month-level prices,
 * invoice, reconcile and publish. Ingest is a restartable chunk step; de-duplication and replay are partitioned by
 * bucket, run on both cores (or on worker processes: {@code wabill.partitioning}, {@link BucketPartitionHandlers}), and a
 * restart re-runs only the buckets that did not finish.
 */
@Configuration(proxyBeanMethods = false)
public class BillingJobConfig {

    /** A bucket partition's context key of its bucket, and the start of its name's last part. */
    static final String BUCKET = "bucket";
    static final String PARTITION_PREFIX = "bucket-";

    @Bean
    Job billing(JobRepository jobRepository, Step planStep, Step ingestStep, Step dedupeStep, Step prepareLedgerStep,
            Step replayStep, Step monthRatingStep, Step invoiceStep, Step reconcileStep, Step publishStep,
            RunSummaryListener runSummary, ScratchListener scratch) {
        // no incrementer: a failed run must restart with the same parameters
        return new JobBuilder("billing", jobRepository)
                .listener(runSummary)
                .listener(scratch)
                .start(planStep)
                .next(ingestStep)
                .next(dedupeStep)
                .next(prepareLedgerStep)
                .next(replayStep)
                .next(monthRatingStep)
                .next(invoiceStep)
                .next(reconcileStep)
                .next(publishStep)
                .build();
    }

    @Bean
    ScratchFolders scratchFolders(WabillProperties props, DatabaseIdentity database, JobRepository jobRepository) {
        return new ScratchFolders(props.workDir(), database, jobRepository);
    }

    @Bean
    ScratchListener scratchListener(ScratchFolders scratchFolders) {
        return new ScratchListener(scratchFolders);
    }

    /** Loaded per step (bucket workers run on their own threads, outside the job scope); the files are small. */
    @Bean
    @StepScope
    ReferenceData referenceData(WabillProperties props) {
        return ReferenceData.load(props.accounts(), props.markets(), props.rateCards());
    }

    @Bean
    TaskExecutor bucketExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("bucket-");
        executor.setConcurrencyLimit(Math.max(1, Runtime.getRuntime().availableProcessors()));
        return executor;
    }

    @Bean
    Step planStep(JobRepository repo, PlatformTransactionManager tx, PlanTasklet planTasklet, StepProgress progress) {
        return new StepBuilder("plan", repo).listener(progress).tasklet(planTasklet, tx).build();
    }

    @Bean
    @StepScope
    PlanTasklet planTasklet(WabillProperties props, CarriedStates carriedStates, ScratchFolders scratchFolders,
            @Value("#{jobParameters['from']}") String from, @Value("#{jobParameters['to']}") String to) {
        return new PlanTasklet(props, carriedStates, scratchFolders, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Bean
    Step ingestStep(JobRepository repo, PlatformTransactionManager tx, LogFileItemReader logFileReader,
            MessageIdSpillWriter messageIdSpillWriter, StepProgress progress,
            @Value("${wabill.ingest-chunk-rows:20000}") int chunkRows) {
        // rows per commit of the ingest position: a restart re-reads at most this many
        return new StepBuilder("ingest", repo)
                .<IngestRecord, IngestRecord>chunk(chunkRows)
                .transactionManager(tx)
                .reader(logFileReader)
                .writer(messageIdSpillWriter)
                .listener(progress)
                .build();
    }

    @Bean
    @StepScope
    LogFileItemReader logFileReader(@Value("#{jobExecutionContext}") Map<String, Object> jobCtx) {
        return new LogFileItemReader(plan(jobCtx).files());
    }

    @Bean
    @StepScope
    MessageIdSpillWriter messageIdSpillWriter(@Value("#{jobExecutionContext}") Map<String, Object> jobCtx) {
        RunPlan plan = plan(jobCtx);
        return new MessageIdSpillWriter(plan.ingestDir(), plan.buckets());
    }

    /** Where the buckets run: on {@link #bucketExecutor} here, or on worker processes ({@code wabill.partitioning}). */
    @Bean
    @ConditionalOnProperty(name = "wabill.partitioning", havingValue = "local", matchIfMissing = true)
    BucketPartitionHandlers localBucketPartitionHandlers(TaskExecutor bucketExecutor) {
        return worker -> {
            TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
            handler.setStep(worker);
            handler.setTaskExecutor(bucketExecutor);
            return handler;
        };
    }

    @Bean
    Step dedupeStep(JobRepository repo, PlatformTransactionManager tx, BucketPartitionHandlers handlers,
            Partitioner bucketPartitioner, DedupeTasklet dedupeTasklet, StepProgress progress) {
        Step worker = new StepBuilder("dedupe-bucket", repo).listener(progress).tasklet(dedupeTasklet, tx).build();
        return new StepBuilder("dedupe", repo).listener(progress).partitioner("dedupe-bucket", bucketPartitioner).step(worker)
                .partitionHandler(handlers.handler(worker)).build();
    }

    @Bean
    @StepScope
    DedupeTasklet dedupeTasklet(@Value("#{jobExecutionContext}") Map<String, Object> jobCtx,
            @Value("#{stepExecution}") StepExecution stepExecution, ReferenceData referenceData,
            WabillProperties props) {
        return new DedupeTasklet(plan(jobCtx), bucketOf(stepExecution), referenceData, props.lookbackDays(),
                props.warmupDays());
    }

    @Bean
    @JobScope
    Partitioner bucketPartitioner(@Value("#{jobExecutionContext}") Map<String, Object> jobCtx) {
        int buckets = plan(jobCtx).buckets();
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new HashMap<>();
            for (int k = 0; k < buckets; k++) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(BUCKET, k);
                partitions.put(String.format(PARTITION_PREFIX + "%04d", k), ctx);
            }
            return partitions;
        };
    }

    @Bean
    Step prepareLedgerStep(JobRepository repo, PlatformTransactionManager tx, LedgerDays ledgerDays,
            EarlyCloses earlyCloses, CarriedStates carriedStates, BilledDays billedDays, StepProgress progress) {
        return new StepBuilder("prepare-ledger", repo).listener(progress)
                .tasklet(new PrepareLedgerTasklet(ledgerDays, earlyCloses, carriedStates, billedDays), tx).build();
    }

    @Bean
    Step replayStep(JobRepository repo, PlatformTransactionManager tx, BucketPartitionHandlers handlers,
            Partitioner bucketPartitioner, ReplayTasklet replayTasklet, StepProgress progress) {
        Step worker = new StepBuilder("replay-bucket", repo).listener(progress).tasklet(replayTasklet, tx).build();
        return new StepBuilder("replay", repo).listener(progress).partitioner("replay-bucket", bucketPartitioner).step(worker)
                .partitionHandler(handlers.handler(worker)).build();
    }

    @Bean
    @StepScope
    ReplayTasklet replayTasklet(@Value("#{jobExecutionContext}") Map<String, Object> jobCtx,
            @Value("#{stepExecution}") StepExecution stepExecution, ReferenceData referenceData,
            DataSource dataSource, CarriedStates carriedStates, MovedMessages movedMessages) {
        return new ReplayTasklet(plan(jobCtx), bucketOf(stepExecution), referenceData, dataSource, carriedStates,
                movedMessages);
    }

    @Bean
    Step monthRatingStep(JobRepository repo, PlatformTransactionManager tx, MonthRatingTasklet monthRatingTasklet,
            StepProgress progress) {
        return new StepBuilder("month-rating", repo).listener(progress).tasklet(monthRatingTasklet, tx).build();
    }

    @Bean
    @StepScope
    MonthRatingTasklet monthRatingTasklet(AdvisoryLocks locks, LedgerDays ledgerDays, EarlyCloses earlyCloses,
            MonthRatingStore store, ReferenceData referenceData, MovedMessages movedMessages) {
        return new MonthRatingTasklet(locks, ledgerDays, earlyCloses, store, referenceData, movedMessages);
    }

    /**
     * The bucket a partition works on: from its context, or else from its name ({@code dedupe-bucket:bucket-0003}).
     * Spring Batch saves a partition's step execution before its context: a manager killed in between leaves a
     * partition without one, and a restart copies that empty context over ("bucket is null"). The name is saved
     * with the step execution, so the bucket is taken from it then, and put back in the context.
     */
    static int bucketOf(StepExecution stepExecution) {
        ExecutionContext ctx = stepExecution.getExecutionContext();
        if (ctx.containsKey(BUCKET)) return ctx.getInt(BUCKET);
        String name = stepExecution.getStepName();
        int at = name.lastIndexOf(PARTITION_PREFIX);
        if (at < 0) throw new IllegalStateException("Step " + name + " is not a bucket partition");
        int bucket = Integer.parseInt(name.substring(at + PARTITION_PREFIX.length()));
        ctx.putInt(BUCKET, bucket);
        return bucket;
    }

    static RunPlan plan(Map<String, Object> jobCtx) {
        return RunContext.over(new ExecutionContext(jobCtx)).plan();
    }
}
