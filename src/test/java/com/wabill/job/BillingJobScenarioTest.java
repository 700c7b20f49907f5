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


    @TestFactory
    Stream<DynamicTest> everyScenarioThroughTheJob() {
        List<Path> files = ScenarioFile.allScenarioFiles();
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(ScenarioFile.load(f))));
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
        assertThat(outcomes.keySet()).as("accepted messages").isEqualTo(scenario.expectedOutcomes().keySet());
        scenario.expectedOutcomes().forEach((id, e) -> {
            Map<String, Object> row = outcomes.get(id);
            assertThat(row.get("outcome")).as("outcome of %s", id).isEqualTo(e.outcome());
            String flags = (String) row.get("flags");
            List<String> actual = flags == null || flags.isEmpty() ? List.of() : List.of(flags.split(";"));
            assertThat(actual).as("flags of %s", id).isEqualTo(e.flags().stream().sorted().toList());
        });
        if (scenario.messageCharges() != null) {
            outcomes.forEach((id, row) -> {
                String expected = scenario.messageCharges().get(id);
                BigDecimal amount = (BigDecimal) row.get("amount");
                assertThat(amount).as("amount of message %s", id)
                        .isEqualByComparingTo(expected == null ? BigDecimal.ZERO : new BigDecimal(expected));
            });
        }

        // rejected rows, from rejected_rows.csv
        List<String> lines = Files.readAllLines(ROOT.resolve("out").resolve("rejected_rows.csv"));
        Set<String> rejected = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) rejected.add(line.split(",")[2]);
        assertThat(rejected).as("rejected messages").isEqualTo(new HashSet<>(scenario.rejected()));
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
