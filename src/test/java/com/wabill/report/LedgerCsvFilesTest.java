package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import com.wabill.invoicing.WabaMonth;

class LedgerCsvFilesTest {

    static final Set<WabaMonth> TOUCHED = Set.of(
            new WabaMonth("waba-1", "2025-03"), new WabaMonth("waba-2", "2025-03"), new WabaMonth("waba-3", "2025-03"));

    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.jdbc();
        TestDatabase.clean();
        seed(new LedgerFixture(jdbc));
    }

    /** Two revisions of waba-1 March, waba-2 March, and a month the run did not touch. */
    static void seed(LedgerFixture f) {
        f.invoice("waba-1", "2025-03", 1, "USD", 3, 0, 2, "0.07", "0.0705", "CLOSED", 5)
                .line("waba-1", "2025-03", 1, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 1, "0.0625")
                .line("waba-1", "2025-03", 1, 2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", "0.0080", 1, "0.0080")
                .line("waba-1", "2025-03", 1, 3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, "0")
                .invoice("waba-1", "2025-03", 2, "USD", 4, 0, 3, "0.13", "0.1330", "CLOSED", 6)
                .line("waba-1", "2025-03", 2, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 2, "0.1250")
                .line("waba-1", "2025-03", 2, 2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", "0.0080", 1, "0.0080")
                .line("waba-1", "2025-03", 2, 3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, "0")
                .payment("waba-1", "2025-03", 1, "2025-03-15T12:30:00.123456Z", "0.05", "THRESHOLD")
                .payment("waba-1", "2025-03", 2, "2025-04-01T03:00:00Z", "0.08", "MONTH_END")
                .invoice("waba-2", "2025-03", 1, "BRL", 1, 0, 0, "0", "0", "OPEN", 6)
                .line("waba-2", "2025-03", 1, 1, "CBP", "SERVICE", "REGULAR", "Other", "BRL", null, 1, "0")
                .invoice("waba-1", "2025-02", 1, "USD", 1, 0, 1, "0.06", "0.0625", "CLOSED", 4)
                .line("waba-1", "2025-02", 1, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 1, "0.0625")
                .payment("waba-1", "2025-02", 1, "2025-03-01T03:00:00Z", "0.06", "MONTH_END")
                .discrepancy(6, "AMOUNT_MISMATCH", "waba-1", "15550001111", "2025-03-01T03:00:00Z",
                        "2025-03-02T03:00:00Z", "BR", "MARKETING", "REGULAR", 2L, 2L, "0.1250", "0.1300", "-0.0050",
                        "rate \"Brazil, marketing\" differs")
                .discrepancy(6, "MISSING_AT_META", "waba-1", null, "2025-03-05T03:00:00Z", "2025-03-06T03:00:00Z",
                        "BR", "UTILITY", "REGULAR", 1L, null, "0.0080", null, "0.0080", null)
                .discrepancy(5, "INVOICE_MISMATCH", "waba-1", null, null, null, null, null, null, null, null,
                        "0.07", "0.08", "-0.01", "from an earlier run");
    }

    @Test
    void invoicesListEveryRevisionOfTheTouchedMonths(@TempDir Path out) throws Exception {
        Path f = new LedgerCsvFiles(jdbc).writeInvoices(out, TOUCHED);
        assertEquals(out.resolve("invoices.csv"), f);
        assertEquals("""
                waba_id,period,revision,currency,conversations,messages,billable,amount,status
                waba-1,2025-03,1,USD,3,0,2,0.07,CLOSED
                waba-1,2025-03,2,USD,4,0,3,0.13,CLOSED
                waba-2,2025-03,1,BRL,1,0,0,0,OPEN
                """, Files.readString(f));
    }

    @Test
    void invoiceLinesKeepTheStoredPrecision(@TempDir Path out) throws Exception {
        Path f = new LedgerCsvFiles(jdbc).writeInvoiceLines(out, TOUCHED);
        assertEquals("""
                waba_id,period,revision,pricing_model,category,type,market,currency,rate,quantity,amount
                waba-1,2025-03,1,CBP,MARKETING,REGULAR,Brazil,USD,0.0625,1,0.0625
                waba-1,2025-03,1,CBP,UTILITY,REGULAR,Brazil,USD,0.0080,1,0.0080
                waba-1,2025-03,1,CBP,SERVICE,REGULAR,Brazil,USD,,1,0
                waba-1,2025-03,2,CBP,MARKETING,REGULAR,Brazil,USD,0.0625,2,0.1250
                waba-1,2025-03,2,CBP,UTILITY,REGULAR,Brazil,USD,0.0080,1,0.0080
                waba-1,2025-03,2,CBP,SERVICE,REGULAR,Brazil,USD,,1,0
                waba-2,2025-03,1,CBP,SERVICE,REGULAR,Other,BRL,,1,0
                """, Files.readString(f));
    }

    @Test
    void paymentsHaveUtcTimestampsWithZ(@TempDir Path out) throws Exception {
        Path f = new LedgerCsvFiles(jdbc).writePayments(out, TOUCHED);
        assertEquals("""
                waba_id,period,charged_at,amount,reason
                waba-1,2025-03,2025-03-15T12:30:00.123456Z,0.05,THRESHOLD
                waba-1,2025-03,2025-04-01T03:00:00Z,0.08,MONTH_END
                """, Files.readString(f));
    }

    @Test
    void discrepanciesOfOneRunQuoteTheirDetail(@TempDir Path out) throws Exception {
        Path f = new LedgerCsvFiles(jdbc).writeDiscrepancies(out, 6);
        assertEquals("""
                kind,waba_id,phone_number,period_start,period_end,country,category,type,expected_count,billed_count,expected_amount,billed_amount,difference,detail
                AMOUNT_MISMATCH,waba-1,15550001111,2025-03-01T03:00:00Z,2025-03-02T03:00:00Z,BR,MARKETING,REGULAR,2,2,0.1250,0.1300,-0.0050,"rate ""Brazil, marketing"" differs"
                MISSING_AT_META,waba-1,,2025-03-05T03:00:00Z,2025-03-06T03:00:00Z,BR,UTILITY,REGULAR,1,,0.0080,,0.0080,
                """, Files.readString(f));
    }

    @Test
    void aCleanReconciliationWritesTheHeaderOnly(@TempDir Path out) throws Exception {
        Path f = new LedgerCsvFiles(jdbc).writeDiscrepancies(out, 99);
        assertEquals("kind,waba_id,phone_number,period_start,period_end,country,category,type,expected_count,"
                + "billed_count,expected_amount,billed_amount,difference,detail\n", Files.readString(f));
    }

    @Test
    void nothingTouchedWritesHeadersOnly(@TempDir Path out) throws Exception {
        LedgerCsvFiles files = new LedgerCsvFiles(jdbc);
        assertEquals("waba_id,period,revision,currency,conversations,messages,billable,amount,status\n",
                Files.readString(files.writeInvoices(out, Set.of())));
        assertEquals("waba_id,period,charged_at,amount,reason\n",
                Files.readString(files.writePayments(out, Set.of(new WabaMonth("nobody", "2025-03")))));
    }

    @Test
    void rejectedRowsAreQuoted(@TempDir Path out) throws Exception {
        Path f = LedgerCsvFiles.writeRejectedRows(out, List.of(
                new RejectedRow("logs/date=2025-03-01/part-0.parquet", 3, "m,1", "INVALID_VALUE: direction \"SIDEWAYS\""),
                new RejectedRow("logs/x.parquet", 12, null, "MISSING_VALUE: message_id")));
        assertEquals("""
                source,row,message_id,reason
                logs/date=2025-03-01/part-0.parquet,3,"m,1","INVALID_VALUE: direction ""SIDEWAYS\"""
                logs/x.parquet,12,,MISSING_VALUE: message_id
                """, Files.readString(f));
    }

    @Test
    void writeAllWritesTheFiveFilesAndNothingElse(@TempDir Path out) throws Exception {
        List<Path> paths = new LedgerCsvFiles(jdbc).writeAll(out, TOUCHED, 6, List.of());
        assertEquals(List.of(out.resolve("invoices.csv"), out.resolve("invoice_lines.csv"), out.resolve("payments.csv"),
                out.resolve("discrepancies.csv"), out.resolve("rejected_rows.csv")), paths);
        try (var files = Files.list(out)) {
            assertEquals(5, files.count());
        }
        assertEquals("source,row,message_id,reason\n", Files.readString(out.resolve("rejected_rows.csv")));
    }
}
