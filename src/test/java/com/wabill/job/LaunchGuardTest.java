package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.wabill.launch.JobLaunchRunner;

/** A day billed by one run at a time; a run whose process died is recovered and restarted by the next launch. */
@SharedJobContext
class LaunchGuardTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;

    @Autowired
    DataSource dataSource;

    private void prepare() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        LocalDate first = LocalDate.of(2025, 3, 1);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(5, first, 2, 20, 4), first, 2);
    }

    @Test
    void aDayBeingBilledElsewhereIsRefusedWithItsOwnExitStatus() throws Exception {
        prepare();
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            // another process holds 2025-03-02
            st.execute("select pg_advisory_lock(" + 0x7761 + ", " + LocalDate.of(2025, 3, 2).toEpochDay() + ")");
            JobExecution refused = launcher.launch(billing, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
            assertThat(refused).isNull();
            assertThat(launcher.getExitCode()).isEqualTo(JobLaunchRunner.EXIT_ALREADY_RUNNING);
            // nor is the day after: its run would start from the state carried out of 2025-03-02
            JobExecution next = launcher.launch(billing, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 3));
            assertThat(next).isNull();
            assertThat(launcher.lastFailure()).startsWith("Day 2025-03-02, whose state carries into 2025-03-03, is in use");
            // a day before is not blocked
            JobExecution other1 = launcher.launch(billing, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1));
            assertThat(other1.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            st.execute("select pg_advisory_unlock_all()");
        }
    }

    @Test
    void aStoppedRunWhoseLogFileWasReplacedStartsAfresh() throws Exception {
        prepare();
        LocalDate day = LocalDate.of(2025, 3, 2);
        Path file = ROOT.resolve("logs/date=" + day + "/part-0.parquet");
        byte[] good = java.nio.file.Files.readAllBytes(file);
        // a file whose footer is fine but whose data is not Parquet: planned, then refused by ingest
        byte[] broken = good.clone();
        for (int i = 8; i < broken.length / 2; i++) broken[i] = 0x5A;
        java.nio.file.Files.write(file, broken);
        JobExecution failed = launcher.launch(billing, day, day);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getStepExecutions()).anyMatch(s -> s.getStepName().equals("ingest") && s.getStatus() == BatchStatus.FAILED);

        // the operator exports the day again: the same command bills the new file, as a fresh attempt
        java.nio.file.Files.delete(file);
        java.nio.file.Files.write(ROOT.resolve("logs/date=" + day + "/part-00000-reexported.parquet"), good);
        JobExecution again = launcher.launch(billing, day, day);
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getJobInstance().getInstanceId()).isNotEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(again.getJobParameters().getLong("attempt")).isEqualTo(failed.getJobParameters().getLong("attempt") + 1);
        assertThat(jdbc.queryForObject("select status from batch_job_execution where job_execution_id = ?",
                String.class, failed.getId())).isEqualTo("ABANDONED");
    }

    @Test
    void aRunWhoseProcessDiedIsRecoveredAndRestarted() throws Exception {
        prepare();
        LocalDate day = LocalDate.of(2025, 3, 2);
        JobExecution done = launcher.launch(billing, day, day);
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // as a SIGKILL after its last step leaves it: the execution still STARTED in the job repository (a kill
        // while a step runs leaves its scratch folder too, which the completed run removed: CrashRecoveryTest)
        jdbc.update("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null"
                + " where job_execution_id = ?", done.getId());
        JobExecution again = launcher.launch(billing, day, day);
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getJobInstance().getInstanceId()).isEqualTo(done.getJobInstance().getInstanceId());
        assertThat(jdbc.queryForObject("select status from batch_job_execution where job_execution_id = ?",
                String.class, done.getId())).isEqualTo("FAILED");
    }
}
