package com.wabill.report;

import static com.wabill.engine.Category.MARKETING;
import static com.wabill.engine.Category.SERVICE;
import static com.wabill.engine.Category.UTILITY;
import static com.wabill.engine.ConversationType.REGULAR;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.wabill.invoicing.WabaMonth;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyKind;
import com.wabill.report.LedgerFigures.CategoryTotals;
import com.wabill.report.LedgerFigures.DayCount;
import com.wabill.report.LedgerFigures.Invoice;
import com.wabill.report.LedgerFigures.Line;
import com.wabill.report.LedgerFigures.Payment;
import com.wabill.report.LedgerFigures.WabaTotals;

/**
 * The ledger figures of {@code LedgerFixture.seedOutputs} for the months {@link #TOUCHED} and job execution 6, as
 * plain values: what the report and the pages are rendered from. The job's test of the ledger reads
 * ({@code RunReportsFiguresTest}) checks that the ledger gives exactly these.
 */
public final class Figures {

    /** waba-1 and waba-2 March (invoices), waba-3 July (priced messages only); waba-1 February is not touched. */
    public static final Set<WabaMonth> TOUCHED = Set.of(new WabaMonth("waba-1", "2025-03"),
            new WabaMonth("waba-2", "2025-03"), new WabaMonth("waba-3", "2025-07"));

    private static final Instant ISSUED = Instant.parse("2025-04-01T06:00:00Z");

    private Figures() {
    }

    static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    public static List<Invoice> invoices() {
        return List.of(
                new Invoice("waba-1", "2025-03", 1, "USD", 3, 0, 2, d("0.07"), d("0.0705"), "CLOSED", ISSUED, 5, List.of(
                        new Line(1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", d("0.0625"), 1, d("0.0625")),
                        new Line(2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", d("0.0080"), 1, d("0.0080")),
                        new Line(3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, d("0")))),
                new Invoice("waba-1", "2025-03", 2, "USD", 4, 0, 3, d("0.13"), d("0.1330"), "CLOSED", ISSUED, 6, List.of(
                        new Line(1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", d("0.0625"), 2, d("0.1250")),
                        new Line(2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", d("0.0080"), 1, d("0.0080")),
                        new Line(3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, d("0")))),
                new Invoice("waba-2", "2025-03", 1, "BRL", 1, 0, 0, d("0"), d("0"), "OPEN", ISSUED, 6, List.of(
                        new Line(1, "CBP", "SERVICE", "REGULAR", "Other", "BRL", null, 1, d("0")))));
    }

    public static List<Payment> payments() {
        return List.of(
                new Payment("waba-1", "2025-03", 1, Instant.parse("2025-03-15T12:30:00.123456Z"), d("0.05"), "THRESHOLD", "USD"),
                new Payment("waba-1", "2025-03", 2, Instant.parse("2025-04-01T03:00:00Z"), d("0.08"), "MONTH_END", "USD"));
    }

    public static LedgerFigures figures() {
        return new LedgerFigures(invoices(), payments(),
                // per WABA: waba-1 March has 3 conversations (the February one is not in a touched month), 0.0705
                List.of(new WabaTotals("waba-1", "2025-03", "USD", 3, 0, 0, 2, d("0.0705")),
                        new WabaTotals("waba-2", "2025-03", "BRL", 1, 0, 0, 0, d("0")),
                        new WabaTotals("waba-3", "2025-07", "USD", 0, 0, 2, 1, d("0.0625"))),
                List.of(new CategoryTotals("CBP", "MARKETING", "REGULAR", "USD", 1, 0, 1, d("0.0625")),
                        new CategoryTotals("CBP", "SERVICE", "REGULAR", "BRL", 1, 0, 0, d("0")),
                        new CategoryTotals("CBP", "SERVICE", "REGULAR", "USD", 1, 0, 0, d("0")),
                        new CategoryTotals("CBP", "UTILITY", "REGULAR", "USD", 1, 0, 1, d("0.0080")),
                        new CategoryTotals("PMP", "MARKETING", "REGULAR", "USD", 0, 1, 1, d("0.0625")),
                        new CategoryTotals("PMP", "UTILITY", "FREE_CUSTOMER_SERVICE", "USD", 0, 1, 0, d("0"))),
                List.of(new DayCount(LocalDate.of(2025, 3, 1), "MARKETING", 1),
                        new DayCount(LocalDate.of(2025, 3, 1), "UTILITY", 1),
                        new DayCount(LocalDate.of(2025, 3, 2), "SERVICE", 1),
                        new DayCount(LocalDate.of(2025, 3, 3), "SERVICE", 1)),
                List.of(new DayCount(LocalDate.of(2025, 7, 2), "MARKETING", 1),
                        new DayCount(LocalDate.of(2025, 7, 2), "UTILITY", 1)),
                new LedgerFigures.Discrepancies(3, Map.of("AMOUNT_MISMATCH", 1L, "COUNT_MISMATCH", 1L,
                        "MISSING_AT_META", 1L), List.of(
                        new Discrepancy(DiscrepancyKind.COUNT_MISMATCH, "waba-1", "15550001111",
                                Instant.parse("2025-03-03T03:00:00Z"), Instant.parse("2025-03-04T03:00:00Z"), "BR",
                                SERVICE, REGULAR, 1L, 81L, d("0"), d("5.00"), d("-5.00"),
                                "<script>alert(\"x\")</script>"),
                        new Discrepancy(DiscrepancyKind.MISSING_AT_META, "waba-1", null,
                                Instant.parse("2025-03-05T03:00:00Z"), Instant.parse("2025-03-06T03:00:00Z"), "BR",
                                UTILITY, REGULAR, 1L, null, d("0.0080"), null, d("0.0080"), null),
                        new Discrepancy(DiscrepancyKind.AMOUNT_MISMATCH, "waba-1", "15550001111",
                                Instant.parse("2025-03-01T03:00:00Z"), Instant.parse("2025-03-02T03:00:00Z"), "BR",
                                MARKETING, REGULAR, 2L, 2L, d("0.1250"), d("0.1300"), d("-0.0050"),
                                "rate \"Brazil, marketing\" differs"))));
    }
}
