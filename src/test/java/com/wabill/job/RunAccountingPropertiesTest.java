package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.ingest.RowSpec;
import com.wabill.launch.JobLaunchRunner;
import com.wabill.parquet.MessageLogWriter;
import com.wabill.parquet.ParquetTableReader;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.testsupport.JobTest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 8, accounting, through the whole billing job: for any mix of good rows, bad rows (invalid values, missing
 * values, times in the future, ids too long or not UTF-8), webhook retries, status updates and conflicting copies,
 * spread over several files, the run's summary says rows read = accepted + rejected + merged copies, and each of the
 * four is what the generated rows make it: rows read is every row written, rejected is every line of
 * rejected_rows.csv, accepted is every message in message_outcomes.
 */
@JobTest
class RunAccountingPropertiesTest {

    static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    static final String[] STATUSES = {"SENT", "FAILED", "DELIVERED", "READ", "delivered"};

    static Path root;
    static ConfigurableApplicationContext context;

    @BeforeContainer
    static void start() {
        root = JobTestSupport.newRoot("accounting");
        context = JobTestSupport.startContext(root, 40);
    }

    @AfterContainer
    static void stop() {
        if (context != null) context.close();
    }

    // a RowSpec's variant 1 is another message_type (a conflicting copy); defects 1-7 are the cases of toRow

    @Provide
    Arbitrary<List<RowSpec>> specs() {
        Arbitrary<RowSpec> spec = Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 14).map(d -> d <= 7 ? 0 : d - 7), // about 1 row in 2 is bad
                Arbitraries.integers().between(0, 9).map(v -> v < 8 ? 0 : 1),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2)).as(RowSpec::new);
        return spec.list().ofMinSize(1).ofMaxSize(80);
    }

    static Map<String, Object> toRow(RowSpec s) {
        Map<String, Object> r = new LinkedHashMap<>();
        boolean outbound = s.id() % 3 != 0;
        r.put("message_id", "wamid." + s.id());
        r.put("waba_id", s.id() % 2 == 0 ? "waba-1" : "waba-2");
        r.put("phone_number_id", s.id() % 2 == 0 ? "pn-1" : "pn-2");
        r.put("contact_wa_id", "+55 11 98765-" + (1000 + s.id() % 7));
        r.put("direction", outbound ? "OUTBOUND" : "inbound");
        Instant sent = T0.plusSeconds(s.id() * 300L);
        r.put("sent_at", sent);
        String type = s.id() % 2 == 0 ? "TEMPLATE" : "TEXT";
        if (s.variant() == 1) type = type.equals("TEMPLATE") ? "TEXT" : "template";
        r.put("message_type", type);
        r.put("template_category", s.id() % 4 == 0 ? "MARKETING" : "utility");
        if (outbound) {
            r.put("status", STATUSES[s.status()]);
            if (s.status() >= 2) r.put("delivered_at", sent.plusSeconds(5 + s.status()));
        }
        switch (s.defect()) {
            case 1 -> r.put("direction", "SIDEWAYS");
            case 2 -> r.put("waba_id", null);
            case 3 -> r.put("contact_wa_id", "+55 11 CALL-ME");
            case 4 -> r.put("sent_at", Instant.parse("2099-01-01T00:00:00Z"));
            case 5 -> r.put("message_id", "wamid." + "9".repeat(300) + s.id());
            case 6 -> r.put("message_id", new byte[] {'w', (byte) 0xC3, '(', (byte) ('0' + s.id() % 10)});
            case 7 -> r.put("message_type", "   ");
            default -> { }
        }
        return r;
    }

    @Property(tries = 15)
    void rowsReadAreAcceptedRejectedOrMerged(@ForAll("specs") List<RowSpec> specs) throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        JobTestSupport.reset(root, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), root);
        List<List<Map<String, Object>>> files = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (RowSpec s : specs) files.get(s.file()).add(toRow(s));
        for (int f = 0; f < files.size(); f++) {
            if (files.get(f).isEmpty() && f > 0) continue;
            MessageLogWriter.writeAll(root.resolve("logs/date=" + DAY + "/part-" + f + ".parquet").toString(), files.get(f));
        }

        JobExecution run = context.getBean(JobLaunchRunner.class).launch(context.getBean("billing", Job.class), DAY, DAY);
        assertThat(run.getStatus()).as("%s", run.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        RunSummary summary = SummaryJson.read(root.resolve("out").resolve(SummaryJson.FILE));

        assertThat(summary.rowsRead()).isEqualTo(summary.accepted() + summary.rejected() + summary.mergedDuplicates());

        // the same counts, from what was generated
        RowSpec.Counts expected = RowSpec.expected(specs);
        assertThat(summary.rowsRead()).isEqualTo(specs.size());
        assertThat(summary.accepted()).isEqualTo(expected.accepted());
        assertThat(summary.rejected()).isEqualTo(expected.rejected());
        assertThat(summary.mergedDuplicates()).isEqualTo(expected.mergedAway());

        // and the files say the same: a line of rejected_rows.csv per rejected row, an outcome per accepted message
        List<String> rejectedLines = Files.readAllLines(root.resolve("out/rejected_rows.csv"));
        assertThat(rejectedLines.size() - 1L).isEqualTo(summary.rejected());
        long outcomes = 0;
        Path outcomesDir = root.resolve("out/message_outcomes");
        if (Files.exists(outcomesDir)) {
            try (Stream<Path> s = Files.walk(outcomesDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                    outcomes += ParquetTableReader.readAll(p.toString()).size();
                }
            }
        }
        assertThat(outcomes).isEqualTo(summary.accepted());
        assertThat(summary.messagesReplayed()).isEqualTo(summary.accepted());
        // the report a person reads shows the same numbers
        String report = Files.readString(root.resolve("out/report.html"));
        assertThat(report).contains(String.valueOf(summary.rowsRead()));
    }
}
