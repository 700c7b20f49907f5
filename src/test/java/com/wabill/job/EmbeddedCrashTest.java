package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.launch.JobLaunchRunner;
import com.wabill.testsupport.JobTest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue 8 with the embedded database (no {@code spring.datasource.url}): a SIGKILL of wabill leaves its PostgreSQL
 * server running and holding the data folder. The same command again must shut that server down, start a new one,
 * recover the interrupted run and end like an uninterrupted run; while it runs, another launch on the same folder is
 * refused with a clear message. Needs no server of its own.
 */
@JobTest
class EmbeddedCrashTest {

    static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    static final LocalDate TO = LocalDate.of(2025, 3, 2);
    static final Path ROOT = JobTestSupport.newRoot("embedded-crash");
    static final Path BASE = JobTestSupport.newRoot("embedded-base");

    @Test
    void aServerLeftRunningByAKilledRunIsStoppedAndTheRunContinues() throws Exception {
        ReliabilityData.write(ROOT, 10, FROM, 2, 300);
        JobTestSupport.copyTree(ROOT.resolve("logs"), BASE.resolve("logs"));
        JobTestSupport.copyTree(ROOT.resolve("ref"), BASE.resolve("ref"));

        ChildJob base = launch(BASE, "uninterrupted");
        assertThat(base.waitFor()).as(base.tail()).isZero();

        // killed with SIGKILL right after a replay bucket committed: its server lives on
        Path signal = ROOT.resolve("signal");
        ChildJob killed = launch(ROOT, "killed", ReliabilityInstallation.crashAt("replay-bucket:committed", signal, null));
        assertThat(killed.await(() -> Files.exists(signal), Duration.ofMillis(10), Duration.ofMinutes(2))).as(killed.tail()).isTrue();
        killed.kill();
        Optional<ProcessHandle> stale = serverOf(ROOT);
        assertThat(stale).as("the embedded server outlives the killed process").isPresent();

        // the same command again, held at a point, while yet another launch on the same folder is refused
        Path held = ROOT.resolve("held");
        Path resume = ROOT.resolve("resume");
        ChildJob again = launch(ROOT, "again", ReliabilityInstallation.crashAt("month-rating:completed", held, resume));
        assertThat(again.await(() -> Files.exists(held), Duration.ofMillis(20), Duration.ofMinutes(2))).as(again.tail()).isTrue();
        assertThat(stale.get().isAlive()).as("the server left running was stopped").isFalse();
        ChildJob busy = launch(ROOT, "busy");
        assertThat(busy.waitFor()).as(busy.tail()).isEqualTo(JobLaunchRunner.EXIT_ALREADY_RUNNING);
        assertThat(busy.lastErrLine()).startsWith("wabill: The embedded database in ").contains("is in use by another wabill process");
        assertThat(busy.out()).doesNotContain("\tat ");
        Files.writeString(resume, "go");
        assertThat(again.waitFor()).as(again.tail()).isZero();
        assertThat(again.out()).contains("was left running by a wabill process that stopped")
                .contains("was interrupted: its process is gone");
        assertThat(Files.exists(ROOT.resolve("pgdata/postmaster.pid"))).as("the server stopped with its run").isFalse();

        RunSnapshot expected = snapshot(BASE);
        RunSnapshot actual = snapshot(ROOT);
        assertThat(expected.size("conversation")).isGreaterThan(100);
        assertThat(expected.diff(actual)).as("differences from the uninterrupted run").isEmpty();
    }

    @AfterAll
    static void stopLeftovers() {
        // if the test failed half-way, do not leave servers behind
        for (Path root : List.of(ROOT, BASE)) serverOf(root).ifPresent(ProcessHandle::destroy);
    }

    private static ChildJob launch(Path root, String name, String... extra) {
        return ChildJob.start(name, root, root.resolve("child-logs"), Map.of(),
                ChildJob.billingArgs(root, "out", "work", null, FROM, TO, extra));
    }

    /** The live server named by the folder's postmaster.pid, if any. */
    static Optional<ProcessHandle> serverOf(Path root) {
        Path pid = root.resolve("pgdata/postmaster.pid");
        try {
            if (!Files.exists(pid)) return Optional.empty();
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static RunSnapshot snapshot(Path root) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(root.resolve("pgdata"))
                .setCleanDataDirectory(false).start()) {
            return RunSnapshot.take(new JdbcTemplate(pg.getPostgresDatabase()), root.resolve("out"));
        }
    }
}
