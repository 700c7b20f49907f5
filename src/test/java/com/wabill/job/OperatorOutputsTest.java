package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.testsupport.JobTest;

/**
 * What a person watching or reading a run gets: progress lines while it runs, the summary (table, summary.json,
 * report.html) at the end of every run, also a failed one, and one last line that says what failed, where and
 * what to do.
 */
@JobTest
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class OperatorOutputsTest extends JobTestBase {

    static final Path ROOT = JobTestSupport.newRoot("operator");
    static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    static final long INTERVAL_MS = 100;
    static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) INFO  StepProgress - (\\S+): (.*)$");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
        registry.add("wabill.progress-interval", () -> INTERVAL_MS + "ms");
        // several buckets, so that the partitioned steps report buckets done
        registry.add("wabill.bucket-rows", () -> "2000");
        registry.add("wabill.ingest-chunk-rows", () -> "2000"); // several ingest progress lines on a small data set
    }


    private void prepare(long seed, int days, int contacts, int messages) throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(seed, FIRST, days, contacts, messages),
                FIRST, days);
    }

    private RunSummary summary() throws Exception {
        return SummaryJson.read(ROOT.resolve("out/summary.json"));
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    record Line(LocalTime time, String step, String text) {
    }

    private static List<Line> progressLines(String out, int from) {
        List<Line> lines = new ArrayList<>();
        for (String l : out.substring(from).lines().toList()) {
            Matcher m = LOG_TIME.matcher(l);
            if (m.matches()) lines.add(new Line(LocalTime.parse(m.group(1)), m.group(2), m.group(3)));
        }
        return lines;
    }

    @Test
    void progressLinesWhileTheJobRunsThenTheSummary(CapturedOutput output) throws Exception {
        prepare(81, 2, 3_000, 12);
        int mark = output.getOut().length();
        long start = System.nanoTime();
        JobExecution e = launcher.launch(billing, FIRST, FIRST.plusDays(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Line> lines = progressLines(output.getOut(), mark);
        List<String> ended = lines.stream().filter(l -> l.text().startsWith("COMPLETED in ")).map(Line::step).toList();
        assertThat(ended).as("one line as each step ends").containsExactly("plan", "ingest", "dedupe", "prepare-ledger",
                "replay", "month-rating", "invoice", "reconcile", "publish");
        assertThat(lines).filteredOn(l -> l.step().equals("ingest") && l.text().startsWith("COMPLETED"))
                .singleElement().satisfies(l -> assertThat(l.text()).matches("COMPLETED in .* s, [\\d,]+ rows read at [\\d,]+ rows/s"));
        assertThat(lines).filteredOn(l -> l.step().equals("replay") && l.text().startsWith("COMPLETED"))
                .singleElement().satisfies(l -> assertThat(l.text())
                        .matches("COMPLETED in .* s, (\\d+) of \\1 buckets, [\\d,]+ messages at [\\d,]+ messages/s"));

        // while a step runs: a line every interval, with the share done, the rate and the time left
        List<Line> running = lines.stream().filter(l -> !l.text().startsWith("COMPLETED")).toList();
        assertThat(running).as("progress lines during a %.1f s run", seconds).isNotEmpty();
        assertThat(running).filteredOn(l -> l.step().equals("ingest")).allSatisfy(l -> assertThat(l.text())
                .matches("\\d+% \\([\\d,]+ of [\\d,]+ rows\\), [\\d,]+ rows/s, (about .* left|time left not known yet)"
                        + "|[\\d,]+ rows read, [\\d,]+ rows/s, running .* \\(the total is being counted\\)"));
        assertThat(running).filteredOn(l -> l.step().equals("dedupe") || l.step().equals("replay"))
                .allSatisfy(l -> assertThat(l.text()).matches("\\d+% \\(\\d+ of \\d+ buckets\\), .*"));
        // the share done, a rate and the time left, in ingest's form ("…, 9,000 rows/s, about …") or in the
        // buckets' form ("…, 13,389 rows at 132,564 rows/s, about …"): which step is still running at a tick is timing
        assertThat(running).anySatisfy(l -> assertThat(l.text()).matches("\\d+% .*[\\d,]+ \\w+/s, about .* left"));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < running.size(); i++) {
            if (running.get(i).step().equals(running.get(i - 1).step())) {
                gaps.add(java.time.Duration.between(running.get(i - 1).time(), running.get(i).time()).toMillis());
            }
        }
        System.out.printf("progress: %d lines during a %.1f s run; gaps between lines of a step (ms): %s%n",
                running.size(), seconds, gaps);
        // a line every interval: never sooner (no burst after a stall), later only when the machine is busy
        assertThat(gaps).as("a line every %d ms", INTERVAL_MS).isNotEmpty()
                .allSatisfy(g -> assertThat(g).isBetween(INTERVAL_MS - 20, INTERVAL_MS * 30));

        // the summary: the table in the log, summary.json and report.html
        assertThat(output.getOut().substring(mark)).contains("wabill billing #" + e.getId()).contains("| status ")
                .contains("| rows read ");
        RunSummary s = summary();
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(s.executionId()).isEqualTo(e.getId());
        assertThat(s.failure()).isNull();
        assertThat(s.stepMillis().keySet()).containsExactly("plan", "ingest", "dedupe", "prepare-ledger", "replay",
                "month-rating", "invoice", "reconcile", "publish");
        assertThat(Files.readString(ROOT.resolve("out/report.html"))).doesNotContain("class=\"status");
    }

    @Test
    void aFailedRunEndsWithOneLineAndStillWritesItsSummary(CapturedOutput output) throws Exception {
        prepare(82, 2, 60, 6);
        // the card in force lacks Germany: the buckets with a German contact fail in the replay
        Path card = ROOT.resolve("ref/rate-cards/USD/2024-11-01.csv");
        String full = Files.readString(card);
        Files.writeString(card, full.replaceAll("(?m)^Germany,.*\\R", ""));
        int mark = output.getErr().length();
        JobExecution failed = launcher.launch(billing, FIRST, FIRST.plusDays(1));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(launcher.getExitCode()).isEqualTo(1);

        String line = lastLine(output.getErr().substring(mark));
        assertThat(line).startsWith("wabill: billing 2025-03-01..2025-03-02 FAILED in step replay, bucket ")
                .contains("no rate for market 'Germany'").contains("(rate card " + card + ")")
                .contains("To fix: add market 'Germany' with a ").contains(" rate to " + card)
                .endsWith("then run the same command again; the run restarts where it stopped.");

        RunSummary s = summary();
        assertThat(s.status()).isEqualTo(RunSummary.Status.FAILED);
        assertThat(s.executionId()).isEqualTo(failed.getId());
        assertThat("wabill: " + s.failure()).isEqualTo(line);
        assertThat(s.rowsRead()).as("the steps that completed are counted").isPositive();
        assertThat(s.stepMillis()).containsKeys("plan", "ingest", "dedupe", "prepare-ledger", "replay");
        String report = Files.readString(ROOT.resolve("out/report.html"));
        assertThat(report).contains("<b>This run FAILED.</b>").contains("no rate for market &#39;Germany&#39;");
        assertThat(output.getOut()).contains("FAILED: billing 2025-03-01..2025-03-02 FAILED in step replay");

        // fixed and run again: it completes and says so
        Files.writeString(card, full);
        JobExecution restarted = launcher.launch(billing, FIRST, FIRST.plusDays(1));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(Files.readString(ROOT.resolve("out/report.html"))).doesNotContain("This run FAILED");
    }

    @Test
    void anUnreadableLogFileIsNamedWithWhatToDo(CapturedOutput output) throws Exception {
        prepare(83, 1, 40, 6);
        Path file = ROOT.resolve("logs/date=2025-03-01/part-0.parquet");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated, as by a copy cut short
        int mark = output.getErr().length();
        JobExecution failed = launcher.launch(billing, FIRST, FIRST);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        String line = lastLine(output.getErr().substring(mark));
        assertThat(line).startsWith("wabill: billing 2025-03-01..2025-03-01 FAILED in step plan: " + file + ": ")
                .contains("To fix: re-export " + file + " as readable Parquet");
        RunSummary s = summary();
        assertThat(s.failure()).isEqualTo(line.substring("wabill: ".length()));
        assertThat(s.jobName()).isEqualTo("billing");
        assertThat(s.mode()).isEqualTo(RunSummary.Mode.EXPLICIT_RANGE);
        assertThat(s.fromDay()).isEqualTo(FIRST);
        assertThat(s.stepMillis()).containsOnlyKeys("plan");
    }

    @Test
    void theReconcileJobWritesItsSummaryToo(CapturedOutput output) throws Exception {
        prepare(84, 1, 40, 6);
        JobTestSupport.deleteTree(ROOT.resolve("meta")); // no Meta export: comparing is all the job does
        int mark = output.getErr().length();
        JobExecution failed = launcher.launch(reconcile, null, null);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(lastLine(output.getErr().substring(mark)))
                .startsWith("wabill: reconcile FAILED in step reconcile: No Meta export at " + ROOT.resolve("meta"));
        RunSummary s = summary();
        assertThat(s.jobName()).isEqualTo("reconcile");
        assertThat(s.status()).isEqualTo(RunSummary.Status.FAILED);
        assertThat(s.failure()).contains("point wabill.meta-billing at its directory");
        assertThat(Map.of("report", Files.exists(ROOT.resolve("out/report.html")))).containsEntry("report", true);
    }
}
