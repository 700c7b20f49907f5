package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;

/**
 * Issue 8, bad input (SPEC 1.1): every case of the corpus in {@code src/test/resources/bad-input/} (written by
 * {@link BadInputCorpus}) through the whole billing job, checked against its {@code expected.properties}:
 * <ul>
 *   <li>{@code status}: {@code FAILED} or {@code COMPLETED}; {@code from}/{@code to}: the range (default 2025-03-01);</li>
 *   <li>a failed case: {@code step} that failed, {@code message} (parts joined by {@code &&}) that the one-line error
 *       contains; the error names the file and reason and is not a stack trace; and nothing is written: the ledger,
 *       the invoices and the output files are exactly what the day billed before it left (no half-written month);</li>
 *   <li>a completed case: the summary's {@code rowsRead}, {@code accepted}, {@code rejected}; {@code rejected.<row>}:
 *       the start of that row's reason in rejected_rows.csv; {@code opened.<message id>}: when the conversation that
 *       message opened opens; {@code unknownWaba}: a WABA the summary warns about; {@code sameAs}: a case whose ledger
 *       and Parquet outputs this one must equal. In every completed case rows read = accepted + rejected + merged.</li>
 * </ul>
 */
@SharedJobContext
class BadInputCorpusTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;
    static final LocalDate GOOD_DAY = LocalDate.of(2025, 3, 5);


    private final Map<String, RunSnapshot> ledgers = new HashMap<>();
    private RunSnapshot beforeFailures;

    record Case(String name, Path dir, Properties expected) {
        String get(String key) {
            return expected.getProperty(key);
        }

        boolean fails() {
            return "FAILED".equals(get("status"));
        }

        LocalDate from() {
            return LocalDate.parse(expected.getProperty("from", BadInputCorpus.DAY));
        }

        LocalDate to() {
            return LocalDate.parse(expected.getProperty("to", from().toString()));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheCorpus() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(BadInputCorpus.DIR)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(dir.resolve("expected.properties"))) {
                    p.load(r);
                }
                cases.add(new Case(dir.getFileName().toString(), dir, p));
            }
        }
        assertThat(cases).hasSizeGreaterThan(15);
        // failures first (they start from the state a good day left), then the others, those compared with another last
        cases.sort(Comparator.comparing((Case c) -> !c.fails()).thenComparing(c -> c.get("sameAs") != null)
                .thenComparing(Case::name));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private void run(Case c) throws Exception {
        if (c.fails()) {
            if (beforeFailures == null) beforeFailures = billGoodDay();
            installLogs(c);
            JobExecution e = launcher.launch(billing, c.from(), c.to());
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(launcher.getExitCode()).isEqualTo(1);
            String message = launcher.lastFailure();
            assertThat(message).as("the error names the step").contains("FAILED in step " + c.get("step") + ": ");
            for (String part : c.get("message").split(" && ")) assertThat(message).contains(part.trim());
            assertThat(message).as("a message, not a stack trace").doesNotContain("Exception").doesNotContain("\tat ");
            RunSnapshot after = RunSnapshot.take(jdbc, ROOT.resolve("out"));
            // a failed run reports itself in summary.json (and report.html, not compared); nothing else changes
            java.util.function.Predicate<String> notSummary = k -> !k.equals("summary.json");
            assertThat(beforeFailures.only(notSummary).diff(after.only(notSummary)))
                    .as("nothing written by the failed run").isEmpty();
            // the next case, of the same range, finds this run failed with other files: it starts afresh
            return;
        }
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        installLogs(c);
        JobExecution e = launcher.launch(billing, c.from(), c.to());
        assertThat(e.getStatus()).as("%s: %s", c.name(), e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        RunSummary summary = SummaryJson.read(ROOT.resolve("out").resolve(SummaryJson.FILE));
        assertThat(summary.rowsRead()).as("rows read = accepted + rejected + merged")
                .isEqualTo(summary.accepted() + summary.rejected() + summary.mergedDuplicates());
        check(c, "rowsRead", summary.rowsRead());
        check(c, "accepted", summary.accepted());
        check(c, "rejected", summary.rejected());
        List<String> rejected = Files.readAllLines(ROOT.resolve("out/rejected_rows.csv"));
        for (String key : c.expected().stringPropertyNames()) {
            if (key.startsWith("rejected.")) {
                String row = key.substring("rejected.".length());
                String line = rejected.stream().filter(l -> l.contains("part-0.parquet," + row + ",")).findFirst()
                        .orElseThrow(() -> new AssertionError("no rejected row " + row + " in " + rejected));
                String reason = line.substring(line.indexOf(',', line.indexOf("part-0.parquet," + row + ",")
                        + ("part-0.parquet," + row + ",").length()) + 1);
                if (reason.startsWith("\"")) reason = reason.substring(1).replace("\"\"", "\"");
                assertThat(reason).as("reason of row %s", row).startsWith(c.get(key));
            }
            if (key.startsWith("opened.")) {
                Instant opened = jdbc.queryForObject("select opened_at from conversation where opening_message_id = ?",
                        (rs, i) -> rs.getTimestamp(1).toInstant(), key.substring("opened.".length()));
                assertThat(opened).isEqualTo(Instant.parse(c.get(key)));
            }
        }
        if (c.get("unknownWaba") != null) assertThat(summary.unknownWabas()).contains(c.get("unknownWaba"));
        RunSnapshot ledger = RunSnapshot.take(jdbc, ROOT.resolve("out")).only(
                p -> List.of("conversation", "priced_message", "conversations/", "message_outcomes/").contains(p));
        ledgers.put(c.name(), ledger);
        if (c.get("sameAs") != null) {
            RunSnapshot other = ledgers.get(c.get("sameAs"));
            assertThat(other).as("case %s ran before", c.get("sameAs")).isNotNull();
            assertThat(other.diff(ledger)).as("same ledger as %s", c.get("sameAs")).isEmpty();
        }
    }

    private static void check(Case c, String key, long actual) {
        if (c.get(key) != null) assertThat(actual).as(c.name() + " " + key).isEqualTo(Long.parseLong(c.get(key)));
    }

    /** A clean installation with one good day billed: what every failing case must leave as it is. */
    private RunSnapshot billGoodDay() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(3, GOOD_DAY, 1, 30, 6), GOOD_DAY, 1);
        JobExecution good = launcher.launch(billing, GOOD_DAY, GOOD_DAY);
        assertThat(good.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunSnapshot s = RunSnapshot.take(jdbc, ROOT.resolve("out"));
        assertThat(s.size("invoice")).isPositive();
        return s;
    }

    /** The case's log tree in place of the logs of earlier cases (the good day's partition stays). */
    private static void installLogs(Case c) throws Exception {
        Path logs = ROOT.resolve("logs");
        Files.createDirectories(logs);
        try (Stream<Path> s = Files.list(logs)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("date=" + GOOD_DAY)) JobTestSupport.deleteTree(p);
            }
        }
        JobTestSupport.copyTree(c.dir().resolve("logs"), logs);
    }
}
