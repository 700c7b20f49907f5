package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.testsupport.JobTest;

/**
 * Issue 8, crash anywhere: the real application as a child process, killed with SIGKILL again and again at every
 * stage of one billing run (right after the plan is recorded, in the middle of ingest, in the sort by message id,
 * between a transaction's commit and its step being recorded as complete, in the middle of the replay, after the
 * invoices are written, while the outputs are published), each time run again with the same command; the run that
 * finally completes must leave exactly what an uninterrupted run leaves: every table, every output file, the
 * summary's counts, and no leftover file.
 *
 * <p>Against the PostgreSQL server on 127.0.0.1:5432, which outlives the killed process (a database of its own per
 * run); skipped when no server answers (CI starts one and requires it).
 */
@JobTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class CrashRecoveryTest {

    static final List<String> LATER_THAN_INGEST = List.of("dedupe", "prepare-ledger", "replay", "month-rating",
            "invoice", "reconcile", "publish");

    static ReliabilityInstallation inst;

    @BeforeAll
    static void install() throws Exception {
        inst = ReliabilityInstallation.get();
    }

    /** Where a launch is killed: when the child signals a crash point, or when {@code reached} first holds. */
    record Kill(String where, String crashAt, BooleanSupplier reached) {
        static Kill at(String step, String when) {
            return new Kill(step + " " + when, step + ":" + when, null);
        }

        static Kill when(String where, BooleanSupplier reached) {
            return new Kill(where, null, reached);
        }
    }

    @Test
    void killedAtEveryStageAndRunAgainEndsExactlyLikeAnUninterruptedRun() throws Exception {
        RunSnapshot expected = inst.afterA;
        String url = ServerPostgres.createDatabase("wabill_test_crash");
        JdbcTemplate db = ServerPostgres.jdbc(url);
        Path out = inst.root.resolve("out-crash");
        List<Kill> kills = List.of(
                Kill.at("plan", "completed"),
                Kill.when("in the middle of ingest", () -> latestSteps(db, "(step_name = 'ingest' and commit_count >= 1)"
                        + " or step_name in ('" + String.join("','", LATER_THAN_INGEST) + "')")),
                Kill.at("dedupe-bucket", "completed"),
                Kill.at("prepare-ledger", "committed"),
                Kill.at("replay-bucket", "committed"),
                Kill.when("in the middle of the replay", () -> latestSteps(db, "step_name in ('month-rating', 'invoice',"
                        + " 'reconcile', 'publish')") || countLatest(db, "step_name like 'replay-bucket%' and status = 'COMPLETED'") >= 2),
                Kill.at("invoice", "committed"),
                Kill.when("while publishing", () -> hasStaging(out)));
        List<ChildJob> runs = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            Kill k = kills.get(i);
            Path signal = inst.root.resolve("crash-signal-" + i);
            String[] extra = k.crashAt() == null ? new String[0] : ReliabilityInstallation.crashAt(k.crashAt(), signal, null);
            ChildJob child = launch("crash-killed-" + i, url, extra);
            runs.add(child);
            BooleanSupplier reached = k.crashAt() != null ? () -> Files.exists(signal) : k.reached();
            boolean hit = child.await(reached, Duration.ofMillis(5), Duration.ofMinutes(2));
            assertThat(hit).as("launch %d reaches its kill point (%s)\n%s", i, k.where(), child.tail()).isTrue();
            String steps = describeLatest(db);
            child.kill();
            assertThat(child.process.exitValue()).as("launch %d was killed (%s)", i, k.where()).isEqualTo(137);
            System.out.printf("launch %d killed %s; steps of its execution: %s%n", i, k.where(), steps);
        }
        ChildJob last = launch("crash-final", url);
        runs.add(last);
        assertThat(last.waitFor()).as(last.tail()).isZero();

        RunSnapshot actual = RunSnapshot.take(db, out);
        assertThat(expected.diff(actual)).as("differences from the uninterrupted run").isEmpty();
        // the scratch folder was kept for every restart, and went with the run that completed (issue 16)
        Path work = inst.root.resolve("work-crash");
        try (Stream<Path> s = Files.walk(work)) {
            assertThat(s.filter(p -> !p.equals(work)).toList()).as("scratch left in " + work).isEmpty();
        }

        // the job repository: one job instance; every killed execution recovered (FAILED), the last one COMPLETED
        assertThat(db.queryForObject("select count(*) from batch_job_instance", Integer.class)).isEqualTo(1);
        List<String> statuses = db.queryForList("select status from batch_job_execution order by job_execution_id", String.class);
        assertThat(statuses).hasSize(kills.size() + 1);
        assertThat(statuses.subList(0, kills.size())).containsOnly("FAILED");
        assertThat(statuses.get(kills.size())).isEqualTo("COMPLETED");
        // the restarted ingest went on where the killed one stopped: every row read once over all its executions
        Long read = db.queryForObject("select sum(read_count) from batch_step_execution where step_name = 'ingest'", Long.class);
        assertThat(read).isEqualTo(inst.a.rows());
        // every bucket completed exactly once; the one killed after its commit was not written again
        for (String worker : List.of("dedupe-bucket", "replay-bucket")) {
            List<Map<String, Object>> twice = db.queryForList("select step_name, count(*) from batch_step_execution"
                    + " where step_name like ? and status = 'COMPLETED' group by step_name having count(*) > 1", worker + "%");
            assertThat(twice).as(worker + " completed more than once").isEmpty();
        }
        assertThat(runs.stream().map(ChildJob::out)).anyMatch(o -> o.contains("not written again"));
        assertThat(runs.stream().map(ChildJob::out)).anyMatch(o -> o.contains("was interrupted: its process is gone"));

        // privacy: no contact number whole, nor the database password, in any log or report
        List<String> texts = new ArrayList<>();
        for (ChildJob r : inst.children) {
            texts.add(r.out());
            texts.add(r.err());
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".html")).toList()) texts.add(Files.readString(p));
        }
        for (String text : texts) {
            assertThat(text).doesNotContain(ReliabilityInstallation.SECRET);
            for (String contact : inst.a.contacts()) {
                if (text.contains(contact)) {
                    throw new AssertionError("contact " + contact + " printed whole: "
                            + text.substring(Math.max(0, text.indexOf(contact) - 200), text.indexOf(contact) + 20));
                }
            }
        }
    }

    private static ChildJob launch(String name, String url, String... extra) {
        return inst.launch(name, url, "out-crash", "work-crash", ReliabilityInstallation.A_FROM,
                ReliabilityInstallation.A_TO, extra);
    }

    private static String describeLatest(JdbcTemplate db) {
        return db.queryForList("select step_name || ' ' || status || ' (' || commit_count || ' commits)' from"
                + " batch_step_execution where job_execution_id = (select max(job_execution_id) from batch_job_execution)"
                + " order by step_execution_id", String.class).toString();
    }

    private static boolean latestSteps(JdbcTemplate db, String condition) {
        return countLatest(db, condition) > 0;
    }

    private static int countLatest(JdbcTemplate db, String condition) {
        try {
            Integer n = db.queryForObject("select count(*) from batch_step_execution where job_execution_id ="
                    + " (select max(job_execution_id) from batch_job_execution) and (" + condition + ")", Integer.class);
            return n == null ? 0 : n;
        } catch (org.springframework.dao.DataAccessException e) {
            return 0; // the schema is not there yet
        }
    }

    private static boolean hasStaging(Path out) {
        if (!Files.isDirectory(out)) return false;
        try (Stream<Path> s = Files.list(out)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".staging-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
