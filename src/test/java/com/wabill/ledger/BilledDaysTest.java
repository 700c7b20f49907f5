package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.jdbc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.testsupport.DbTest;

@DbTest
class BilledDaysTest {

    static final LocalDate MAR_10 = LocalDate.parse("2025-03-10");

    final BilledDays days = new BilledDays(LedgerDatabase.dataSource());

    @BeforeEach
    void clean() {
        LedgerDatabase.clean();
    }

    @Test
    void nothingBilledYet() {
        assertThat(days.last()).isNull();
        assertThat(days.all()).isEmpty();
        assertThat(days.isBilled(MAR_10)).isFalse();
        assertThat(days.anyAfter(MAR_10)).isFalse();
    }

    @Test
    void aRunRecordsItsDaysAndARerunTakesThemOver() {
        days.record(MAR_10, MAR_10.plusDays(2), 5);
        assertThat(days.all()).containsExactly(MAR_10, MAR_10.plusDays(1), MAR_10.plusDays(2));
        assertThat(days.last()).isEqualTo(MAR_10.plusDays(2));
        assertThat(days.isBilled(MAR_10.plusDays(1))).isTrue();
        assertThat(days.isBilled(MAR_10.minusDays(1))).isFalse();
        assertThat(days.anyAfter(MAR_10.plusDays(1))).isTrue();
        assertThat(days.anyAfter(MAR_10.plusDays(2))).isFalse();

        days.record(MAR_10.plusDays(1), MAR_10.plusDays(1), 9);
        assertThat(jdbc().queryForList("select day || ' ' || job_execution_id from billed_day order by day", String.class))
                .containsExactly("2025-03-10 5", "2025-03-11 9", "2025-03-12 5");
    }

    @Test
    void clearingForgetsTheDaysOnly() {
        days.record(MAR_10, MAR_10.plusDays(3), 5);
        days.clear(MAR_10.plusDays(1), MAR_10.plusDays(2));
        assertThat(days.all()).containsExactly(MAR_10, MAR_10.plusDays(3));
    }
}
