package com.wabill.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every PostgreSQL advisory lock wabill takes, and their keys (two ints each), in one place.
 *
 * <ul>
 *   <li>Transaction locks, released when the step's transaction ends: month-level work (month rating, invoices) and
 *       writing into the output directory (publish, reconcile). Runs of different days may overlap; these parts
 *       run one at a time.</li>
 *   <li>Session locks, held on a connection of their own for the length of a run and released by PostgreSQL when
 *       that connection closes, also when its process is killed: one per billed day, and one per job name for a
 *       run without days.</li>
 * </ul>
 * The keys are shared by every version of wabill that may run against the same database: never change them.
 */
public final class AdvisoryLocks {

    /** First key of the transaction locks. */
    static final int BILLING = 30561;
    /** Second key: month-level work (month rating, invoices). */
    static final int MONTH_WORK = 1;
    /** Second key: writing into the output directory (publish, reconcile). */
    static final int OUTPUT_DIRECTORY = 2;
    /** First key of the session locks on billed days ("wa"); the second is the day's epoch day. */
    static final int DAY = 0x7761;
    /** First key of the session lock of a run without days ("wb"); the second is the job name's hash. */
    static final int RANGELESS_RUN = 0x7762;

    private static final String XACT_LOCK = "select pg_advisory_xact_lock(?, ?)";
    private static final String TRY_LOCK = "select pg_try_advisory_lock(?, ?)";
    private static final String UNLOCK_ALL = "select pg_advisory_unlock_all()";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public AdvisoryLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * A connection of its own for the session locks of one run, outside any transaction: closing the session releases
     * them, and so does PostgreSQL when the process dies.
     */
    public Session openSession() throws SQLException {
        return new Session(dataSource.getConnection());
    }

    /** Waits for, then holds until the transaction ends, the lock of month-level work. */
    public void holdMonthWork() {
        jdbc.queryForList(XACT_LOCK, BILLING, MONTH_WORK);
    }

    /** Waits for, then holds until the transaction ends, the lock of the output directory. */
    public void holdOutputDirectory() {
        jdbc.queryForList(XACT_LOCK, BILLING, OUTPUT_DIRECTORY);
    }

    /** Takes the session lock of {@code day} on {@code c} if it is free; false when another session holds it. */
    public static boolean tryLockDay(Connection c, LocalDate day) throws SQLException {
        return tryLock(c, DAY, (int) day.toEpochDay());
    }

    /** Takes the session lock of a run of {@code jobName} without days on {@code c} if it is free. */
    public static boolean tryLockRangelessRun(Connection c, String jobName) throws SQLException {
        return tryLock(c, RANGELESS_RUN, jobName.hashCode());
    }

    /** Releases every session lock {@code c} holds. */
    public static void releaseAll(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(UNLOCK_ALL);
        }
    }

    private static boolean tryLock(Connection c, int first, int second) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TRY_LOCK)) {
            ps.setInt(1, first);
            ps.setInt(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The session locks of one run, on their own connection ({@link #openSession()}). */
    public static final class Session implements AutoCloseable {

        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        /** Takes the lock of {@code day} if it is free; false when another session holds it. */
        public boolean tryLockDay(LocalDate day) throws SQLException {
            return AdvisoryLocks.tryLockDay(connection, day);
        }

        /** Takes the lock of a run of {@code jobName} without days if it is free. */
        public boolean tryLockRangelessRun(String jobName) throws SQLException {
            return AdvisoryLocks.tryLockRangelessRun(connection, jobName);
        }

        /** Releases every lock of this session. */
        public void releaseAll() throws SQLException {
            AdvisoryLocks.releaseAll(connection);
        }

        /**
         * Releases the locks, then gives the connection back (a pooled one would otherwise keep them). A connection
         * that is gone took its locks with it: nothing to report then.
         */
        @Override
        public void close() throws SQLException {
            try {
                AdvisoryLocks.releaseAll(connection);
            } catch (SQLException gone) {
                // released by PostgreSQL with the session
            } finally {
                connection.close();
            }
        }
    }
}
