package com.wabill.launch;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

import com.wabill.config.EmbeddedDatabaseInUseException;
import com.wabill.config.EmbeddedDatabaseStartException;

/**
 * Tells what kind of failure ended a launch, for its exit status and its one-line message: the database could not
 * be reached (at start, or lost during the run), the embedded database is used by another process, or anything else.
 */
public final class Failures {

    private Failures() {
    }

    /** Whether the failure comes from not reaching the database: refused, lost, timed out, login or database refused. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof EmbeddedDatabaseStartException) return true;
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException) return true; // the pool found no connection in time
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 28: invalid authorization; 3D000: no such database;
                // 57P01..57P03: the server is shutting down, or cannot accept connections now
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.startsWith("57P0")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static EmbeddedDatabaseInUseException embeddedDatabaseInUse(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof EmbeddedDatabaseInUseException e) return e;
        }
        return null;
    }

    /** The deepest message of the chain (the cause closest to what went wrong), with no stack trace. */
    public static String rootMessage(Throwable failure) {
        String message = null;
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
        }
        return message != null ? firstLine(message) : failure.getClass().getSimpleName();
    }

    /** The message of the database failure closest to its cause (preferably the driver's own words). */
    public static String databaseMessage(Throwable failure) {
        String sql = null;
        String io = null;
        for (Throwable t : chain(failure)) {
            if (t.getMessage() == null) continue;
            if (t instanceof EmbeddedDatabaseStartException) return firstLine(t.getMessage());
            if (t instanceof SQLException) sql = t.getMessage();
            else if (t instanceof java.io.IOException) io = t.getMessage();
        }
        String m = firstLine(sql != null ? sql : io != null ? io : rootMessage(failure));
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** The one-line message and exit status of a launch that failed before or around its job. */
    public static String startupMessage(Throwable failure) {
        EmbeddedDatabaseInUseException inUse = embeddedDatabaseInUse(failure);
        if (inUse != null) return inUse.getMessage();
        if (isDatabaseUnavailable(failure)) {
            return "cannot use the database: " + databaseMessage(failure) + ". Check that PostgreSQL runs and that"
                    + " spring.datasource.url, spring.datasource.username and SPRING_DATASOURCE_PASSWORD are right,"
                    + " then run the same command again (a run that was under way continues where it stopped).";
        }
        return "could not start: " + rootMessage(failure);
    }

    public static int startupExitStatus(Throwable failure) {
        if (embeddedDatabaseInUse(failure) != null) return JobLaunchRunner.EXIT_ALREADY_RUNNING;
        if (isDatabaseUnavailable(failure)) return JobLaunchRunner.EXIT_DATABASE_UNAVAILABLE;
        return 1;
    }

    private static Iterable<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.List<Throwable> list = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            list.add(t);
            if (t instanceof SQLException sql && sql.getNextException() != null && seen.get(sql.getNextException()) == null) {
                list.add(sql.getNextException());
            }
        }
        return list;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
