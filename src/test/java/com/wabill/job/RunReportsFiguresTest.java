package com.wabill.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.ledger.LedgerFixture;
import com.wabill.ledger.OutputQueries;
import com.wabill.ledger.TestDatabase;
import com.wabill.report.CsvFiles;
import com.wabill.report.CsvFilesTestBytes;
import com.wabill.report.Figures;
import com.wabill.report.LedgerFigures;
import com.wabill.testsupport.DbTest;

/**
 * From the ledger to the outputs: what {@link RunReports} reads for the report, the pages and the CSV files is
 * exactly the plain figures the report's tests render ({@link Figures}), and the CSV files written from it are the
 * same bytes as before the reports moved to view models.
 */
@DbTest
class RunReportsFiguresTest {

    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.jdbc();
        TestDatabase.clean();
        LedgerFixture.seedOutputs(jdbc);
    }

    @Test
    void theLedgerGivesTheFiguresTheReportsAreTestedWith() {
        LedgerFigures read = RunReports.figures(new OutputQueries(jdbc), Figures.TOUCHED, 6);
        LedgerFigures expected = Figures.figures();
        assertEquals(expected.invoices(), read.invoices());
        assertEquals(expected.payments(), read.payments());
        assertEquals(expected.perWaba(), read.perWaba());
        assertEquals(expected.perCategory(), read.perCategory());
        assertEquals(expected.discrepancies(), read.discrepancies());
        // the daily counts come in no particular order: the charts sort them
        assertEquals(sorted(expected.conversationsPerDay()), sorted(read.conversationsPerDay()));
        assertEquals(sorted(expected.messagesPerDay()), sorted(read.messagesPerDay()));
        assertEquals(LedgerFigures.Discrepancies.NONE,
                RunReports.figures(new OutputQueries(jdbc), Figures.TOUCHED, 99).discrepancies());
    }

    @Test
    void theCsvFilesFromTheLedgerAreByteForByteAsBefore(@TempDir Path out) throws Exception {
        LedgerFigures read = RunReports.figures(new OutputQueries(jdbc), Figures.TOUCHED, 6);
        CsvFiles.writeAll(out, read.invoices(), read.payments(), List.of());
        CsvFilesTestBytes.assertFilesOfTheFigures(out);
    }

    private static List<LedgerFigures.DayCount> sorted(List<LedgerFigures.DayCount> counts) {
        return counts.stream().sorted(java.util.Comparator.comparing(LedgerFigures.DayCount::day)
                .thenComparing(LedgerFigures.DayCount::category)).toList();
    }
}
