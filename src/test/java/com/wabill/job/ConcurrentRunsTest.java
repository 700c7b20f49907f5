package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.launch.JobLaunchRunner;
import com.wabill.testsupport.JobTest;

/**
 * Issue 8, concurrency, with the application as child processes on one database and one output directory: while a
 * run of range A is in the middle of its replay, a second launch of the same range is refused at once with its own
 * exit status and a message saying why, and a run of another range (C) runs from start to end; then A goes on. Both
 * end as if they had run one after the other.
 */
@JobTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class ConcurrentRunsTest {

    static ReliabilityInstallation inst;

    @BeforeAll
    static void install() throws Exception {
        inst = ReliabilityInstallation.get();
    }

    @Test
    void aSecondLaunchOfARunningRangeIsRefusedAndAnotherRangeRunsAlongside() throws Exception {
        String url = ServerPostgres.createDatabase("wabill_test_concurrent");
        JdbcTemplate db = ServerPostgres.jdbc(url);
        Path signal = inst.root.resolve("concurrent-a-paused");
        Path resume = inst.root.resolve("concurrent-a-resume");

        // A stops right after the first replay bucket commits, holding its days
        ChildJob a = inst.launch("concurrent-a", url, "out-concurrent", "work-concurrent", ReliabilityInstallation.A_FROM,
                ReliabilityInstallation.A_TO, ReliabilityInstallation.crashAt("replay-bucket:committed", signal, resume));
        assertThat(a.await(() -> Files.exists(signal), Duration.ofMillis(20), Duration.ofMinutes(2))).as(a.tail()).isTrue();

        try {
            // the same range again (another operator, a retry of the scheduler): refused, nothing started
            ChildJob again = inst.launch("concurrent-a-again", url, "out-concurrent", "work-concurrent",
                    ReliabilityInstallation.A_FROM, ReliabilityInstallation.A_TO);
            // another range: runs through while A waits
            ChildJob c = inst.launch("concurrent-c", url, "out-concurrent", "work-concurrent",
                    ReliabilityInstallation.C_FROM, ReliabilityInstallation.C_TO);
            assertThat(again.waitFor()).as(again.tail()).isEqualTo(JobLaunchRunner.EXIT_ALREADY_RUNNING);
            assertThat(again.lastErrLine()).startsWith("wabill: Day 2025-03-0").contains("is being billed by another run");
            assertThat(c.waitFor()).as(c.tail()).isZero();
            assertThat(a.isAlive()).as("A is still waiting").isTrue();
        } finally {
            Files.writeString(resume, "go");
        }
        assertThat(a.waitFor()).as(a.tail()).isZero();

        // one execution for A (the refused launch started none), one for C
        assertThat(db.queryForObject("select count(*) from batch_job_execution", Integer.class)).isEqualTo(2);
        // the shared state (ledger, invoices, payments, carried state, Parquet partitions, invoice pages) is what A then
        // C leave; the per-run files (summary, report, CSV files of the months each run touched) are the last run's
        RunSnapshot expected = inst.afterAThenC.only(ConcurrentRunsTest::shared);
        RunSnapshot actual = RunSnapshot.take(db, inst.root.resolve("out-concurrent")).only(ConcurrentRunsTest::shared);
        assertThat(expected.diff(actual)).as("differences from A then C").isEmpty();
    }

    static boolean shared(String part) {
        return !part.equals("summary.json") && !(part.startsWith("file ") && part.endsWith(".csv"));
    }
}
