package com.wabill.distribution;

import java.time.Duration;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;

import com.wabill.job.BucketPartitionHandlers;
import com.wabill.job.StepProgress;

/**
 * {@code wabill.partitioning=manager}: the job runs here as always, but the buckets of {@code dedupe} and
 * {@code replay} are sent to the workers, one request per bucket on the queue, and the manager learns that they are
 * done by polling the job repository every {@code wabill.remote.poll-interval} (no reply queue: a lost reply cannot
 * hang it, and a bucket whose worker died is redelivered by RabbitMQ to another worker).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(Partitioning.Manager.class)
public class ManagerConfig {

    @Bean
    DirectChannel partitionRequestChannel() {
        return new DirectChannel();
    }

    /** Each request, as text, to the default exchange with the queue's name as routing key. */
    @Bean
    IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequestChannel, RabbitTemplate rabbitTemplate,
            @Value(RemotePartitioningConfig.QUEUE) String queue) {
        return IntegrationFlow.from(partitionRequestChannel)
                .transform(StepExecutionRequest.class, BucketRequest::encode)
                .handle(Amqp.outboundAdapter(rabbitTemplate).exchangeName("").routingKey(queue))
                .get();
    }

    @Bean
    BucketPartitionHandlers remoteBucketPartitionHandlers(JobRepository jobRepository, DirectChannel partitionRequestChannel,
            StepProgress progress, @Value("${wabill.remote.poll-interval:1s}") Duration pollInterval,
            @Value("${wabill.remote.timeout:0s}") Duration timeout) {
        return worker -> {
            MessagingTemplate template = new MessagingTemplate();
            template.setDefaultChannel(partitionRequestChannel);
            MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
            handler.setStepName(worker.getName());
            handler.setMessagingOperations(template);
            handler.setJobRepository(jobRepository); // poll the repository for the workers' results
            handler.setPollInterval(Math.max(50, pollInterval.toMillis()));
            handler.setTimeout(timeout.isZero() || timeout.isNegative() ? -1 : timeout.toMillis());
            try {
                handler.afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new RemoteBucketPartitionHandler(handler, progress);
        };
    }
}
