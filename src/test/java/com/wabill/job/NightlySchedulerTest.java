package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.launch.NightlyScheduler;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.testsupport.JobTest;

/**
 * The scheduled mode with a movable clock and a cron firing every second: it bills yesterday, catches up on the
 * nights it missed one day at a time in order, does not bill a completed day again, and stops a catch-up at a day
 * that fails until that day completes.
 */
@JobTest
@SpringBootTest
class NightlySchedulerTest {

    static final Path ROOT = JobTestSupport.newRoot("schedule");
    static final LocalDate FIRST = LocalDate.of(2025, 3, 1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
        registry.add("wabill.schedule", () -> "0 30 2 * * *");
    }

    /** A clock that runs at the normal pace from wherever the test puts it. */
    static final class MovableClock extends Clock {
        private volatile Instant base = Instant.parse("2025-03-01T00:00:00Z");
        private volatile long setAt = System.nanoTime();

        void set(Instant now) {
            setAt = System.nanoTime();
            base = now;
        }

        @Override
        public Instant instant() {
            return base.plusNanos(System.nanoTime() - setAt);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Zoned(this, zone);
        }
    }

    /** The movable clock seen from another zone. */
    static final class Zoned extends Clock {
        private final Clock inner;
        private final ZoneId zone;

        Zoned(Clock inner, ZoneId zone) {
            this.inner = inner;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return inner.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new Zoned(inner, z);
        }
    }

    @TestConfiguration
    static class ClockConfig {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    NightlyScheduler scheduler;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    record Run(String from, String to, String status, String mode) {
    }

    private void prepare(long seed, int days) throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(seed, FIRST, days, 20, 4), FIRST, days);
    }

    private long lastExecutionId() {
        Long id = jdbc.queryForObject("select max(job_execution_id) from batch_job_execution", Long.class);
        return id == null ? 0 : id;
    }

    /** The billing runs after {@code afterId}, in the order they ran. */
    private List<Run> runsAfter(long afterId) {
        return jdbc.query("""
                select e.job_execution_id, e.status,
                       (select parameter_value from batch_job_execution_params p
                         where p.job_execution_id = e.job_execution_id and p.parameter_name = 'from') as from_day,
                       (select parameter_value from batch_job_execution_params p
                         where p.job_execution_id = e.job_execution_id and p.parameter_name = 'to') as to_day,
                       (select parameter_value from batch_job_execution_params p
                         where p.job_execution_id = e.job_execution_id and p.parameter_name = 'mode') as mode
                from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
                where i.job_name = 'billing' and e.job_execution_id > ? order by e.job_execution_id""",
                (rs, n) -> new Run(rs.getString("from_day"), rs.getString("to_day"), rs.getString("status"),
                        rs.getString("mode")), afterId);
    }

    private LocalDate lastBilledDay() {
        return jdbc.queryForObject("select max(day) from billed_day", LocalDate.class);
    }

    private void awaitLastBilledDay(LocalDate day, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (day.equals(lastBilledDay())) return;
            Thread.sleep(100);
        }
        assertThat(lastBilledDay()).as("last billed day after %s", timeout).isEqualTo(day);
    }

    @Test
    void aCronEverySecondBillsYesterdayThenCatchesUpOnMissedNightsInOrder() throws Exception {
        prepare(71, 5);
        long before = lastExecutionId();
        clock.set(Instant.parse("2025-03-03T02:29:58Z")); // yesterday is 03-02; the first run ever
        Thread loop = new Thread(() -> scheduler.runUntilStopped(CronExpression.parse("* * * * * *"), false), "schedule");
        long start = System.nanoTime();
        loop.start();
        try {
            awaitLastBilledDay(LocalDate.of(2025, 3, 2), Duration.ofSeconds(60));
            // the machine was down for three nights: now yesterday is 03-05
            clock.set(Instant.parse("2025-03-06T02:30:00Z"));
            awaitLastBilledDay(LocalDate.of(2025, 3, 5), Duration.ofSeconds(60));
            // more ticks, every second: nothing is billed again
            Thread.sleep(2_500);
        } finally {
            scheduler.stop();
            loop.join(10_000);
        }
        assertThat(loop.isAlive()).as("the loop ends on stop()").isFalse();
        System.out.printf("scheduled mode: 5 days billed in 5 runs in %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<Run> runs = runsAfter(before);
        assertThat(runs).extracting(Run::from).containsExactly("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04",
                "2025-03-05");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.to()).as("one day per run").isEqualTo(r.from());
            assertThat(r.status()).isEqualTo("COMPLETED");
            assertThat(r.mode()).startsWith("nightly schedule '0 30 2 * * *'");
        });
        assertThat(runs.get(3).mode()).contains("day 2 of 3 caught up");
        // the ticks after the catch-up found nothing to bill, and said so in summary.json
        RunSummary last = SummaryJson.read(ROOT.resolve("out/summary.json"));
        assertThat(last.status()).isEqualTo(RunSummary.Status.NOTHING_TO_BILL);
        assertThat(last.modeReason()).contains("up to 2025-03-05 (yesterday, UTC)");
        // a direct tick the same night launches nothing either
        assertThat(scheduler.tick()).isEmpty();
        assertThat(runsAfter(before)).hasSize(5);
    }

    @Test
    void aFailedDayStopsTheCatchUpUntilItCompletesThenTheLaterDaysFollow() throws Exception {
        prepare(72, 4);
        long before = lastExecutionId();
        // 03-03 is not exported yet when the scheduler catches up
        Path day3 = ROOT.resolve("logs/date=2025-03-03");
        Path aside = ROOT.resolve("aside");
        JobTestSupport.deleteTree(aside);
        Files.move(day3, aside);
        clock.set(Instant.parse("2025-03-05T02:30:00Z"));

        List<JobExecution> first = scheduler.tick();
        assertThat(first).extracting(e -> e.getJobParameters().getString("from"))
                .containsExactly("2025-03-01", "2025-03-02", "2025-03-03");
        assertThat(first.get(2).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(lastBilledDay()).as("03-04 waits for 03-03").isEqualTo(LocalDate.of(2025, 3, 2));

        // the export arrives; the next tick restarts 03-03 and goes on with 03-04
        Files.move(aside, day3);
        List<JobExecution> second = scheduler.tick();
        assertThat(second).extracting(e -> e.getJobParameters().getString("from"))
                .containsExactly("2025-03-03", "2025-03-04");
        assertThat(second).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(second.get(0).getJobInstance().getInstanceId())
                .as("the failed run of 03-03 is restarted, not started anew")
                .isEqualTo(first.get(2).getJobInstance().getInstanceId());
        assertThat(lastBilledDay()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(scheduler.tick()).as("nothing left").isEmpty();
        assertThat(runsAfter(before)).hasSize(5);
    }
}
