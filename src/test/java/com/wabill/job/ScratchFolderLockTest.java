package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.launch.JobLaunchRunner;
import com.wabill.ledger.DatabaseIdentity;

import com.wabill.testsupport.JobTest;

/**
 * Issue 16: a run's scratch folder is named by its database and job instance, kept while the run can be restarted,
 * refused (exit 3) while another process holds its lock, removed when the run completes; a folder left by an
 * instance that has since completed is removed by the next run.
 */
@JobTest
@SpringBootTest
class ScratchFolderLockTest extends JobTestBase {

    static final Path ROOT = JobTestSupport.newRoot("scratch-lock");
    static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
    }

    @Autowired
    DatabaseIdentity database;

    @Test
    void aFolderInUseByAnotherProcessIsRefusedWithExit3AndRemovedOnceTheRunCompletes() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(77, DAY, 1, 40, 6), DAY, 1);
        // a card without Germany: the run fails in the replay and keeps its folder for the restart
        Path card = ROOT.resolve("ref/rate-cards/USD/2024-11-01.csv");
        String full = Files.readString(card);
        Files.writeString(card, full.replaceAll("(?m)^Germany,.*\\R", ""));
        JobExecution failed = launcher.launch(billing, DAY, DAY);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        long instance = failed.getJobInstance().getInstanceId();
        Path folder = ROOT.resolve("work").resolve("billing-" + database.identity() + "-" + instance);
        assertThat(folder).as("a failed run keeps its scratch folder").isDirectory();
        assertThat(database.identity()).as("named by the cluster, the database's oid and name").matches("\\d+-\\d+-.+");
        Files.writeString(card, full);

        Path signal = ROOT.resolve("holder-locked");
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(),
                folder.resolve(ScratchFolders.LOCK_FILE).toString(), signal.toString()).inheritIO().start();
        try {
            for (int i = 0; i < 600 && !Files.exists(signal); i++) Thread.sleep(50);
            assertThat(signal).as("the other process holds the lock").exists();
            JobExecution refused = launcher.launch(billing, DAY, DAY);
            assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(launcher.getExitCode()).isEqualTo(JobLaunchRunner.EXIT_ALREADY_RUNNING);
            assertThat(launcher.lastFailure()).contains("is in use by another wabill process");
            assertThat(refused.getStepExecutions()).as("refused before any step").isEmpty();
            assertThat(folder).as("what the stopped run left is kept").isDirectory();
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }

        // a folder of this database whose instance completed, left behind (its process died after publishing)
        JobExecution done = launcher.launch(billing, DAY, DAY);
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.getJobInstance().getInstanceId()).as("the stopped run was continued").isEqualTo(instance);
        assertThat(folder).as("a completed run removes its folder").doesNotExist();
        Files.createDirectories(folder.resolve("outcomes"));
        Files.writeString(folder.resolve("outcomes/bucket-0.bin"), "left");
        Path otherDatabase = ROOT.resolve("work").resolve("billing-1-2-other-" + instance);
        Files.createDirectories(otherDatabase);

        JobExecution again = launcher.launch(billing, DAY, DAY);
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(folder).as("the next run removes the folder of a completed instance").doesNotExist();
        assertThat(otherDatabase).as("another database's folder is not ours to remove").isDirectory();
        try (Stream<Path> s = Files.list(ROOT.resolve("work"))) {
            assertThat(s.toList()).isEqualTo(List.of(otherDatabase));
        }
    }

    @Test
    void aStoppedRunWhoseScratchFolderIsGoneStartsAfresh() throws Exception {
        LocalDate day = LocalDate.of(2025, 3, 5);
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(78, day, 1, 40, 6), day, 1);
        Path card = ROOT.resolve("ref/rate-cards/USD/2024-11-01.csv");
        String full = Files.readString(card);
        Files.writeString(card, full.replaceAll("(?m)^Germany,.*\\R", ""));
        JobExecution failed = launcher.launch(billing, day, day);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        Files.writeString(card, full);
        // the folder was on a temporary volume (a Kubernetes emptyDir), or the run goes on on another machine
        JobTestSupport.deleteTree(ROOT.resolve("work"));

        JobExecution afresh = launcher.launch(billing, day, day);
        assertThat(afresh.getStatus()).as("%s", afresh.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(afresh.getJobInstance().getInstanceId()).as("a new attempt, not the stopped one")
                .isNotEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(afresh.getJobParameters().getLong("attempt")).isEqualTo(1L);
    }
}
