package com.wabill.reconciliation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.wabill.testsupport.FastTest;

import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class InvoiceReconcilerTest {

    @TempDir
    Path dir;

    final InvoiceReconciler reconciler = new InvoiceReconciler(ZONES);
    static final YearMonth MARCH = YearMonth.of(2024, 3);

    static InvoiceTotal ours(String waba, YearMonth m, String cur, String amount) {
        return new InvoiceTotal(waba, m, cur, new BigDecimal(amount));
    }

    static MetaInvoiceLine meta(String waba, YearMonth m, String cur, String amount) {
        return new MetaInvoiceLine(waba, m, cur, new BigDecimal(amount));
    }

    @Test
    void anInvoiceTotalOffByACentIsReported() throws IOException {
        List<ReplayItem> items = ledger();
        MetaExportWriter writer = new MetaExportWriter(ZONES);
        List<MetaInvoiceLine> lines = new ArrayList<>(writer.invoiceLines(items));
        int i = 0;
        while (!(lines.get(i).wabaId().equals(WABA_1) && lines.get(i).period().equals(MARCH))) i++;
        MetaInvoiceLine l = lines.get(i);
        lines.set(i, new MetaInvoiceLine(l.wabaId(), l.period(), l.currency(), l.amount().add(new BigDecimal("0.01"))));
        List<Discrepancy> rows = reconcileThroughFiles(dir, writer.buckets(items), lines, items);
        assertEquals(1, rows.size(), () -> DiscrepancyCsv.toString(rows));
        Discrepancy d = rows.get(0);
        assertEquals(DiscrepancyKind.INVOICE_MISMATCH, d.kind());
        assertEquals(WABA_1, d.wabaId());
        assertEquals(Instant.parse("2024-03-01T03:00:00Z"), d.periodStart()); // São Paulo month
        assertEquals(Instant.parse("2024-04-01T03:00:00Z"), d.periodEnd());
        assertEquals(0, l.amount().compareTo(d.expectedAmount()));
        assertEquals(0, new BigDecimal("0.01").compareTo(d.difference()));
        assertNull(d.expectedCount());
    }

    @Test
    void equalTotalsAndDifferencesWithinToleranceAreClean() {
        assertEquals(List.of(), reconciler.reconcile(
                List.of(ours("w", MARCH, "USD", "12.34"), ours("j", MARCH, "JPY", "1200")),
                List.of(meta("w", MARCH, "USD", "12.340"), meta("j", MARCH, "JPY", "1200.5"))));
        assertEquals(1, reconciler.reconcile(List.of(ours("j", MARCH, "JPY", "1200")),
                List.of(meta("j", MARCH, "JPY", "1201"))).size());
    }

    @Test
    void metaLinesOfAMonthAreAddedUp() {
        assertEquals(List.of(), reconciler.reconcile(List.of(ours("w", MARCH, "USD", "10.00")),
                List.of(meta("w", MARCH, "USD", "4.00"), meta("w", MARCH, "USD", "6.00"))));
    }

    @Test
    void aMissingSideIsReported() {
        List<Discrepancy> rows = reconciler.reconcile(
                List.of(ours("a", MARCH, "USD", "5.00"), ours("z", MARCH, "USD", "0.00")),
                List.of(meta("b", MARCH, "USD", "7.00")));
        assertEquals(2, rows.size(), () -> DiscrepancyCsv.toString(rows));
        Discrepancy a = rows.get(0);
        assertEquals("a", a.wabaId());
        assertEquals(0, new BigDecimal("-5.00").compareTo(a.difference()));
        assertTrue(a.detail().contains("no line"), a.detail());
        Discrepancy b = rows.get(1);
        assertEquals("b", b.wabaId());
        assertEquals(0, new BigDecimal("7.00").compareTo(b.billedAmount()));
        assertEquals(0, BigDecimal.ZERO.compareTo(b.expectedAmount()));
        assertTrue(b.detail().contains("we have no invoice"), b.detail());
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), b.periodStart()); // unknown WABA: UTC
    }

    @Test
    void monthsMetaHasNotInvoicedAreNotCompared() {
        assertEquals(List.of(), reconciler.reconcile(
                List.of(ours("a", MARCH, "USD", "5.00"), ours("a", MARCH.plusMonths(1), "USD", "9.00")),
                List.of(meta("a", MARCH, "USD", "5.00"))));
    }

    @Test
    void aScopeNarrowsTheComparison() {
        List<Discrepancy> rows = reconciler.reconcile(List.of(ours("a", MARCH, "USD", "5.00")),
                List.of(meta("a", MARCH, "USD", "5.00"), meta("a", MARCH.minusMonths(1), "USD", "3.00")),
                (waba, month) -> month.equals(MARCH));
        assertEquals(List.of(), rows);
    }

    @Test
    void aDifferentCurrencyIsTwoRows() {
        List<Discrepancy> rows = reconciler.reconcile(List.of(ours("a", MARCH, "USD", "5.00")),
                List.of(meta("a", MARCH, "EUR", "4.60")));
        assertEquals(2, rows.size());
    }

    /**
     * SPEC 3.2/4: a WABA that moves to INR on 2026-10-15 has two October invoices, USD and INR, each compared with
     * Meta's line of its currency: USD 12.34 = 12.34 is clean; INR 850.00 against Meta's 850.01 is 0.01 more than
     * ours, beyond half a paisa (0.005), one row; a USD line of Meta's never offsets the INR invoice.
     */
    @Test
    void aMonthOfACurrencyChangeIsComparedPerCurrency() {
        YearMonth oct = YearMonth.of(2026, 10);
        List<InvoiceTotal> ours = List.of(ours("m", oct, "USD", "12.34"), ours("m", oct, "INR", "850.00"));
        assertEquals(List.of(), reconciler.reconcile(ours,
                List.of(meta("m", oct, "INR", "850.00"), meta("m", oct, "USD", "12.34"))));
        List<Discrepancy> rows = reconciler.reconcile(ours,
                List.of(meta("m", oct, "INR", "850.01"), meta("m", oct, "USD", "12.34")));
        assertEquals(1, rows.size(), () -> DiscrepancyCsv.toString(rows));
        assertEquals(new BigDecimal("0.01"), rows.get(0).difference());
        assertTrue(rows.get(0).detail().contains("in INR"), rows.get(0).detail());
    }
}
