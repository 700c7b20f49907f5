package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.testsupport.JobTest;

/**
 * SPEC 2.8 through the real job: a range billed at once equals the same range billed day by day; a re-run
 * reproduces its results without duplicates; a failed run restarted after the cause is fixed ends where an
 * uninterrupted run does.
 */
@JobTest
@SpringBootTest
class BillingJobContinuityTest extends JobTestBase {

    static final Path ROOT = JobTestSupport.newRoot("continuity");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
        // small buckets, so that a run has several and a restart re-runs only some
        registry.add("wabill.bucket-rows", () -> "150");
    }


    private void prepare(LocalDate first, int days, long seed) throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        List<Map<String, String>> rows = RandomLogs.generate(seed, first, days, 60, 6);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), rows, first, days);
    }

    private JobExecution bill(LocalDate from, LocalDate to) throws Exception {
        JobExecution e = launcher.launch(billing, from, to);
        assertThat(e.getStatus()).as("run %s..%s: %s", from, to, e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    @ParameterizedTest(name = "{0} for {1} days")
    @CsvSource({"2025-03-01, 3, 11", "2025-06-29, 3, 12"})
    void oneRunEqualsDailyRuns(LocalDate first, int days, long seed) throws Exception {
        prepare(first, days, seed);
        bill(first, first.plusDays(days - 1));
        LedgerSnapshot once = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));
        assertThat(once.size("conversation")).as("the data opens conversations").isGreaterThan(20);

        prepare(first, days, seed);
        for (int d = 0; d < days; d++) bill(first.plusDays(d), first.plusDays(d));
        LedgerSnapshot daily = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));

        assertThat(once.diff(daily)).isEmpty();
    }

    @Test
    void reRunReproducesResultsWithoutDuplicates() throws Exception {
        LocalDate first = LocalDate.of(2025, 3, 1);
        prepare(first, 3, 21);
        bill(first, first.plusDays(2));
        LedgerSnapshot before = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));
        bill(first, first.plusDays(2));
        LedgerSnapshot after = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));
        assertThat(before.diff(after)).isEmpty();
        // re-running the middle day alone changes nothing either: its state comes carried from the day before
        bill(first.plusDays(1), first.plusDays(1));
        assertThat(before.diff(LedgerSnapshot.take(jdbc, ROOT.resolve("out")))).isEmpty();
    }

    @Test
    void failedRunRestartsWhereItStoppedAndEndsLikeAnUninterruptedOne() throws Exception {
        LocalDate first = LocalDate.of(2025, 3, 1);
        LocalDate last = first.plusDays(2);
        prepare(first, 3, 31);
        bill(first, last);
        LedgerSnapshot uninterrupted = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));

        prepare(first, 3, 31);
        // the card in force lacks Germany: buckets with a German contact fail in the replay
        Path card = ROOT.resolve("ref/rate-cards/USD/2024-11-01.csv");
        String full = Files.readString(card);
        Files.writeString(card, full.replaceAll("(?m)^Germany,.*\\R", ""));
        JobExecution failed = launcher.launch(billing, first, last);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().toString() + failed.getExitStatus().getExitDescription())
                .contains("Germany");
        long replayBucketsDone = failed.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("replay-bucket") && s.getStatus() == BatchStatus.COMPLETED).count();
        assertThat(replayBucketsDone).as("some buckets finished before the failure").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from invoice", Integer.class)).as("no invoice written").isZero();

        Files.writeString(card, full);
        JobExecution restarted = launcher.launch(billing, first, last);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).as("same job instance").isEqualTo(failed.getJobInstance().getInstanceId());
        long rerunBuckets = restarted.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("replay-bucket")).count();
        assertThat(rerunBuckets).as("only the failed buckets run again").isLessThan(
                failed.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("replay-bucket")).count());
        assertThat(uninterrupted.diff(LedgerSnapshot.take(jdbc, ROOT.resolve("out")))).isEmpty();
    }

    @Test
    void runOverTheSwitchInvoicesBothModels() throws Exception {
        LocalDate first = LocalDate.of(2025, 6, 29);
        prepare(first, 3, 41);
        bill(first, first.plusDays(2));
        List<String> lines = Files.readAllLines(ROOT.resolve("out/invoice_lines.csv"));
        assertThat(lines.get(0)).isEqualTo("waba_id,period,revision,pricing_model,category,type,market,currency,rate,quantity,amount");
        assertThat(lines).anyMatch(l -> l.contains(",2025-06,") && l.contains(",CBP,"));
        assertThat(lines).anyMatch(l -> l.contains(",2025-07,") && l.contains(",PMP,"));
        // the switch is at local midnight on the 1st, so no local month has lines of both models
        assertThat(lines).noneMatch(l -> l.contains(",2025-06,") && l.contains(",PMP,"));
        assertThat(lines).noneMatch(l -> l.contains(",2025-07,") && l.contains(",CBP,"));
        // the billed days reach the end of June in Sao Paulo (07-01T03:00Z) and Oslo (06-30T22:00Z): June is closed
        assertThat(jdbc.queryForList("select distinct status from invoice where period = '2025-06'", String.class))
                .containsExactly("CLOSED");
        assertThat(jdbc.queryForList("select distinct status from invoice where period = '2025-07'", String.class))
                .containsExactly("OPEN");
        // a closed month's payments add up to its invoice
        assertThat(jdbc.queryForObject("select count(*) from invoice i where period = '2025-06' and amount <>"
                + " (select coalesce(sum(amount), 0) from payment p where p.waba_id = i.waba_id and p.period = i.period)",
                Integer.class)).isZero();
    }
}
