package com.wabill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.beans.factory.BeanCreationException;

import com.wabill.engine.Category;
import com.wabill.ingest.LogFileException;
import com.wabill.rating.MissingRateException;
import com.wabill.rating.ReferenceDataException;
import com.wabill.reconciliation.MetaExportException;
import com.wabill.testsupport.FastTest;

/** Every failure ends with one line: what failed, where (step, file, line or row) and what to do. */
@FastTest
class FailureLineTest {

    static final String RUN = "billing 2025-03-01..2025-03-03";

    @Test
    void aMissingRateNamesTheStepTheCardAndTheRateToAdd() {
        Throwable cause = new IllegalStateException("wrapped", new MissingRateException("Brazil", Category.UTILITY,
                Currency.getInstance("USD"), LocalDate.of(2025, 3, 3), ZoneId.of("America/Sao_Paulo"),
                Path.of("rates/USD/2024-11-01.csv"), "market 'Brazil' is missing from the card in force"));
        String line = FailureLine.forJob(RUN, "FAILED", "replay-bucket:bucket-0003", cause);
        assertThat(line).startsWith("billing 2025-03-01..2025-03-03 FAILED in step replay, bucket 3: ")
                .contains("no rate for market 'Brazil', category UTILITY")
                .contains("(rate card rates/USD/2024-11-01.csv)")
                .contains("To fix: add market 'Brazil' with a UTILITY rate to rates/USD/2024-11-01.csv")
                .endsWith("then run the same command again; the run restarts where it stopped.")
                .doesNotContain("wrapped").doesNotContain("\n");
    }

    @Test
    void aReferenceFileProblemNamesFileAndLine() {
        String line = FailureLine.forJob(RUN, "FAILED", "plan",
                new ReferenceDataException(Path.of("ref/accounts.csv"), 5, "unknown time zone 'Mars/Olympus'"));
        assertThat(line).contains("FAILED in step plan: ref/accounts.csv line 5: unknown time zone 'Mars/Olympus'.")
                .contains("To fix: correct ref/accounts.csv line 5, then run the same command again");
    }

    @Test
    void anUnreadableLogFileNamesTheFileAndItsRow() {
        Throwable cause = new LogFileException("logs/date=2025-03-02/part-0.parquet", "sent_at", 17,
                "column sent_at: not a timestamp", new RuntimeException("decoding failed"));
        String line = FailureLine.forJob(RUN, "FAILED", "ingest", cause);
        assertThat(line).contains("in step ingest: logs/date=2025-03-02/part-0.parquet: column sent_at")
                .contains("decoding failed")
                .contains("To fix: re-export logs/date=2025-03-02/part-0.parquet");
    }

    @Test
    void logsThatAreNotThereSayWhichSettingToCorrect() {
        String line = FailureLine.forStartup(new IllegalStateException("Failed to execute ApplicationRunner",
                new LogFileException("/data/logs", "no such file or directory",
                        new java.io.FileNotFoundException("File file:/data/logs does not exist"))));
        assertThat(line).isEqualTo("could not start: /data/logs: no such file or directory: File file:/data/logs does"
                + " not exist. To fix: point wabill.logs at the logs (a file, a directory tree or a glob), then run"
                + " the same command again.");
    }

    @Test
    void aMetaExportProblemSaysWhichFileToCorrect() {
        String line = FailureLine.forJob(RUN, "FAILED", "reconcile",
                new MetaExportException(Path.of("meta/invoices.csv"), "line 4", "amount 'x' is not a number"));
        assertThat(line).contains("meta/invoices.csv line 4: amount 'x' is not a number")
                .contains("To fix: correct or re-export meta/invoices.csv from Meta");
    }

    @Test
    void aDatabaseThatDoesNotAnswerSaysWhatToCheck() {
        Throwable refused = new PSQLException("Connection to 127.0.0.1:1 refused. Check that the hostname and port"
                + " are correct and that the postmaster is accepting TCP/IP connections.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        Throwable startup = new BeanCreationException("jdbcTemplate", "Error creating bean with name 'jdbcTemplate':"
                + " lots of framework words", refused);
        String line = FailureLine.forStartup(startup);
        assertThat(line).startsWith("could not start: cannot connect to the database: Connection to 127.0.0.1:1"
                + " refused. Check that the hostname and port are correct")
                .doesNotContain("Error creating bean")
                .contains("To fix: check that PostgreSQL at spring.datasource.url is running and reachable")
                .endsWith("then run the same command again.");
    }

    @Test
    void aMissingFileAndAnUnknownCauseStillEndWithWhatToDo() {
        assertThat(FailureLine.forStartup(new NoSuchFileException("/data/markets.csv")))
                .contains("file not found: /data/markets.csv").contains("To fix: check the path named above");
        assertThat(FailureLine.forJob(RUN, "FAILED", "invoice", new ArithmeticException("Overflow\nin step 2")))
                .isEqualTo("billing 2025-03-01..2025-03-03 FAILED in step invoice: Overflow in step 2. Fix that,"
                        + " then run the same command again; the run restarts where it stopped.");
    }

    @Test
    void aStoppedRunSaysHowToContinue() {
        assertThat(FailureLine.forJob(RUN, "STOPPED", "replay", null)).isEqualTo("billing 2025-03-01..2025-03-03"
                + " STOPPED in step replay. To continue: run the same command again; the run restarts where it stopped.");
    }

    @Test
    void stepNamesAsAPersonReadsThem() {
        assertThat(FailureLine.stepName("dedupe-bucket:bucket-0012")).isEqualTo("dedupe, bucket 12");
        assertThat(FailureLine.stepName("publish")).isEqualTo("publish");
    }
}
