package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;

import com.wabill.testsupport.JobTest;

/**
 * Issue 16, a year of nights (a month of them here): 30 consecutive days billed one run per day, the nightly way,
 * into one database and one output folder, end exactly where one run over the 30 days ends (ledger, carried state
 * of every day, output files); every completed night leaves its scratch folder removed; re-billing day 15 alone
 * afterwards starts from the state carried out of day 14 (no cold start, no warning) and changes nothing; a run of
 * day 20 killed (SIGKILL, a child process) between a replay bucket's commit and its step being recorded keeps its
 * scratch folder for its restart, and the restart, once complete, leaves nothing behind.
 *
 * <p>Against the PostgreSQL server on 127.0.0.1:5432 (a database of its own), which outlives the killed child.
 */
@JobTest
@SpringBootTest
@EnabledIf(value = "com.wabill.job.ServerPostgres#reachable", disabledReason = ServerPostgres.SKIPPED)
class ThirtyNightsTest extends JobTestBase {

    static final Path ROOT = JobTestSupport.newRoot("nights");
    /** Over the switch to per-message pricing (2025-07-01), so that both models carry state across nights. */
    static final LocalDate FIRST = LocalDate.of(2025, 6, 16);
    static final int NIGHTS = 30;
    static final LocalDate LAST = FIRST.plusDays(NIGHTS - 1);
    static final int BUCKET_ROWS = 150;
    static String url;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
        url = ServerPostgres.createDatabase("wabill_test_nights");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> ServerPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("wabill.bucket-rows", () -> String.valueOf(BUCKET_ROWS));
    }

    private void prepare() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        List<Map<String, String>> rows = RandomLogs.generate(1616, FIRST, NIGHTS, 24, 4);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), rows, FIRST, NIGHTS);
    }

    private JobExecution bill(LocalDate from, LocalDate to) throws Exception {
        JobExecution e = launcher.launch(billing, from, to);
        assertThat(e.getStatus()).as("run %s..%s: %s", from, to, e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    /** The ledger and output files, and the state carried out of every day (with its carry points). */
    private Map<String, Object> outputs() throws Exception {
        LedgerSnapshot ledger = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));
        List<String> states = jdbc.queryForList("select carry_day || ' ' || phone_number_id || ' ' || contact_wa_id"
                + " || ' ' || encode(state, 'hex') from thread_state order by 1", String.class);
        List<String> points = jdbc.queryForList("select carry_day || ' ' || threads || ' ' || digest from carry_point"
                + " order by carry_day", String.class);
        return Map.of("ledger", ledger, "states", states, "points", points);
    }

    private void assertSame(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertThat(((LedgerSnapshot) expected.get("ledger")).diff((LedgerSnapshot) actual.get("ledger")))
                .as(what + ": ledger and output files").isEmpty();
        assertThat(actual.get("points")).as(what + ": carry points of every day").isEqualTo(expected.get("points"));
        assertThat(actual.get("states")).as(what + ": states carried out of every day").isEqualTo(expected.get("states"));
    }

    private RunSummary summary() throws Exception {
        return SummaryJson.read(ROOT.resolve("out").resolve(SummaryJson.FILE));
    }

    /** What is under the work folder: nothing once every run completed. */
    private static List<Path> scratch() throws Exception {
        Path work = ROOT.resolve("work");
        if (!Files.exists(work)) return List.of();
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> !p.equals(work)).toList();
        }
    }

    @Test
    void thirtyNightsEndLikeOneRunAndLeaveNoScratch() throws Exception {
        prepare();
        bill(FIRST, LAST);
        Map<String, Object> once = outputs();
        assertThat(((LedgerSnapshot) once.get("ledger")).size("conversation")).as("CBP days open conversations").isGreaterThan(50);
        assertThat(((LedgerSnapshot) once.get("ledger")).size("priced_message")).as("PMP days price messages").isGreaterThan(50);
        assertThat((List<?>) once.get("points")).as("a carry point for every day").hasSize(NIGHTS);
        assertThat(summary().scratchPeakBytes()).as("the scratch the run used at its peak").isPositive();
        assertThat(scratch()).as("a completed run removes its scratch folder").isEmpty();
        // a day inside that one run billed again: from the state carried out of day 14 within it
        LocalDate day15 = FIRST.plusDays(14);
        bill(day15, day15);
        assertThat(summary().coldStart()).as("day 15 inside a 30-day run: no cold start").isFalse();
        assertThat(summary().warnings()).as("nothing to act on").isEmpty();
        assertSame(once, outputs(), "day 15 of the 30-day run billed again");

        prepare();
        for (int n = 0; n < NIGHTS; n++) {
            LocalDate day = FIRST.plusDays(n);
            if (n == 19) {
                killInTheMiddleThenRunAgain(day);
            } else {
                bill(day, day);
            }
            assertThat(scratch()).as("night %d (%s) leaves no scratch", n + 1, day).isEmpty();
            RunSummary s = summary();
            assertThat(s.coldStart()).as("night %d starts cold only if it is the first", n + 1).isEqualTo(n == 0);
            assertThat(s.scratchPeakBytes()).isPositive();
        }
        assertSame(once, outputs(), "30 nights");

        // a backfill of one day in the middle: from the true state of the day before, the same results
        bill(day15, day15);
        RunSummary again = summary();
        assertThat(again.coldStart()).as("re-billing day 15 starts from day 14's state").isFalse();
        assertThat(again.warnings()).as("nothing to act on").isEmpty();
        assertSame(once, outputs(), "day 15 billed again");
        assertThat(scratch()).isEmpty();
    }

    private int advisoryLocks() {
        Integer n = jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and database ="
                + " (select oid from pg_database where datname = current_database())", Integer.class);
        return n == null ? 0 : n;
    }

    /** Day 20 by a child process killed after a replay bucket committed, then run again here. */
    private void killInTheMiddleThenRunAgain(LocalDate day) throws Exception {
        Path signal = ROOT.resolve("night-signal");
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=billing", "from=" + day, "to=" + day,
                "--wabill.logs=" + ROOT.resolve("logs"),
                "--wabill.rate-cards=" + ROOT.resolve("ref/rate-cards"),
                "--wabill.markets=" + ROOT.resolve("ref/markets.csv"),
                "--wabill.accounts=" + ROOT.resolve("ref/accounts.csv"),
                "--wabill.meta-billing=" + ROOT.resolve("meta"),
                "--wabill.output=" + ROOT.resolve("out"),
                "--wabill.work-dir=" + ROOT.resolve("work"),
                "--wabill.bucket-rows=" + BUCKET_ROWS,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + ServerPostgres.USER));
        args.addAll(List.of(ReliabilityInstallation.crashAt("replay-bucket:committed", signal, null)));
        ChildJob child = ChildJob.start("night-" + day + "-killed", ROOT, ROOT.resolve("child-logs"), Map.of(), args);
        boolean reached = child.await(() -> Files.exists(signal), Duration.ofMillis(20), Duration.ofMinutes(3));
        assertThat(reached).as("the run of %s reaches its kill point\n%s", day, child.tail()).isTrue();
        child.kill();
        assertThat(scratch()).as("a killed run keeps its scratch folder for its restart").isNotEmpty();
        // PostgreSQL ends the killed process's session, and its day locks, once it notices the connection is gone
        for (int i = 0; i < 300 && advisoryLocks() > 0; i++) Thread.sleep(100);

        JobExecution restarted = bill(day, day);
        assertThat(restarted.getJobInstance().getJobName()).isEqualTo("billing");
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution e join batch_job_instance i"
                + " using (job_instance_id) where i.job_instance_id = ?", Integer.class,
                restarted.getJobInstance().getInstanceId())).as("the restart continued the killed run").isEqualTo(2);
    }
}
