package com.wabill.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.DbTest;

/**
 * The locks, on real sessions. Their keys are a contract with every wabill version running against the same database
 * (a run of the old version and one of the new must exclude each other), so the tests name them.
 */
@DbTest
class AdvisoryLocksTest {

    static final LocalDate DAY = LocalDate.parse("2025-03-10");

    static boolean tryXactLock(Connection c, int first, int second) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select pg_try_advisory_xact_lock(" + first + ", " + second + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void aDayIsLockedByOneSessionAtATimeUntilItReleasesOrGoes() throws Exception {
        try (Connection a = LedgerDatabase.dataSource().getConnection();
                Connection b = LedgerDatabase.dataSource().getConnection()) {
            assertThat(AdvisoryLocks.tryLockDay(a, DAY)).isTrue();
            assertThat(AdvisoryLocks.tryLockDay(b, DAY)).isFalse();
            assertThat(AdvisoryLocks.tryLockDay(b, DAY.plusDays(1))).isTrue();
            // the key: "wa" and the epoch day
            try (Statement st = b.createStatement();
                    ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + 0x7761 + ", "
                            + DAY.toEpochDay() + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isFalse();
            }
            AdvisoryLocks.releaseAll(a);
            assertThat(AdvisoryLocks.tryLockDay(b, DAY)).isTrue();
            AdvisoryLocks.releaseAll(b);
        }
    }

    @Test
    void aRunWithoutDaysLocksItsJobName() throws Exception {
        try (Connection a = LedgerDatabase.dataSource().getConnection();
                Connection b = LedgerDatabase.dataSource().getConnection()) {
            assertThat(AdvisoryLocks.tryLockRangelessRun(a, "reconcile")).isTrue();
            assertThat(AdvisoryLocks.tryLockRangelessRun(b, "reconcile")).isFalse();
            assertThat(AdvisoryLocks.tryLockRangelessRun(b, "billing")).isTrue();
            // not a day's lock
            assertThat(AdvisoryLocks.tryLockDay(b, LocalDate.ofEpochDay("reconcile".hashCode()))).isTrue();
            AdvisoryLocks.releaseAll(a);
            AdvisoryLocks.releaseAll(b);
        }
    }

    @Test
    void aSessionHoldsItsLocksUntilItCloses() throws Exception {
        AdvisoryLocks locks = new AdvisoryLocks(LedgerDatabase.dataSource());
        try (Connection other = LedgerDatabase.dataSource().getConnection()) {
            try (AdvisoryLocks.Session run = locks.openSession()) {
                assertThat(run.tryLockDay(DAY)).isTrue();
                assertThat(run.tryLockRangelessRun("reconcile")).isTrue();
                assertThat(AdvisoryLocks.tryLockDay(other, DAY)).isFalse();
                assertThat(AdvisoryLocks.tryLockRangelessRun(other, "reconcile")).isFalse();
            }
            assertThat(AdvisoryLocks.tryLockDay(other, DAY)).isTrue();
            assertThat(AdvisoryLocks.tryLockRangelessRun(other, "reconcile")).isTrue();
            AdvisoryLocks.releaseAll(other);
        }
    }

    /** Month work is (30561, 1), the output directory (30561, 2): held until the transaction ends. */
    @Test
    void transactionLocksAreHeldUntilTheTransactionEnds() throws Exception {
        AdvisoryLocks locks = new AdvisoryLocks(LedgerDatabase.dataSource());
        try (Connection other = LedgerDatabase.dataSource().getConnection()) {
            other.setAutoCommit(false);
            LedgerDatabase.inTransaction(() -> {
                locks.holdMonthWork();
                assertThat(tryXactLock(other, 30561, 1)).isFalse();
                assertThat(tryXactLock(other, 30561, 2)).isTrue();
                other.rollback();
                locks.holdOutputDirectory();
                assertThat(tryXactLock(other, 30561, 2)).isFalse();
                other.rollback();
            });
            assertThat(tryXactLock(other, 30561, 1)).isTrue();
            assertThat(tryXactLock(other, 30561, 2)).isTrue();
            other.rollback();
        }
    }
}
