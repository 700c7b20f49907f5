package com.wabill.reconciliation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.wabill.testsupport.FastTest;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class DiscrepancyCsvTest {

    static final String HEADER = "kind,waba_id,phone_number,period_start,period_end,country,category,type,"
            + "expected_count,billed_count,expected_amount,billed_amount,difference,detail\r\n";

    static Discrepancy row(DiscrepancyKind kind, String waba, String difference, String detail) {
        return new Discrepancy(kind, waba, "15550001111", Instant.parse("2024-03-05T03:00:00Z"),
                Instant.parse("2024-03-06T03:00:00Z"), "BR", MARKETING, REGULAR, 3L, 4L, new BigDecimal("0.1875"),
                new BigDecimal("0.2500"), difference == null ? null : new BigDecimal(difference), detail);
    }

    @Test
    void aCleanReconciliationIsTheHeaderOnly() {
        assertEquals(HEADER, DiscrepancyCsv.toString(List.of()));
    }

    @Test
    void quotesADetailWithACommaAndAQuote() throws IOException {
        Discrepancy d = row(DiscrepancyKind.COUNT_MISMATCH, "waba-1", "0.0625", "Meta said \"4\", we say 3");
        String csv = DiscrepancyCsv.toString(List.of(d));
        assertEquals(HEADER + "COUNT_MISMATCH,waba-1,15550001111,2024-03-05T03:00:00Z,2024-03-06T03:00:00Z,BR,"
                + "MARKETING,REGULAR,3,4,0.1875,0.2500,0.0625,\"Meta said \"\"4\"\", we say 3\"\r\n", csv);
        assertEquals(List.of(d), DiscrepancyCsv.read(new StringReader(csv)));
    }

    @Test
    void nullsAreEmptyAndDecimalsPlain() throws IOException {
        Discrepancy d = new Discrepancy(DiscrepancyKind.UNKNOWN_META_CATEGORY, "w,1", null, null, null, null, null,
                null, null, 12L, null, new BigDecimal("1E-7"), null, "line one\nline two");
        String csv = DiscrepancyCsv.toString(List.of(d));
        assertEquals(HEADER + "UNKNOWN_META_CATEGORY,\"w,1\",,,,,,,,12,,0.0000001,,\"line one\nline two\"\r\n", csv);
        assertEquals(List.of(d), DiscrepancyCsv.read(new StringReader(csv)));
        assertEquals(new BigDecimal("1E+3").toPlainString(),
                DiscrepancyCsv.read(new StringReader(DiscrepancyCsv.toString(List.of(
                        row(DiscrepancyKind.AMOUNT_MISMATCH, "w", "1E+3", "x"))))).get(0).difference().toPlainString());
    }

    @Test
    void rowsAreWrittenInCanonicalOrder() {
        Discrepancy invoice = new Discrepancy(DiscrepancyKind.INVOICE_MISMATCH, "a", null, null, null, null, null,
                null, null, null, BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("9"), "x");
        Discrepancy count = row(DiscrepancyKind.COUNT_MISMATCH, "b", "0.0625", "y");
        Discrepancy missing = row(DiscrepancyKind.MISSING_AT_META, "c", "-1", "z");
        String csv = DiscrepancyCsv.toString(List.of(invoice, count, missing));
        String[] lines = csv.split("\r\n");
        assertTrue(lines[1].startsWith("MISSING_AT_META"));
        assertTrue(lines[2].startsWith("COUNT_MISMATCH"));
        assertTrue(lines[3].startsWith("INVOICE_MISMATCH"));

        List<Discrepancy> report = new ArrayList<>(List.of(count, missing, invoice));
        report.sort(Discrepancy.LARGEST_FIRST);
        assertEquals(List.of(invoice, missing, count), report);
    }

    @Test
    void largestFirstPutsRowsWithoutAmountsLastByCountGap() {
        Discrepancy cat = new Discrepancy(DiscrepancyKind.CATEGORY_MISMATCH, "a", null, null, null, null, UTILITY,
                REGULAR, 1L, 1L, null, null, null, "x");
        Discrepancy miss = new Discrepancy(DiscrepancyKind.MISSING_IN_LOGS, "a", null, null, null, null, UTILITY,
                REGULAR, 0L, 5L, null, null, null, "y");
        Discrepancy amt = row(DiscrepancyKind.AMOUNT_MISMATCH, "w", "0.01", "z");
        List<Discrepancy> l = new ArrayList<>(List.of(cat, miss, amt));
        l.sort(Discrepancy.LARGEST_FIRST);
        assertEquals(List.of(amt, miss, cat), l);
    }

    @Test
    void readingRefusesAnotherHeader() {
        assertThrows(IOException.class, () -> DiscrepancyCsv.read(new StringReader("a,b\r\n")));
    }
}
