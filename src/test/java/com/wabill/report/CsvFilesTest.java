package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

/**
 * The CSV files of SPEC 3.2 from plain figures, byte for byte. ({@code job.RunReportsFiguresTest} writes them from
 * the ledger and compares the same bytes.)
 */
@FastTest
class CsvFilesTest {

    @Test
    void invoicesLinesAndPaymentsKeepTheStoredPrecisionAndUtcTimestampsWithZ(@TempDir Path out) throws Exception {
        LedgerFigures f = Figures.figures();
        assertEquals(out.resolve("invoices.csv"), CsvFiles.writeInvoices(out, f.invoices()));
        assertEquals(out.resolve("invoice_lines.csv"), CsvFiles.writeInvoiceLines(out, f.invoices()));
        assertEquals(out.resolve("payments.csv"), CsvFiles.writePayments(out, f.payments()));
        CsvFiles.writeRejectedRows(out, List.of());
        CsvFilesTestBytes.assertFilesOfTheFigures(out);
    }

    @Test
    void nothingTouchedWritesHeadersOnly(@TempDir Path out) throws Exception {
        assertEquals("waba_id,period,revision,currency,conversations,messages,billable,amount,status\n",
                Files.readString(CsvFiles.writeInvoices(out, List.of())));
        assertEquals("waba_id,period,currency,charged_at,amount,reason\n",
                Files.readString(CsvFiles.writePayments(out, List.of())));
    }

    @Test
    void rejectedRowsAreQuoted(@TempDir Path out) throws Exception {
        Path f = CsvFiles.writeRejectedRows(out, List.of(
                new RejectedRow("logs/date=2025-03-01/part-0.parquet", 3, "m,1", "INVALID_VALUE: direction \"SIDEWAYS\""),
                new RejectedRow("logs/x.parquet", 12, null, "MISSING_VALUE: message_id"),
                new RejectedRow("logs/x.parquet", 13, " #m2 ", "DUPLICATE: copies of \" #m2 \" differ")));
        assertEquals("""
                source,row,message_id,reason
                logs/date=2025-03-01/part-0.parquet,3,"m,1","INVALID_VALUE: direction ""SIDEWAYS\"""
                logs/x.parquet,12,,MISSING_VALUE: message_id
                logs/x.parquet,13, #m2 ,"DUPLICATE: copies of "" #m2 "" differ"
                """, Files.readString(f));
    }

    @Test
    void writeAllWritesTheFourFilesAndNothingElse(@TempDir Path out) throws Exception {
        LedgerFigures f = Figures.figures();
        List<Path> paths = CsvFiles.writeAll(out, f.invoices(), f.payments(), List.of());
        assertEquals(List.of(out.resolve("invoices.csv"), out.resolve("invoice_lines.csv"), out.resolve("payments.csv"),
                out.resolve("rejected_rows.csv")), paths);
        try (var files = Files.list(out)) {
            assertEquals(4, files.count());
        }
        CsvFilesTestBytes.assertFilesOfTheFigures(out);
    }
}
