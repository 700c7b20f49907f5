package com.wabill.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code wabill.*} setting, with defaults that run on {@code sample-data/} (SPEC 5).
 *
 * @param logs          message log location: a file, directory tree or glob, any Hadoop URI
 * @param rateCards     directory of {@code <CURRENCY>/<effective-from>.csv} rate cards
 * @param markets       markets.csv
 * @param accounts      accounts.csv
 * @param metaBilling   directory with Meta's billed amounts; reconciliation runs when it exists
 * @param output        output directory
 * @param lookbackDays  days of log partitions read before a run's first day, for late deliveries
 * @param warmupDays    days replayed without writing when no state is carried into the first day
 * @param workDir       scratch space for spill files
 * @param bucketRows    target number of messages per sort bucket (bounds the heap)
 * @param tolerance     reconciliation tolerance per line; null means half the currency's minor unit
 * @param allowEmptyDays billed days that may have no log rows (no partition, or one without data): dates, or
 *                      {@code all}; any other day without data fails the run, since a missing export is not a quiet day
 */
@ConfigurationProperties(prefix = "wabill")
public record WabillProperties(
        @DefaultValue("sample-data/logs") String logs,
        @DefaultValue("sample-data/rate-cards") Path rateCards,
        @DefaultValue("sample-data/markets.csv") Path markets,
        @DefaultValue("sample-data/accounts.csv") Path accounts,
        @DefaultValue("sample-data/meta") Path metaBilling,
        @DefaultValue("out") Path output,
        @DefaultValue("2") int lookbackDays,
        @DefaultValue("4") int warmupDays,
        @DefaultValue(".wabill/work") Path workDir,
        @DefaultValue("250000") int bucketRows,
        BigDecimal tolerance,
        @DefaultValue("") List<String> allowEmptyDays) {
}
