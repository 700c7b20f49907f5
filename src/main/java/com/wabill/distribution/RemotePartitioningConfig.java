package com.wabill.distribution;

import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.config.EnableIntegration;

/**
 * What the manager and the workers share: RabbitMQ ({@code spring.rabbitmq.*}; Spring Boot's auto-configuration, which
 * {@link RabbitOnlyWhenRemote} leaves out of the local mode), the request queue
 * {@code wabill.remote.queue} (durable; a request waits there for a worker), and a database of their own: a worker
 * reads the job repository and writes the ledger the manager reads, so the embedded one will not do.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(Partitioning.Remote.class)
@EnableIntegration
public class RemotePartitioningConfig {

    static final String QUEUE = "${wabill.remote.queue:wabill.partitions}";

    @Bean
    static BeanFactoryPostProcessor sharedDatabaseRequired(Environment env) {
        return beanFactory -> {
            String url = env.getProperty("spring.datasource.url");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException(Partitioning.PROPERTY + "=" + Partitioning.of(env).name().toLowerCase()
                        + " needs the database that the manager and its workers share: give it with"
                        + " --spring.datasource.url=jdbc:postgresql://<host>:5432/<db> (the embedded database serves"
                        + " one process only).");
            }
            String schedule = env.getProperty("wabill.schedule");
            if (Partitioning.isWorker(env) && schedule != null && !schedule.isBlank()) {
                throw new IllegalStateException("wabill.schedule cannot be combined with " + Partitioning.PROPERTY
                        + "=worker: a worker runs the buckets its manager sends; schedule the manager instead.");
            }
        };
    }

    @Bean
    Queue partitionRequests(@org.springframework.beans.factory.annotation.Value(QUEUE) String queue) {
        return new Queue(queue, true);
    }
}
