package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.launch.JobLaunchRunner;
import com.wabill.testsupport.JobTest;

/**
 * Issue 8, database faults, with the application as a child process reaching PostgreSQL through a relay the test
 * can cut: the database unreachable at start, then lost in the middle of the replay. Each ends with one clear line
 * and exit status 4 (no stack trace as the only message, no password printed); once the database is back, the same
 * command continues the run, which ends like an uninterrupted one.
 */
@JobTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class DatabaseFaultTest {

    static ReliabilityInstallation inst;

    @BeforeAll
    static void install() throws Exception {
        inst = ReliabilityInstallation.get();
    }

    @Test
    void unreachableAtStartThenLostMidRunThenBackAndTheRunEndsAsIfNothingHappened() throws Exception {
        String directUrl = ServerPostgres.createDatabase("wabill_test_dbfault");
        String database = directUrl.substring(directUrl.lastIndexOf('/') + 1);
        JdbcTemplate direct = ServerPostgres.jdbc(directUrl);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            // the password in the URL too: it must not be printed from there either
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database + "?password="
                    + ReliabilityInstallation.SECRET;

            proxy.cut();
            ChildJob down = launch("dbfault-down-at-start", url);
            assertThat(down.waitFor()).as(down.tail()).isEqualTo(JobLaunchRunner.EXIT_DATABASE_UNAVAILABLE);
            assertThat(down.lastErrLine()).startsWith("wabill: cannot use the database: Connection to 127.0.0.1:"
                    + proxy.port() + " refused").contains("run the same command again");
            assertThat(down.out()).contains("APPLICATION FAILED TO START").doesNotContain("\tat ");
            assertThat(down.out() + down.err()).doesNotContain(ReliabilityInstallation.SECRET);

            proxy.restore();
            ChildJob lost = launch("dbfault-lost-mid-run", url);
            boolean inReplay = lost.await(() -> count(direct, "step_name like 'replay-bucket%' and status = 'COMPLETED'") >= 1,
                    Duration.ofMillis(10), Duration.ofMinutes(2));
            assertThat(inReplay).as(lost.tail()).isTrue();
            proxy.cut();
            assertThat(lost.waitFor(Duration.ofMinutes(2))).as(lost.tail()).isEqualTo(JobLaunchRunner.EXIT_DATABASE_UNAVAILABLE);
            assertThat(lost.err()).startsWith("wabill: Job billing 2025-03-01..2025-03-03").contains("lost the database")
                    .contains("run the same command: the run restarts where it stopped");
            assertThat(lost.out() + lost.err()).doesNotContain(ReliabilityInstallation.SECRET);

            proxy.restore();
            ChildJob back = launch("dbfault-back", url);
            assertThat(back.waitFor()).as(back.tail()).isZero();
        }
        assertThat(inst.afterA.diff(RunSnapshot.take(direct, inst.root.resolve("out-dbfault"))))
                .as("differences from the uninterrupted run").isEmpty();
    }

    private static ChildJob launch(String name, String url) {
        return inst.launch(name, url, "out-dbfault", "work-dbfault", ReliabilityInstallation.A_FROM,
                ReliabilityInstallation.A_TO, "--spring.datasource.hikari.connection-timeout=2000");
    }

    private static int count(JdbcTemplate db, String condition) {
        try {
            Integer n = db.queryForObject("select count(*) from batch_step_execution where " + condition, Integer.class);
            return n == null ? 0 : n;
        } catch (org.springframework.dao.DataAccessException e) {
            return 0;
        }
    }
}
