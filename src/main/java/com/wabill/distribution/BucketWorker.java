package com.wabill.distribution;

import java.net.InetAddress;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * A worker process: runs the bucket step executions that the manager sends ({@link StepExecutionRequestHandler}
 * looks them up in the job repository and executes the named step), and keeps the process alive until it is stopped
 * (SIGTERM, Ctrl-C). Before running one it checks that it is still wanted: a request whose step execution already
 * ended (delivered twice) or whose job execution is no longer running (its manager died and the restarted run
 * marked it failed: the restart sends its own requests) is acknowledged and dropped. Each bucket it runs records
 * the worker's name in its step execution context ({@value #WORKER_KEY}), so that where a bucket ran can be seen
 * in {@code batch_step_execution_context}.
 */
public class BucketWorker implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BucketWorker.class);

    static final String WORKER_KEY = "remote.worker";

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final String name;
    private String queue = "?";
    private int consumers;

    BucketWorker(JobRepository jobRepository, WorkerConfig.WorkerSteps steps, String name) {
        this.jobRepository = jobRepository;
        this.handler = new StepExecutionRequestHandler();
        this.handler.setJobRepository(jobRepository);
        this.handler.setStepLocator(stepName -> {
            var step = steps.get(stepName);
            if (step == null) throw new IllegalStateException("no bucket step named '" + stepName + "' (known: " + steps + ")");
            return step;
        });
        this.name = name == null || name.isBlank() ? hostName() + ":" + ProcessHandle.current().pid() : name;
    }

    void describe(String queue, int consumers) {
        this.queue = queue;
        this.consumers = consumers;
    }

    /** Runs one bucket; returns when it has ended (then RabbitMQ gets the acknowledgement). */
    void run(StepExecutionRequest request) {
        StepExecution se = jobRepository.getStepExecution(request.getStepExecutionId());
        if (se == null) {
            log.warn("Dropping {}: no such step execution in the job repository (another database?)", request);
            return;
        }
        BatchStatus job = se.getJobExecution().getStatus();
        if (!(se.getStatus() == BatchStatus.STARTING || se.getStatus() == BatchStatus.STARTED) || !job.isRunning()) {
            log.info("Dropping {} ({}): the bucket is {} and its job execution {} is {}", se.getStepName(), se.getId(),
                    se.getStatus(), se.getJobExecutionId(), job);
            return;
        }
        if (se.getStatus() == BatchStatus.STARTED) {
            log.warn("{} ({}) was started by a worker that stopped before finishing it: running it again",
                    se.getStepName(), se.getId());
        }
        se.getExecutionContext().putString(WORKER_KEY, name);
        jobRepository.updateExecutionContext(se);
        long start = System.nanoTime();
        StepExecution result = handler.handle(request);
        log.info("{} (step execution {} of job execution {}) {} in {} ms", result.getStepName(), result.getId(),
                result.getJobExecutionId(), result.getStatus(), (System.nanoTime() - start) / 1_000_000);
        recordIfLost(result);
    }

    /** The handler catches what the step threw outside its own bookkeeping: the manager must still see it ended. */
    private void recordIfLost(StepExecution result) {
        try {
            StepExecution stored = jobRepository.getStepExecution(result.getId());
            if (stored != null && stored.getStatus().isRunning() && !result.getStatus().isRunning()) {
                if (result.getEndTime() == null) result.setEndTime(LocalDateTime.now());
                jobRepository.update(result);
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the end of {} ({}): {}", result.getStepName(), result.getId(), e.toString());
        }
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        log.info("Worker {} ready: running the buckets sent on queue '{}', {} at a time. Stop with Ctrl-C or SIGTERM.",
                name, queue, consumers);
        // returning would end the process (the launcher exits when the runners are done): wait for SIGTERM, whose
        // shutdown hook closes the context (the listeners stop; a bucket under way is left to RabbitMQ to redeliver)
        // and then ends the JVM
        new CountDownLatch(1).await();
    }

    String name() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "worker";
        }
    }
}
