package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.testsupport.JobTest;

/**
 * Issue 16: two databases billed from the same working directory at the same time (two customers' ledgers, or a
 * staging and a production database). Both have a job instance 1; each run's scratch folder is its own, so both
 * complete, and each ledger and output is exactly what the same run alone gives. Run A is held in the middle of its
 * replay (its scratch folder full of its spills) while B plans, sorts, replays and publishes; then A goes on.
 *
 * <p>Two databases of the PostgreSQL server on 127.0.0.1:5432, child processes the way an operator runs them.
 */
@JobTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class SharedWorkDirTest {

    static final LocalDate FROM = LocalDate.of(2025, 7, 1);
    static final LocalDate TO = LocalDate.of(2025, 7, 3);

    @Test
    void twoDatabasesBillFromOneWorkDirAtTheSameTimeAsIfAlone() throws Exception {
        Path root = JobTestSupport.newRoot("shared-work");
        Path work = root.resolve("work"); // one working directory for every run below
        Path a = install(root.resolve("customer-a"), 1601);
        Path b = install(root.resolve("customer-b"), 1602);

        // each alone
        String aloneA = ServerPostgres.createDatabase("wabill_test_shared_alone_a");
        String aloneB = ServerPostgres.createDatabase("wabill_test_shared_alone_b");
        assertThat(run(a, "alone-a", "out-alone", work, aloneA).waitFor()).isZero();
        assertThat(run(b, "alone-b", "out-alone", work, aloneB).waitFor()).isZero();
        LedgerSnapshot expectedA = LedgerSnapshot.take(ServerPostgres.jdbc(aloneA), a.resolve("out-alone"));
        LedgerSnapshot expectedB = LedgerSnapshot.take(ServerPostgres.jdbc(aloneB), b.resolve("out-alone"));
        assertThat(expectedA.diff(expectedB)).as("the two customers' data differ").isNotEmpty();
        assertThat(leftIn(work)).isEmpty();

        // at the same time, each in a database of its own where it is job instance 1 again
        String dbA = ServerPostgres.createDatabase("wabill_test_shared_a");
        String dbB = ServerPostgres.createDatabase("wabill_test_shared_b");
        Path signal = root.resolve("a-held");
        Path resume = root.resolve("a-resume");
        ChildJob runA = run(a, "together-a", "out", work, dbA,
                ReliabilityInstallation.crashAt("replay-bucket:committed", signal, resume));
        assertThat(runA.await(() -> Files.exists(signal), Duration.ofMillis(20), Duration.ofMinutes(3)))
                .as("A reaches the middle of its replay\n%s", runA.tail()).isTrue();
        ChildJob runB = run(b, "together-b", "out", work, dbB);
        assertThat(runB.waitFor()).as(runB.tail()).isZero();
        assertThat(runA.isAlive()).as("A was still running while B billed").isTrue();
        Files.writeString(resume, "go");
        assertThat(runA.waitFor()).as(runA.tail()).isZero();

        assertThat(expectedA.diff(LedgerSnapshot.take(ServerPostgres.jdbc(dbA), a.resolve("out"))))
                .as("A's ledger and output as when run alone").isEmpty();
        assertThat(expectedB.diff(LedgerSnapshot.take(ServerPostgres.jdbc(dbB), b.resolve("out"))))
                .as("B's ledger and output as when run alone").isEmpty();
        JdbcTemplate jdbcA = ServerPostgres.jdbc(dbA);
        JdbcTemplate jdbcB = ServerPostgres.jdbc(dbB);
        assertThat(jdbcA.queryForList("select job_instance_id from batch_job_instance", Long.class))
                .as("both runs are instance 1 of their database")
                .isEqualTo(jdbcB.queryForList("select job_instance_id from batch_job_instance", Long.class));
        assertThat(leftIn(work)).as("both completed: no scratch left").isEmpty();
    }

    private static Path install(Path root, long seed) throws Exception {
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), root);
        int days = (int) (TO.toEpochDay() - FROM.toEpochDay() + 1);
        RandomLogs.writePartitioned(root.resolve("logs"), RandomLogs.generate(seed, FROM, days, 40, 6), FROM, days);
        return root;
    }

    private static ChildJob run(Path root, String name, String output, Path work, String url, String... extra) {
        return ChildJob.start(name, root, root.resolve("child-logs"), Map.of(),
                ChildJob.billingArgs(root, output, work.toString(), url, FROM, TO, extra));
    }

    private static List<Path> leftIn(Path work) throws Exception {
        if (!Files.exists(work)) return List.of();
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> !p.equals(work)).toList();
        }
    }
}
