package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wabill.parquet.MessageLogWriter;
import com.wabill.parquet.ParquetTableReader;
import com.wabill.report.SummaryJson;

import com.wabill.testsupport.JobTest;

/**
 * Issue 16: a per-message-priced template sent late on one day and exported as {@code SENT}, whose delivery receipt
 * comes in the next day's export. The nightly run of the first day bills it there (undelivered); the next night
 * sees the receipt, moves it to its delivery day, bills it once there and says so; the outputs of both nights equal
 * one run over both days, and billing the first day again leaves it on its new day.
 */
@JobTest
@SpringBootTest
class MovedMessageTest extends JobTestBase {

    static final Path ROOT = JobTestSupport.newRoot("moved");
    static final LocalDate FIRST = LocalDate.of(2025, 7, 9);
    static final LocalDate SENT_DAY = FIRST.plusDays(1);
    static final LocalDate DELIVERY_DAY = FIRST.plusDays(2);
    static final String MOVED = "late-receipt-1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
        registry.add("wabill.bucket-rows", () -> "150");
    }

    private void prepare() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), ROOT);
        RandomLogs.writePartitioned(ROOT.resolve("logs"), RandomLogs.generate(91, FIRST, 3, 30, 4), FIRST, 3);
        Map<String, String> sent = new HashMap<>();
        sent.put("message_id", MOVED);
        sent.put("waba_id", "waba-1");
        sent.put("phone_number_id", "pn-1");
        sent.put("business_phone_number", "15550001");
        sent.put("contact_wa_id", "551100010000");
        sent.put("sent_at", SENT_DAY + "T23:30:00Z");
        sent.put("direction", "OUTBOUND");
        sent.put("message_type", "TEMPLATE");
        sent.put("template_category", "MARKETING");
        sent.put("status", "SENT");
        Map<String, String> delivered = new HashMap<>(sent);
        delivered.put("status", "DELIVERED");
        delivered.put("delivered_at", DELIVERY_DAY + "T00:30:00Z");
        // the first export has it sent; the receipt comes with the next day's export
        MessageLogWriter.writeAll(ROOT.resolve("logs/date=" + SENT_DAY + "/part-late.parquet").toString(), List.of(sent));
        MessageLogWriter.writeAll(ROOT.resolve("logs/date=" + DELIVERY_DAY + "/part-late.parquet").toString(), List.of(delivered));
    }

    private JobExecution bill(LocalDate from, LocalDate to) throws Exception {
        JobExecution e = launcher.launch(billing, from, to);
        assertThat(e.getStatus()).as("run %s..%s: %s", from, to, e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    private List<String> pricedDays() {
        return jdbc.queryForList("select day || ' ' || amount from priced_message where message_id = ?", String.class, MOVED);
    }

    private List<String> outcomePartitions() throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("out/message_outcomes"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                for (Map<String, Object> row : ParquetTableReader.readAll(p.toString())) {
                    if (MOVED.equals(row.get("message_id"))) found.add(p.getParent().getFileName() + " " + row.get("outcome"));
                }
            }
        }
        return found;
    }

    @Test
    void aMessageWhoseEventDayMovesLaterIsBilledOnceOnItsNewDay() throws Exception {
        prepare();
        bill(FIRST, DELIVERY_DAY);
        LedgerSnapshot once = LedgerSnapshot.take(jdbc, ROOT.resolve("out"));
        assertThat(pricedDays()).hasSize(1).allMatch(d -> d.startsWith(DELIVERY_DAY.toString()));

        prepare();
        bill(FIRST, FIRST);
        bill(SENT_DAY, SENT_DAY);
        assertThat(pricedDays()).as("billed on the day it was sent, as far as that night knew")
                .hasSize(1).allMatch(d -> d.startsWith(SENT_DAY.toString()));
        bill(DELIVERY_DAY, DELIVERY_DAY);
        assertThat(pricedDays()).as("billed once, on its delivery day").hasSize(1)
                .allMatch(d -> d.startsWith(DELIVERY_DAY.toString()));
        assertThat(outcomePartitions()).as("one outcome, in its new day's partition").hasSize(1)
                .allMatch(o -> o.startsWith("day=" + DELIVERY_DAY));
        assertThat(SummaryJson.read(ROOT.resolve("out/summary.json")).messagesMoved()).as("the summary says it moved")
                .isEqualTo(1);
        assertThat(LedgerSnapshot.take(jdbc, ROOT.resolve("out")).diff(once)).as("three nights = one run").isEmpty();

        // the first day billed again (it reads no export after it, so no receipt): the message stays on its new day
        bill(SENT_DAY, SENT_DAY);
        assertThat(pricedDays()).hasSize(1).allMatch(d -> d.startsWith(DELIVERY_DAY.toString()));
        assertThat(outcomePartitions()).hasSize(1).allMatch(o -> o.startsWith("day=" + DELIVERY_DAY));
        assertThat(LedgerSnapshot.take(jdbc, ROOT.resolve("out")).diff(once)).as("and nothing else changed").isEmpty();
    }
}
