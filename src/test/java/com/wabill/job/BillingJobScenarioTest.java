package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.wabill.parquet.MessageLogWriter;
import com.wabill.parquet.ParquetTableReader;
import com.wabill.scenarios.ScenarioFile;

/**
 * Every scenario file through the whole billing job: the messages written as a real Parquet log, the job run
 * against a real PostgreSQL, and the conversations (ledger), outcomes and amounts (Parquet output) and rejected
 * rows (CSV) checked against the file's expectations.
 */
@SharedJobContext
class BillingJobScenarioTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;


    /** Every scenario file, those of SPEC v3 ({@code v3/}, with their own {@code v3/reference/}) included. */
    @TestFactory
    Stream<DynamicTest> everyScenarioThroughTheJob() {
        List<Path> files = new ArrayList<>(ScenarioFile.allScenarioFiles());
        List<Path> v3 = ScenarioFile.allV3ScenarioFiles();
        assertThat(v3).as("the v3 scenarios").isNotEmpty();
        files.addAll(v3);
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(
                (v3.contains(f) ? "v3/" : "") + f.getFileName().toString(), () -> run(ScenarioFile.load(f))));
    }

    private void run(ScenarioFile scenario) throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(scenario.referenceDir(), ROOT);
        List<Map<String, String>> messages = scenario.messages();
        MessageLogWriter.writeAll(ROOT.resolve("logs").resolve("part-0.parquet").toString(), messages);

        LocalDate from = null;
        LocalDate to = null;
        for (Map<String, String> m : messages) {
            for (String col : List.of("sent_at", "delivered_at")) {
                String v = m.get(col);
                if (v == null) continue;
                LocalDate d = LocalDate.ofInstant(Instant.parse(v), ZoneOffset.UTC);
                if (from == null || d.isBefore(from)) from = d;
                if (to == null || d.isAfter(to)) to = d;
            }
        }
        JobExecution execution = launcher.launch(billing, from, to);
        if (!scenario.expectedError().isEmpty()) {
            checkError(scenario, execution);
            return;
        }
        assertThat(execution.getStatus()).as("job status; failures: %s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);

        // conversations, from the ledger, matched by the message that opened them
        Map<String, Map<String, Object>> conversations = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("select * from conversation")) {
            conversations.put((String) row.get("opening_message_id"), row);
        }
        Set<String> expectedOpeners = new HashSet<>();
        for (ScenarioFile.ExpectedConversation e : scenario.expectedConversations()) {
            expectedOpeners.add(e.openedBy());
            Map<String, Object> c = conversations.get(e.openedBy());
            assertThat(c).as("conversation opened by %s", e.openedBy()).isNotNull();
            assertThat(c.get("category")).as("category of %s", e.openedBy()).isEqualTo(e.category());
            assertThat(c.get("type")).as("type of %s", e.openedBy()).isEqualTo(e.type());
            if (e.openedAt() != null) {
                assertThat(instant(c.get("opened_at"))).as("opened_at of %s", e.openedBy()).isEqualTo(Instant.parse(e.openedAt()));
            }
            if (e.closedAt() != null) {
                assertThat(instant(c.get("closed_at"))).as("closed_at of %s", e.openedBy()).isEqualTo(Instant.parse(e.closedAt()));
            }
            if (e.amount() != null) {
                assertThat((BigDecimal) c.get("amount")).as("amount of %s", e.openedBy())
                        .isEqualByComparingTo(new BigDecimal(e.amount()));
            }
            if (e.conversationId() != null) {
                assertThat(c.get("conversation_id")).isEqualTo(e.conversationId());
            }
        }
        assertThat(conversations.keySet()).as("conversations opened").isEqualTo(expectedOpeners);

        // outcomes and message amounts, from the Parquet output
        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        for (Path p : parquetFiles(ROOT.resolve("out").resolve("message_outcomes"))) {
            for (Map<String, Object> row : ParquetTableReader.readAll(p.toString())) {
                outcomes.put((String) row.get("message_id"), row);
            }
        }
        // every listed message; every accepted one but the copies of a repeat: entry must be listed
        Set<String> listed = new HashSet<>(outcomes.keySet());
        listed.removeAll(scenario.repeatedIds());
        Set<String> expectedListed = new HashSet<>(scenario.expectedOutcomes().keySet());
        expectedListed.removeAll(scenario.repeatedIds());
        assertThat(listed).as("accepted messages").isEqualTo(expectedListed);
        assertThat(outcomes.keySet()).as("accepted messages").containsAll(scenario.expectedOutcomes().keySet());
        scenario.expectedOutcomes().forEach((id, e) -> {
            Map<String, Object> row = outcomes.get(id);
            assertThat(row.get("outcome")).as("outcome of %s", id).isEqualTo(e.outcome());
            String flags = (String) row.get("flags");
            List<String> actual = flags == null || flags.isEmpty() ? List.of() : List.of(flags.split(";"));
            assertThat(actual).as("flags of %s", id).isEqualTo(e.flags().stream().sorted().toList());
        });
        if (scenario.messageCharges() != null) {
            assertThat(outcomes.keySet()).as("messages charged").containsAll(scenario.messageCharges().keySet());
            outcomes.forEach((id, row) -> {
                String expected = scenario.messageCharges().get(id);
                BigDecimal amount = (BigDecimal) row.get("amount");
                assertThat(amount).as("amount of message %s", id)
                        .isEqualByComparingTo(expected == null ? BigDecimal.ZERO : new BigDecimal(expected));
            });
        }
        if (scenario.messageConversations() != null) {
            scenario.messageConversations().forEach((id, conv) -> assertThat(
                    outcomes.containsKey(id) ? outcomes.get(id).get("conversation_id") : "(no outcome)")
                    .as("conversation of %s", id).isEqualTo(conv));
        }
        if (scenario.messageCategories() != null) {
            scenario.messageCategories().forEach((id, category) -> assertThat(
                    outcomes.containsKey(id) ? outcomes.get(id).get("pricing_category") : "(no outcome)")
                    .as("pricing category of %s", id).isEqualTo(category));
        }
        if (scenario.messageCurrencies() != null) {
            scenario.messageCurrencies().forEach((id, currency) -> assertThat(
                    outcomes.containsKey(id) ? outcomes.get(id).get("currency") : "(no outcome)")
                    .as("currency of %s", id).isEqualTo(currency));
        }
        ScenarioFile.ExpectedTotals totals = scenario.totals();
        if (totals != null) {
            long charged = outcomes.values().stream().filter(r -> amount(r).signum() > 0).count();
            BigDecimal sum = outcomes.values().stream().map(BillingJobScenarioTest::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (totals.chargedMessages() != null) assertThat(charged).as("charged messages").isEqualTo(totals.chargedMessages());
            if (totals.amount() != null) assertThat(sum).as("total amount").isEqualByComparingTo(totals.amount());
            totals.outcomes().forEach((outcome, n) -> assertThat(outcomes.values().stream()
                    .filter(r -> outcome.equals(r.get("outcome"))).count()).as("messages %s", outcome).isEqualTo(n));
            // the ledger agrees with the outputs: what month rating settled is what the invoices are built from
            BigDecimal ledger = jdbc.queryForObject("select coalesce(sum(amount), 0) from priced_message", BigDecimal.class);
            BigDecimal conversationsTotal = jdbc.queryForObject("select coalesce(sum(amount), 0) from conversation",
                    BigDecimal.class);
            if (conversationsTotal.signum() == 0) assertThat(ledger).as("ledger total").isEqualByComparingTo(sum);
        }

        // rejected rows, from rejected_rows.csv
        List<String> lines = Files.readAllLines(ROOT.resolve("out").resolve("rejected_rows.csv"));
        Set<String> rejected = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) rejected.add(line.split(",")[2]);
        assertThat(rejected).as("rejected messages").isEqualTo(new HashSet<>(scenario.rejected()));
    }

    private static BigDecimal amount(Map<String, Object> outcomeRow) {
        BigDecimal a = (BigDecimal) outcomeRow.get("amount");
        return a == null ? BigDecimal.ZERO : a;
    }

    /**
     * A scenario whose run must stop ({@code expect.error}): the job fails (exit status 1) with a one-line error that
     * holds each expected text ({@code {reference}}: the reference folder the run read), and nothing is billed.
     */
    private void checkError(ScenarioFile scenario, JobExecution execution) {
        assertThat(execution.getStatus()).as("%s must fail", scenario.fileName()).isEqualTo(BatchStatus.FAILED);
        assertThat(launcher.getExitCode()).isEqualTo(1);
        String message = launcher.lastFailure();
        for (String part : scenario.expectedError()) {
            assertThat(message).contains(part.replace("{reference}", ROOT.resolve("ref").toString()));
        }
        assertThat(message).as("a message, not a stack trace").doesNotContain("\tat ");
        // SPEC 2.7: the run stops before writing any invoice (a missing rate may only show once the month is counted)
        for (String table : List.of("invoice", "payment")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as("rows of %s", table).isZero();
        }
        assertThat(ROOT.resolve("out").resolve("invoices.csv")).doesNotExist();
    }

    static Instant instant(Object sqlTimestamp) {
        if (sqlTimestamp instanceof java.sql.Timestamp t) return t.toInstant();
        if (sqlTimestamp instanceof java.time.OffsetDateTime o) return o.toInstant();
        return (Instant) sqlTimestamp;
    }

    static List<Path> parquetFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
