package com.wabill.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.invoicing.WabaMonth;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyKind;
import com.wabill.testsupport.DbTest;

/** What the outputs read from the ledger ({@link LedgerFixture#seedOutputs}), on an embedded PostgreSQL. */
@DbTest
class OutputQueriesTest {

    static final Set<WabaMonth> TOUCHED = Set.of(new WabaMonth("waba-1", "2025-03"),
            new WabaMonth("waba-2", "2025-03"), new WabaMonth("waba-3", "2025-07"));

    JdbcTemplate jdbc;
    OutputQueries queries;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.jdbc();
        TestDatabase.clean();
        LedgerFixture.seedOutputs(jdbc);
        queries = new OutputQueries(jdbc);
    }

    @Test
    void invoicesOfTheTouchedMonthsComeWithTheirLinesInOrder() {
        List<OutputQueries.IssuedInvoice> invoices = queries.invoices(TOUCHED);
        assertEquals(List.of("waba-1 2025-03 r1", "waba-1 2025-03 r2", "waba-2 2025-03 r1"), invoices.stream()
                .map(i -> i.wabaId() + " " + i.period() + " r" + i.revision()).toList(), "February is not touched");
        OutputQueries.IssuedInvoice r2 = invoices.get(1);
        assertEquals(new BigDecimal("0.1330"), r2.unroundedAmount());
        assertEquals(Instant.parse("2025-04-01T06:00:00Z"), r2.issuedAt());
        assertEquals(List.of(1, 2, 3), r2.lines().stream().map(OutputQueries.IssuedLine::lineNo).toList());
        assertEquals(new BigDecimal("0.0080"), r2.lines().get(1).rate(), "the stored scale");
        assertEquals(null, r2.lines().get(2).rate());
        assertEquals(List.of(), queries.invoices(Set.of()));
        assertEquals(List.of(), queries.invoices(Set.of(new WabaMonth("nobody", "2025-03"))));
    }

    @Test
    void paymentsOfTheTouchedMonthsInSequence() {
        List<OutputQueries.ChargedPayment> payments = queries.payments(TOUCHED);
        assertEquals(List.of(Instant.parse("2025-03-15T12:30:00.123456Z"), Instant.parse("2025-04-01T03:00:00Z")),
                payments.stream().map(OutputQueries.ChargedPayment::chargedAt).toList(), "microseconds kept");
    }

    @Test
    void monthFiguresCountConversationsWindowsAndMessagesOfTheTouchedMonthsOnly() {
        // waba-1 March: conv-m1 (0.0625), conv-m2 (0.0080), conv-m3 (0): 3 conversations, 2 billable, 0.0705;
        // conv-old is February's. waba-3 July: two priced messages, one charged 0.0625
        assertEquals(List.of(
                new OutputQueries.WabaMonthTotals("waba-1", "2025-03", "USD", 3, 0, 0, 2, new BigDecimal("0.0705")),
                new OutputQueries.WabaMonthTotals("waba-2", "2025-03", "BRL", 1, 0, 0, 0, new BigDecimal("0")),
                new OutputQueries.WabaMonthTotals("waba-3", "2025-07", "USD", 0, 0, 2, 1, new BigDecimal("0.0625"))),
                queries.totalsPerWaba(TOUCHED));
        List<OutputQueries.CategoryTotals> perCategory = queries.totalsPerCategory(TOUCHED);
        assertEquals(6, perCategory.size());
        assertEquals(new OutputQueries.CategoryTotals("PMP", "MARKETING", "REGULAR", "USD", 0, 1, 1,
                new BigDecimal("0.0625")), perCategory.get(4));
        List<OutputQueries.DayCount> days = new ArrayList<>(queries.conversationsPerDay(TOUCHED));
        days.sort(java.util.Comparator.comparing(OutputQueries.DayCount::day).thenComparing(OutputQueries.DayCount::category));
        assertEquals(List.of(new OutputQueries.DayCount(LocalDate.of(2025, 3, 1), "MARKETING", 1),
                new OutputQueries.DayCount(LocalDate.of(2025, 3, 1), "UTILITY", 1),
                new OutputQueries.DayCount(LocalDate.of(2025, 3, 2), "SERVICE", 1),
                new OutputQueries.DayCount(LocalDate.of(2025, 3, 3), "SERVICE", 1)), days);
        assertEquals(2, queries.pricedMessagesPerDay(TOUCHED).size());
        assertEquals(List.of(), queries.totalsPerWaba(Set.of()));
    }

    @Test
    void discrepanciesOfOneExecutionLargestDifferenceFirst() {
        assertEquals(3, queries.discrepancyCount(6));
        assertEquals(1, queries.discrepancyCount(5));
        assertEquals(0, queries.discrepancyCount(99));
        assertEquals(Map.of("AMOUNT_MISMATCH", 1L, "COUNT_MISMATCH", 1L, "MISSING_AT_META", 1L),
                queries.discrepanciesByKind(6));
        List<Discrepancy> largest = queries.largestDiscrepancies(6, 1000);
        // |-5.00| > |0.0080| > |-0.0050|; execution 5's row is another run's
        assertEquals(List.of(DiscrepancyKind.COUNT_MISMATCH, DiscrepancyKind.MISSING_AT_META,
                DiscrepancyKind.AMOUNT_MISMATCH), largest.stream().map(Discrepancy::kind).toList());
        Discrepancy missing = largest.get(1);
        assertEquals(null, missing.billedCount());
        assertEquals(null, missing.phoneNumber());
        assertEquals(Instant.parse("2025-03-05T03:00:00Z"), missing.periodStart());
        assertEquals(1, queries.largestDiscrepancies(6, 1).size());
    }

    @Test
    void theSummaryCountsOfTheRunsDays() {
        LocalDate from = LocalDate.of(2025, 3, 1), to = LocalDate.of(2025, 3, 3);
        // conv-m1 MARKETING, conv-m2 UTILITY, conv-m3 and conv-m4 SERVICE (two WABAs); conv-old is of February
        List<OutputQueries.CategoryTypeCount> conversations = new ArrayList<>(queries.conversationsOfDays(from, to));
        conversations.sort(java.util.Comparator.comparing(OutputQueries.CategoryTypeCount::category));
        assertEquals(List.of(new OutputQueries.CategoryTypeCount("MARKETING", "REGULAR", 1),
                new OutputQueries.CategoryTypeCount("SERVICE", "REGULAR", 2),
                new OutputQueries.CategoryTypeCount("UTILITY", "REGULAR", 1)), conversations);
        assertEquals(Map.of("MARKETING", 1L), queries.chargedMessagesOfDays(LocalDate.of(2025, 7, 2),
                LocalDate.of(2025, 7, 2)), "the free UTILITY message is not charged");
        assertEquals(List.of(new OutputQueries.WabaCharge("waba-1", "USD", new BigDecimal("0.0705")),
                new OutputQueries.WabaCharge("waba-2", "BRL", new BigDecimal("0"))), queries.chargesOfDays(from, to));
    }

    @Test
    void aDaysConversationsStreamInOpeningOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        queries.conversationsOfDay(LocalDate.of(2025, 3, 1), c -> ids.add(c.conversationId() + " " + c.openedAt()));
        assertEquals(List.of("conv-m1 2025-03-01T10:00:00Z", "conv-m2 2025-03-01T11:00:00Z"), ids);
    }

    @Test
    void theMonthsAReconcileRunCompared() {
        jdbc.update("insert into reconciliation_run (job_execution_id, job_name, meta_dir, months, buckets,"
                + " buckets_compared, items_compared, links, invoices, discrepancies)"
                + " values (77, 'reconcile', '/meta', 'waba-1|2025-03,waba-2|2025-03', 0, 0, 0, 0, 0, 0)");
        assertEquals(List.of(new WabaMonth("waba-1", "2025-03"), new WabaMonth("waba-2", "2025-03")),
                queries.reconciledMonths(77));
        assertEquals(List.of(), queries.reconciledMonths(78));
    }
}
