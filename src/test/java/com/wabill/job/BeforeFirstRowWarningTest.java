package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.wabill.rating.Account;
import com.wabill.rating.AccountDirectory;
import com.wabill.testsupport.FastTest;

/** SPEC 1.4: a run that bills a WABA before its earliest account row says so in its summary. */
@FastTest
class BeforeFirstRowWarningTest {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    final AccountDirectory accounts = AccountDirectory.of(List.of(
            new Account("waba-late", "", KOLKATA, Currency.getInstance("INR"), null, "waba-late", true, null, null,
                    LocalDate.of(2026, 10, 10)),
            Account.of("waba-always", KOLKATA, Currency.getInstance("USD"))));

    @Test
    void aRangeThatStartsBeforeTheEarliestRowWarns() {
        // 2026-10-10 starts at 2026-10-09T18:30Z in Kolkata
        assertThat(RunReports.beforeFirstRow(accounts, "waba-late", Instant.parse("2026-10-09T00:00:00Z")))
                .hasValueSatisfying(w -> assertThat(w).contains("waba-late").contains("2026-10-10").contains("USD")
                        .contains("Asia/Kolkata"));
        assertThat(RunReports.beforeFirstRow(accounts, "waba-late", Instant.parse("2026-10-10T00:00:00Z"))).isEmpty();
        assertThat(RunReports.beforeFirstRow(accounts, "waba-always", Instant.parse("2020-01-01T00:00:00Z"))).isEmpty();
        assertThat(RunReports.beforeFirstRow(accounts, "waba-unknown", Instant.parse("2026-10-09T00:00:00Z"))).isEmpty();
    }
}
