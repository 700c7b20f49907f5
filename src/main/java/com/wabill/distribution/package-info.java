/**
 * Remote partitioning: the buckets of {@code dedupe} and {@code replay} on worker processes ({@code
 * wabill.partitioning=manager|worker}; {@code local}, the default, runs them on this process's cores).
 *
 * <p>Decisions (README, "Running on several machines"):
 * <ul>
 *   <li>RabbitMQ carries one request per bucket, as text ({@code <step> <step execution id>}), on one durable queue
 *       ({@code wabill.remote.queue}); no reply queue: the manager polls the job repository.</li>
 *   <li>Workers run the job's own bucket steps (registered through {@link com.wabill.job.BucketPartitionHandlers}),
 *       {@code wabill.worker.threads} at a time with prefetch 1; a request is acknowledged when its bucket ended, so a
 *       worker that dies leaves it to another; a request whose bucket or job execution is no longer running is
 *       dropped.</li>
 *   <li>Manager and workers need a shared database ({@code spring.datasource.url}) and a shared work folder; workers
 *       take no day locks and launch nothing.</li>
 *   <li>The manager copies the workers' results onto the job execution it holds
 *       ({@link com.wabill.distribution.RemoteBucketPartitionHandler}), so counters, summary and failure line are
 *       those of a local run.</li>
 *   <li>Spring Boot's RabbitMQ auto-configuration only in manager and worker mode
 *       ({@link com.wabill.distribution.RabbitOnlyWhenRemote}).</li>
 * </ul>
 */
package com.wabill.distribution;
