package com.wabill.distribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

import com.wabill.job.BucketPartitionHandlers;

/**
 * {@code wabill.partitioning=worker}: no job is launched; {@code wabill.worker.threads} consumers (default: the
 * machine's cores) take bucket requests from the queue, one at a time each (prefetch 1, so that an idle worker gets
 * the next bucket rather than a busy one holding it), and run the bucket steps of the billing job, the very step
 * beans the local mode runs. A request is acknowledged when its bucket has ended; a worker that dies before leaves
 * it to RabbitMQ, which hands it to another worker.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(Partitioning.Worker.class)
public class WorkerConfig {

    /** The bucket steps, by name, as the job's configuration builds them. */
    @Bean
    WorkerSteps workerSteps() {
        return new WorkerSteps();
    }

    /** The job's partitioned steps register their bucket steps here; a worker never runs them as partitioned steps. */
    @Bean
    BucketPartitionHandlers workerBucketPartitionHandlers(WorkerSteps steps) {
        return worker -> {
            steps.register(worker);
            return (splitter, managerStep) -> {
                throw new IllegalStateException("a wabill worker does not run jobs (" + Partitioning.PROPERTY + "=worker)");
            };
        };
    }

    @Bean
    BucketWorker bucketWorker(JobRepository jobRepository, WorkerSteps steps, @Value("${wabill.worker.name:}") String name) {
        return new BucketWorker(jobRepository, steps, name);
    }

    @Bean
    IntegrationFlow partitionRequestsFromRabbit(ConnectionFactory connectionFactory, BucketWorker bucketWorker,
            @Value(RemotePartitioningConfig.QUEUE) String queue, @Value("${wabill.worker.threads:0}") int threads) {
        int consumers = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        bucketWorker.describe(queue, consumers);
        return IntegrationFlow
                .from(Amqp.inboundAdapter(connectionFactory, queue)
                        .configureContainer(c -> c.concurrentConsumers(consumers)
                                .prefetchCount(1)
                                .acknowledgeMode(AcknowledgeMode.AUTO)
                                // a request that cannot be handled at all is dropped, not redelivered for ever: its
                                // bucket is marked failed, the manager's step fails and a restart sends it again
                                .defaultRequeueRejected(false)))
                .handle(String.class, (payload, headers) -> {
                    bucketWorker.run(BucketRequest.decode(payload));
                    return null;
                })
                .get();
    }

    static final class WorkerSteps {
        private final Map<String, Step> byName = new ConcurrentHashMap<>();

        void register(Step step) {
            byName.put(step.getName(), step);
        }

        Step get(String name) {
            return byName.get(name);
        }

        @Override
        public String toString() {
            return byName.keySet().toString();
        }
    }

}
