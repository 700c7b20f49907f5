package com.wabill.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what every run ends with, from its {@link RunSummary}: {@code summary.json}, {@code report.html} (when the
 * run has a page to show) and the summary table in the log.
 */
public final class RunReport {

    private static final Logger log = LoggerFactory.getLogger(RunReport.class);

    private RunReport() {
    }

    /**
     * @param page what the report shows besides the summary; null leaves {@code report.html} as it is (a run that
     *             had nothing to bill)
     */
    public static void write(Path outputDir, RunSummary summary, HtmlReport.Inputs page) throws IOException {
        Files.createDirectories(outputDir);
        if (page != null) HtmlReport.write(outputDir, HtmlReport.view(summary, page));
        SummaryJson.write(outputDir.resolve(SummaryJson.FILE), summary);
        log.info("\n{}", SummaryTable.render(summary));
    }
}
