package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.invoicing.WabaMonth;
import com.wabill.report.LedgerFigures.Invoice;
import com.wabill.report.LedgerFigures.Line;
import com.wabill.report.LedgerFigures.MonthCategoryTotals;
import com.wabill.report.LedgerFigures.ServiceUse;
import com.wabill.report.LedgerFigures.WabaTotals;

import com.wabill.testsupport.FastTest;

/**
 * The outputs of SPEC 2.10 and 3.2 for the people who read them: each phone number's free service messages, the
 * service and utility charges of October 2026, and a WABA's invoices per currency side by side.
 *
 * <p>waba-in moves from USD to INR on 2026-10-15. Its phone pn-1 sends 1,003 service messages in October: 1,000 free
 * (600 while in USD, 400 in INR), 3 charged beyond, 1 in USD at 0.0080 and 2 in INR at 0.1150 (0.2300). Its phone
 * pn-2 sends 40, all free, 960 left. waba-us's phone pn-3 sends 5 free service messages in September (no free tier
 * then: not shown).
 */
@FastTest
class ReportV3OutputsTest {

    static final Instant ISSUED = Instant.parse("2026-11-01T06:00:00Z");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static List<ServiceUse> serviceUse() {
        return List.of(
                new ServiceUse("waba-in", "pn-1", "+91 98000 00001", "2026-10", "INR", 400, 2, d("0.2300")),
                new ServiceUse("waba-in", "pn-1", "+91 98000 00001", "2026-10", "USD", 600, 1, d("0.0080")),
                new ServiceUse("waba-in", "pn-2", null, "2026-10", "INR", 40, 0, d("0")),
                new ServiceUse("waba-us", "pn-3", "15550001111", "2026-09", "USD", 5, 0, d("0")));
    }

    static List<Invoice> invoices() {
        return List.of(
                new Invoice("waba-in", "2026-10", 1, "INR", 0, 445, 5, d("0.87"), d("0.8650"), "CLOSED", ISSUED, 7,
                        List.of(new Line(1, "PMP", "SERVICE", "REGULAR", "India", "INR", d("0.1150"), 2, d("0.2300")),
                                new Line(2, "PMP", "UTILITY", "REGULAR", "India", "INR", d("0.1150"), 3,
                                        d("0.3450")))),
                new Invoice("waba-in", "2026-10", 1, "USD", 0, 601, 1, d("0.01"), d("0.0080"), "CLOSED", ISSUED, 7,
                        List.of(new Line(1, "PMP", "SERVICE", "REGULAR", "India", "USD", d("0.0080"), 1,
                                d("0.0080")))),
                new Invoice("waba-us", "2026-09", 1, "USD", 0, 5, 0, d("0"), d("0"), "CLOSED", ISSUED, 7, List.of()));
    }

    static LedgerFigures figures() {
        return new LedgerFigures(invoices(), List.of(),
                List.of(new WabaTotals("waba-in", "2026-10", "INR", 0, 0, 445, 5, d("0.5750")),
                        new WabaTotals("waba-in", "2026-10", "USD", 0, 0, 601, 1, d("0.0080")),
                        new WabaTotals("waba-us", "2026-09", "USD", 0, 0, 5, 0, d("0"))),
                List.of(), List.of(), List.of(), LedgerFigures.Discrepancies.NONE, serviceUse(),
                List.of(new MonthCategoryTotals("2026-09", "PMP", "SERVICE", "FREE_CUSTOMER_SERVICE", "USD", 0, 5, 0,
                                d("0")),
                        new MonthCategoryTotals("2026-10", "PMP", "MARKETING", "REGULAR", "INR", 0, 1, 1, d("0.7800")),
                        new MonthCategoryTotals("2026-10", "PMP", "SERVICE", "FREE_CUSTOMER_SERVICE", "INR", 0, 440, 0,
                                d("0")),
                        new MonthCategoryTotals("2026-10", "PMP", "SERVICE", "REGULAR", "INR", 0, 2, 2, d("0.2300")),
                        new MonthCategoryTotals("2026-10", "PMP", "UTILITY", "REGULAR", "INR", 0, 3, 3, d("0.3450")),
                        new MonthCategoryTotals("2026-10", "PMP", "SERVICE", "FREE_CUSTOMER_SERVICE", "USD", 0, 600,
                                0, d("0")),
                        new MonthCategoryTotals("2026-10", "PMP", "SERVICE", "REGULAR", "USD", 0, 1, 1,
                                d("0.0080"))));
    }

    static final Set<WabaMonth> TOUCHED = Set.of(new WabaMonth("waba-in", "2026-10"),
            new WabaMonth("waba-us", "2026-09"));

    static RunSummary summary() {
        return RunSummary.builder("billing").executionId(7L).range(LocalDate.of(2026, 9, 28),
                LocalDate.of(2026, 10, 31)).ledger(figures()).build();
    }

    @Test
    void eachPhoneNumbersFreeServiceMessagesUsedLeftAndChargedBeyond() {
        List<FreeServiceMessages.PhoneMonth> phones = FreeServiceMessages.of(serviceUse());
        assertEquals(2, phones.size(), "September 2026 has no free tier per phone number");
        FreeServiceMessages.PhoneMonth pn1 = phones.get(0);
        // 400 + 600 = 1,000 used, 1,000 - 1,000 = 0 left, 2 + 1 = 3 charged beyond, in two currencies
        assertEquals(1000, pn1.freeTier());
        assertEquals(1000, pn1.used());
        assertEquals(0, pn1.left());
        assertEquals(3, pn1.chargedBeyond());
        assertEquals("INR 0.2300 + USD 0.0080", pn1.chargedText());
        FreeServiceMessages.PhoneMonth pn2 = phones.get(1);
        assertEquals(40, pn2.used());
        assertEquals(960, pn2.left());
        assertEquals("0", pn2.chargedText());
    }

    @Test
    void summaryJsonCarriesTheSameFigures() {
        RunSummary read = SummaryJson.fromJson(SummaryJson.toJson(summary()));
        assertEquals(2, read.freeServiceMessages().size());
        RunSummary.FreeServiceUse pn1 = read.freeServiceMessages().get(0);
        assertEquals(List.of(1000L, 0L, 3L), List.of(pn1.used(), pn1.left(), pn1.chargedBeyond()));
        assertEquals(List.of(new RunSummary.Amount("INR", d("0.2300")), new RunSummary.Amount("USD", d("0.0080"))),
                pn1.charged());
        assertEquals(7, read.chargesByCategory().size());
        assertTrue(read.chargesByCategory().contains(new RunSummary.CategoryCharge("2026-10", "PMP", "UTILITY",
                "REGULAR", "INR", 0, 3, 3, d("0.3450"))));
        // one invoice per WABA, month and currency
        assertEquals(List.of("waba-in 2026-10 INR 0.87", "waba-in 2026-10 USD 0.01", "waba-us 2026-09 USD 0"),
                read.invoices().stream().map(i -> i.wabaId() + " " + i.period() + " " + i.currency() + " "
                        + i.amount().toPlainString()).toList());
        String json = SummaryJson.toJson(summary());
        assertTrue(json.contains("\"amount\" : \"0.0080\""), json);
    }

    @Test
    void reportShowsFreeServiceNewChargesAndInvoicesSideBySide(@TempDir Path out) throws Exception {
        HtmlReport.ReportView view = HtmlReport.view(summary(),
                new HtmlReport.Inputs(figures(), TOUCHED, List.of(), Map.of("waba-in", "Chai & Co")));
        TableView free = view.freeService();
        assertEquals(2, free.rows().size());
        TableView charges = view.newCharges();
        // October only: INR service 440 free, 2 charged 0.2300, utility 3 charged 0.3450, marketing 0.7800 other,
        // all 0.2300 + 0.3450 + 0.7800 = 1.3550; USD 600 free, 1 charged 0.0080
        assertEquals(2, charges.rows().size());
        String html = Files.readString(HtmlReport.write(out, view));
        assertTrue(html.contains("Free service messages per phone number"));
        assertTrue(html.contains("+91 98000 00001"));
        assertTrue(html.contains("INR 0.2300 + USD 0.0080"));
        assertTrue(html.contains(">1.3550<"), "all charges of INR October");
        assertTrue(html.contains("Chai &amp; Co"));
        // side by side: one row for waba-in October with an INR and a USD column, linking the pages by currency
        assertTrue(html.contains("invoices/waba-in-2026-10-INR-r1.html"), html);
        assertTrue(html.contains("invoices/waba-in-2026-10-USD-r1.html"));
        assertTrue(html.contains("invoices/waba-us-2026-09-r1.html"), "one currency: the name without it");
        assertFalse(html.contains("<script"));
    }

    @Test
    void beforeOctober2026NothingNewIsShown() {
        HtmlReport.ReportView view = HtmlReport.view(HtmlReportTest.summary(), HtmlReportTest.inputs());
        assertNull(view.freeService());
        assertNull(view.newCharges());
        assertNull(view.invoicesByCurrency());
    }

    @Test
    void invoicePagesOfAMonthInTwoCurrenciesLinkEachOtherAndShowTheFreeServiceMessages(@TempDir Path out)
            throws Exception {
        List<Path> pages = InvoicePage.write(out, invoices(), List.of(), Map.of(), serviceUse());
        assertEquals(List.of("waba-in-2026-10-INR-r1.html", "waba-in-2026-10-USD-r1.html", "waba-us-2026-09-r1.html"),
                pages.stream().map(p -> p.getFileName().toString()).toList());
        String inr = Files.readString(pages.get(0));
        assertTrue(inr.contains("href=\"waba-in-2026-10-USD-r1.html\""), inr);
        assertTrue(inr.contains("Free service messages"));
        assertTrue(inr.contains(">0.2300<"), "pn-1's charges in INR");
        String usd = Files.readString(pages.get(1));
        assertTrue(usd.contains("href=\"waba-in-2026-10-INR-r1.html\""));
        assertFalse(Files.readString(pages.get(2)).contains("Free service messages"), "September 2026");
    }
}
