package com.wabill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

/** A run that did not complete says so in summary.json, in the table and at the top of report.html. */
@FastTest
class RunStatusReportTest {

    static final String LINE = "billing 2025-03-01..2025-03-01 FAILED in step plan: ref/accounts.csv line 5: unknown"
            + " time zone 'Mars/Olympus'. To fix: correct ref/accounts.csv line 5, then run the same command again;"
            + " the run restarts where it stopped.";

    static RunSummary failed() {
        return RunSummary.builder("billing").executionId(9L).status(RunSummary.Status.FAILED).failure(LINE)
                .range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1)).discrepancies(3).build();
    }

    @Test
    void statusFailureAndDiscrepanciesRoundTripThroughJson(@TempDir Path dir) throws Exception {
        RunSummary s = failed();
        Path f = SummaryJson.write(dir.resolve("summary.json"), s);
        assertThat(SummaryJson.read(f)).isEqualTo(s);
        String json = Files.readString(f);
        assertThat(json).contains("\"status\" : \"FAILED\"").contains("\"discrepancies\" : 3")
                .contains("\"failure\" : \"billing 2025-03-01..2025-03-01 FAILED in step plan");
        // a summary written before the status existed still reads
        assertThat(SummaryJson.fromJson("{\"jobName\":\"billing\"}").status()).isNull();
    }

    @Test
    void theTableShowsTheStatusAndEndsWithTheFailureLine() {
        String t = SummaryTable.render(failed());
        assertThat(t).contains("| status ").contains("FAILED").contains("| discrepancies ");
        assertThat(t.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("FAILED: " + LINE);
        String nothing = SummaryTable.render(RunSummary.builder("billing").status(RunSummary.Status.NOTHING_TO_BILL)
                .mode(RunSummary.Mode.CATCH_UP, "every day is billed").build());
        assertThat(nothing).contains("NOTHING_TO_BILL").contains("none (nothing to bill)");
        assertThat(SummaryTable.render(RunSummary.builder("reconcile").build())).contains("the months of Meta's export");
    }

    @Test
    void theReportOfAFailedRunSaysSoFirst(@TempDir Path out) throws Exception {
        String html = Files.readString(HtmlReport.write(out, HtmlReport.view(failed(), HtmlReport.Inputs.none())));
        int banner = html.indexOf("<div class=\"status FAILED\"><b>This run FAILED.</b> billing 2025-03-01..2025-03-01");
        assertThat(banner).isPositive();
        assertThat(banner).isLessThan(html.indexOf("<h2>Totals</h2>"));
        assertThat(html).contains("correct ref/accounts.csv line 5");
        String ok = Files.readString(HtmlReport.write(out, HtmlReport.view(
                RunSummary.builder("billing").status(RunSummary.Status.COMPLETED).build(), HtmlReport.Inputs.none())));
        assertThat(ok).doesNotContain("class=\"status");
    }
}
