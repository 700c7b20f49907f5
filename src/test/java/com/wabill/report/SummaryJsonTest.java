package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import com.wabill.testsupport.FastTest;

@FastTest
class SummaryJsonTest {

    static RunSummary sample() {
        RunSummary.Builder b = RunSummary.builder("billing")
                .executionId(42L)
                .range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 3))
                .mode(RunSummary.Mode.CATCH_UP, "days after the last billed day 2025-02-28 up to yesterday")
                .coldStart(4)
                .addRowsRead(1000).addAccepted(990).addMergedDuplicates(4)
                .addRejected("MISSING_VALUE: sent_at").addRejected("MISSING_VALUE: waba_id")
                .addRejected("CONFLICTING_DUPLICATE: m7")
                .addMessagesReplayed(980).addMessagesLeftForLaterRun(10).addLateDeliveries(1)
                .addConversation("MARKETING", "REGULAR").addConversation("MARKETING", "REGULAR")
                .addConversation("SERVICE", "FREE_TIER")
                .addChargedMessages("UTILITY", 3)
                .addCharge("waba-2", "BRL", new BigDecimal("0.0080"))
                .addCharge("waba-1", "USD", new BigDecimal("0.0625"))
                .addCharge("waba-1", "USD", new BigDecimal("0.0625"))
                .addUnknownWaba("waba-9")
                .warn("days after 2025-03-03 need re-running")
                .stepTime("read", 1200).stepTime("replay", 300).stepTime("invoice", 40)
                .outputFile(Path.of("out/invoices.csv"));
        for (int i = 30; i >= 1; i--) {
            b.addPolicyViolation("w" + i, "waba-1", "55119876500" + String.format("%02d", i),
                    Instant.parse("2025-03-01T00:00:00Z").plusSeconds(60L * i));
        }
        return b.build();
    }

    @Test
    void builderAccumulates() {
        RunSummary s = sample();
        assertEquals(3, s.rejected());
        assertEquals(Map.of("CONFLICTING_DUPLICATE", 1L, "MISSING_VALUE", 2L), s.rejectedByReason());
        assertEquals(Map.of("MARKETING", Map.of("REGULAR", 2L), "SERVICE", Map.of("FREE_TIER", 1L)),
                s.conversationsByCategoryAndType());
        assertEquals(3, s.conversationCount());
        assertEquals(List.of(new RunSummary.WabaCharge("waba-1", "USD", new BigDecimal("0.1250")),
                new RunSummary.WabaCharge("waba-2", "BRL", new BigDecimal("0.0080"))), s.chargesByWaba());
        assertEquals(30, s.policyViolations());
        assertEquals(RunSummary.MAX_POLICY_EXAMPLES, s.policyViolationExamples().size());
        assertEquals("w1", s.policyViolationExamples().get(0).messageId()); // the earliest, whatever the order fed
        assertEquals("+55 *******0001", s.policyViolationExamples().get(0).contact());
        assertEquals(List.of("read", "replay", "invoice"), List.copyOf(s.stepMillis().keySet()));
        assertTrue(s.coldStart());
    }

    @Test
    void roundTripsThroughJackson(@TempDir Path dir) throws Exception {
        RunSummary s = sample();
        Path f = SummaryJson.write(dir.resolve("summary.json"), s);
        RunSummary back = SummaryJson.read(f);
        assertEquals(s, back);
        assertEquals(List.copyOf(s.stepMillis().keySet()), List.copyOf(back.stepMillis().keySet()));

        String json = Files.readString(f);
        JsonNode tree = SummaryJson.mapper().readTree(json);
        assertEquals("2025-03-01", tree.get("fromDay").asString());
        assertEquals("CATCH_UP", tree.get("mode").asString());
        assertEquals("0.1250", tree.get("chargesByWaba").get(0).get("amount").asString());
        assertEquals("2025-03-01T00:01:00Z", tree.get("policyViolationExamples").get(0).get("time").asString());
        assertFalse(json.contains("5511987650001"), "a whole contact number in summary.json");
    }

    @Test
    void readsAnEmptySummaryAndIgnoresUnknownProperties() {
        RunSummary s = SummaryJson.fromJson("{\"jobName\":\"reconcile\",\"somethingNew\":1}");
        assertEquals("reconcile", s.jobName());
        assertEquals(List.of(), s.warnings());
        assertEquals(Map.of(), s.stepMillis());
    }

    @Test
    void tableShowsTheSummaryWithMaskedContacts() {
        String t = SummaryTable.render(sample());
        assertTrue(t.contains("2025-03-01 .. 2025-03-03 (3 days)"), t);
        assertTrue(t.contains("automatic catch-up: days after the last billed day"), t);
        assertTrue(t.contains("yes: 4 warm-up day(s) replayed"), t);
        assertTrue(t.contains("| MISSING_VALUE"), t);
        assertTrue(t.contains("0.1250"), t);
        assertTrue(t.contains("+55 *******0001"), t);
        assertTrue(t.contains("... and 10 more"), t);
        assertTrue(t.contains("! days after 2025-03-03 need re-running"), t);
        assertFalse(t.contains("5511987650001"), t);
        String empty = SummaryTable.render(RunSummary.builder("billing").build());
        assertTrue(empty.contains("none (nothing to bill)"), empty);
    }
}
