package com.wabill.launch;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.wabill.ledger.AdvisoryLocks;

/**
 * One run per day at a time, across processes and machines: PostgreSQL session advisory locks on the days of a run,
 * released by PostgreSQL when the holder's connection closes, also when its process is killed. So a run found
 * running in the job repository while we hold its locks is one whose process died.
 *
 * <p>A run also holds the day before its range: the state carried out of that day is its input, which a run billing
 * that day now would change under it (and a run of the next day would otherwise start cold while it runs). A run
 * without days (reconcile over Meta's export period) holds a lock of its job instead. The locks themselves are
 * {@link AdvisoryLocks}.
 */
final class DayLocks {

    private static final Logger log = LoggerFactory.getLogger(DayLocks.class);

    private DayLocks() {
    }

    /**
     * Takes the locks of a run of {@code jobName} over {@code from..to} (both null: no days) in session {@code c}.
     *
     * @return null when they are held, else why the run must wait (another live process holds one)
     */
    static String lock(AdvisoryLocks.Session c, String jobName, LocalDate from, LocalDate to) throws SQLException {
        if (from == null) {
            return c.tryLockRangelessRun(jobName) ? null : "The " + jobName + " run over Meta's"
                    + " export period is running in another process right now; wait for it to finish, then run this"
                    + " command again.";
        }
        List<LocalDate> days = new ArrayList<>(); // the range's days first, for the message
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) days.add(d);
        days.add(from.minusDays(1));
        for (LocalDate day : days) {
            if (!c.tryLockDay(day)) {
                return (day.isBefore(from)
                        ? "Day " + day + ", whose state carries into " + from + ", is in use by another run right now"
                        : "Day " + day + " is being billed by another run right now")
                        + "; wait for it to finish, then run this command again.";
            }
        }
        return null;
    }

    /** Releases every lock of {@code c}; a connection already gone took its locks with it. */
    static void release(AdvisoryLocks.Session c) {
        try {
            c.releaseAll();
        } catch (SQLException e) {
            log.debug("Could not release the day locks (the connection is gone, and its locks with it)", e);
        }
    }
}
