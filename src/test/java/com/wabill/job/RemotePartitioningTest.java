package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.testsupport.JobTest;

/**
 * Issue 7, distribution: the billing job with remote partitioning — a manager and two worker processes, talking over
 * RabbitMQ on 127.0.0.1:5672, sharing a database on the PostgreSQL server and a work folder — leaves exactly what the
 * single-process run leaves: ledger tables, carried state, billed days, every CSV, invoice page and Parquet row,
 * the summary's counts. Both workers must have run buckets, and every bucket must have run on a worker, so that the
 * test cannot pass by the manager doing the work itself.
 *
 * <p>Skipped where RabbitMQ or the PostgreSQL server does not answer; fails instead when
 * {@code wabill.test.rabbit-required} or {@code wabill.test.server-required} is set (CI).
 */
@JobTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class RemotePartitioningTest {

    static final String RABBIT_HOST = "127.0.0.1";
    static final int RABBIT_PORT = 5672;
    static final LocalDate FROM = LocalDate.of(2026, 9, 28);
    static final LocalDate TO = LocalDate.of(2026, 10, 4);
    /** Small buckets, so that the sample data's 21,800 rows make several partitions to share out. */
    static final String BUCKET_ROWS = "--wabill.bucket-rows=3000";
    private static final Pattern BUCKET_DONE = Pattern.compile(
            "((?:dedupe|replay)-bucket:bucket-\\d+) \\(step execution (\\d+) of job execution \\d+\\) COMPLETED");

    @Test
    void aManagerAndTwoWorkersLeaveWhatTheSingleProcessRunLeaves() throws Exception {
        assumeRabbitMq();
        Path root = JobTestSupport.newRoot("remote");
        JobTestSupport.installSampleData(root);
        Path logs = root.resolve("child-logs");
        String queue = "wabill.test." + ProcessHandle.current().pid() + "." + System.nanoTime();
        String localDb = ServerPostgres.createDatabase("wabill_test_remote_local");
        String remoteDb = ServerPostgres.createDatabase("wabill_test_remote_dist");
        List<String> remote = List.of("--wabill.remote.queue=" + queue, "--spring.rabbitmq.host=" + RABBIT_HOST,
                "--spring.rabbitmq.port=" + RABBIT_PORT);

        List<ChildJob> workers = new ArrayList<>();
        boolean passed = false;
        try {
            // the workers start first (their start overlaps the single-process run); each takes two buckets at a time
            for (String name : List.of("worker-1", "worker-2")) {
                workers.add(ChildJob.start(name, root, logs, Map.of(), args(root, "out-remote", "work-remote", remoteDb,
                        concat(remote, "--wabill.partitioning=worker", "--wabill.worker.name=" + name,
                                "--wabill.worker.threads=2"))));
            }
            ChildJob single = ChildJob.start("single", root, logs, Map.of(),
                    args(root, "out-local", "work-local", localDb, List.of()));
            assertThat(single.waitFor()).as(single.tail()).isZero();

            for (ChildJob w : workers) {
                assertThat(w.await(() -> w.out().contains("BucketWorker - Worker " + w.name + " ready"),
                        Duration.ofMillis(200), Duration.ofMinutes(3))).as(w.tail()).isTrue();
            }
            ChildJob manager = ChildJob.start("manager", root, logs, Map.of(), args(root, "out-remote", "work-remote",
                    remoteDb, concat(remote, "--wabill.partitioning=manager", "--wabill.remote.poll-interval=200ms")));
            assertThat(manager.waitFor()).as(manager.tail()).isZero();
            assertThat(manager.out()).contains("dedupe: sending the buckets to the workers",
                    "replay: sending the buckets to the workers");

            // every bucket of the run was executed by a worker, and each worker executed some
            JdbcTemplate db = ServerPostgres.jdbc(remoteDb);
            Set<String> buckets = new TreeSet<>(db.queryForList("select step_name || ' ' || step_execution_id"
                    + " from batch_step_execution where step_name like '%-bucket:%' and status = 'COMPLETED'", String.class));
            assertThat(buckets).as("buckets of the remote run").hasSizeGreaterThan(8);
            Set<String> ranOnWorkers = new TreeSet<>();
            for (ChildJob w : workers) {
                Set<String> mine = bucketsRunBy(w);
                assertThat(mine).as(w.name + " ran buckets\n" + w.tail()).isNotEmpty();
                Set<String> twice = new TreeSet<>(mine);
                twice.retainAll(ranOnWorkers);
                assertThat(twice).as("buckets that ran on both workers").isEmpty();
                ranOnWorkers.addAll(mine);
            }
            assertThat(ranOnWorkers).as("every bucket ran on a worker").isEqualTo(buckets);

            // the same outputs, row for row (Parquet read back), file for file
            RunSnapshot expected = RunSnapshot.take(ServerPostgres.jdbc(localDb), root.resolve("out-local"));
            RunSnapshot actual = RunSnapshot.take(db, root.resolve("out-remote"));
            assertThat(expected.size("priced_message")).as("the sample data prices messages").isGreaterThan(1000);
            assertThat(expected.size("message_outcomes/")).isGreaterThan(1000);
            assertThat(expected.diff(actual)).as("differences of the remote run from the single-process run").isEmpty();
            assertThat(actual.parts().keySet()).isEqualTo(expected.parts().keySet());
            passed = true;
        } finally {
            for (ChildJob w : workers) stop(w);
            deleteQueue(queue);
            // the children's logs stay for a test that failed
            if (passed) JobTestSupport.deleteTree(root);
        }
    }

    /** The buckets {@code worker} says it completed, as {@code <step name> <step execution id>}. */
    private static Set<String> bucketsRunBy(ChildJob worker) {
        Set<String> done = new TreeSet<>();
        Matcher m = BUCKET_DONE.matcher(worker.out());
        while (m.find()) done.add(m.group(1) + " " + m.group(2));
        return done;
    }

    private static List<String> args(Path root, String output, String work, String url, List<String> extra) {
        List<String> args = new ArrayList<>(ChildJob.billingArgs(root, output, work, url, FROM, TO));
        args.removeIf(a -> a.startsWith("--wabill.bucket-rows=") || a.startsWith("--wabill.meta-billing="));
        args.add(BUCKET_ROWS);
        // the sample data comes with Meta's export: the reconcile step runs too
        args.add("--wabill.meta-billing=" + root.resolve("meta"));
        args.addAll(extra);
        return args;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    /** SIGTERM, as an operator stops a worker; SIGKILL if it does not end. */
    private static void stop(ChildJob worker) {
        worker.process.destroy();
        try {
            if (!worker.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) worker.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.kill();
        }
    }

    static void assumeRabbitMq() {
        boolean reachable;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(RABBIT_HOST, RABBIT_PORT), 2000);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        if (!reachable && (Boolean.getBoolean("wabill.test.rabbit-required")
                || Boolean.getBoolean("wabill.test.server-required"))) {
            throw new IllegalStateException("RabbitMQ at " + RABBIT_HOST + ":" + RABBIT_PORT + " is required (CI) but"
                    + " does not answer");
        }
        Assumptions.assumeTrue(reachable, "no RabbitMQ on " + RABBIT_HOST + ":" + RABBIT_PORT
                + " (guest/guest): the remote partitioning test is skipped; CI starts one");
    }

    private static void deleteQueue(String queue) {
        CachingConnectionFactory cf = new CachingConnectionFactory(RABBIT_HOST, RABBIT_PORT);
        try {
            new RabbitAdmin(cf).deleteQueue(queue);
        } catch (RuntimeException e) {
            // left behind: harmless, it is empty and named after this run
        } finally {
            cf.destroy();
        }
    }
}
