package com.wabill.report;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.wabill.ingest.LogFileException;
import com.wabill.rating.MissingRateException;
import com.wabill.rating.ReferenceDataException;
import com.wabill.reconciliation.MetaExportException;

/**
 * The one line that ends every failure: what failed, where (the step; the file and its line or row when the cause
 * names them) and what to do. Built from the exception chain: the messages wabill wrote for people (they name the
 * file and the line) come first, framework wrappers are left out, and the advice depends on the kind of cause.
 */
public final class FailureLine {

    /** A description longer than this is cut, so that the line stays readable and its advice is not lost. */
    static final int MAX_DESCRIPTION = 600;
    static final String AGAIN = "run the same command again";

    private FailureLine() {
    }

    /**
     * A job that did not complete.
     *
     * @param run   for example {@code billing 2025-03-01..2025-03-03}
     * @param how   {@code FAILED} or {@code STOPPED}
     * @param step  the step that failed, as Spring Batch names it ({@code replay-bucket:bucket-0003}), or null
     * @param cause the failure, or null (a stopped run)
     */
    public static String forJob(String run, String how, String step, Throwable cause) {
        StringBuilder line = new StringBuilder(run).append(' ').append(how);
        if (step != null) line.append(" in step ").append(stepName(step));
        if (cause == null) {
            return line.append(". To continue: ").append(AGAIN).append("; the run restarts where it stopped.")
                    .toString();
        }
        line.append(": ").append(describe(cause));
        String advice = advice(cause);
        line.append(advice == null ? " Fix that, then " : " To fix: " + advice + ", then ").append(AGAIN)
                .append("; the run restarts where it stopped.");
        return cut(line.toString());
    }

    /** A failure outside a job: the command line, the database, the logs location. */
    public static String forStartup(Throwable cause) {
        String advice = advice(cause);
        String what = describe(cause);
        return cut("could not start: " + what + (advice == null ? " Fix that, then " : " To fix: " + advice + ", then ")
                + AGAIN + ".");
    }

    /**
     * A Spring Batch step name as a person reads it: {@code replay-bucket:bucket-0003} is {@code replay, bucket 3}.
     */
    public static String stepName(String step) {
        int colon = step.indexOf(':');
        if (colon < 0) return step;
        String manager = step.substring(0, colon);
        if (manager.endsWith("-bucket")) manager = manager.substring(0, manager.length() - "-bucket".length());
        String part = step.substring(colon + 1);
        if (part.startsWith("bucket-")) {
            try {
                part = "bucket " + Integer.parseInt(part.substring("bucket-".length()));
            } catch (NumberFormatException e) {
                // keep it as it is
            }
        }
        return manager + ", " + part;
    }

    /** The messages of the chain that tell a person something, outermost first, each once, on one line. */
    static String describe(Throwable t) {
        List<Throwable> chain = chain(t);
        for (Throwable c : chain) {
            // the driver says it best; the layers above repeat it with framework words and tables
            if (isConnectionFailure(c)) {
                for (Throwable d : chain) {
                    if (d instanceof SQLException && d.getMessage() != null) {
                        return "cannot connect to the database: " + oneLine(d.getMessage());
                    }
                }
            }
        }
        int start = -1;
        for (int i = 0; i < chain.size() && start < 0; i++) {
            if (isDomainException(chain.get(i))) start = i;
        }
        for (int i = 0; i < chain.size() && start < 0; i++) {
            Throwable c = chain.get(i);
            if (thrownByWabill(c) && !isWrapper(c) && c.getMessage() != null) start = i;
        }
        if (start < 0) {
            for (int i = 0; i < chain.size() && start < 0; i++) {
                if (!isWrapper(chain.get(i)) && chain.get(i).getMessage() != null) start = i;
            }
        }
        if (start < 0) start = chain.size() - 1;
        StringBuilder text = new StringBuilder();
        for (int i = start; i < chain.size(); i++) {
            Throwable c = chain.get(i);
            String m = c.getMessage();
            if (m == null || m.isBlank()) m = i == chain.size() - 1 && text.length() == 0 ? c.getClass().getSimpleName() : null;
            if (m == null) continue;
            m = oneLine(m);
            if (c instanceof NoSuchFileException) m = "file not found: " + m;
            if (text.indexOf(m) >= 0) continue;
            if (text.length() > 0) text.append(": ");
            text.append(m);
        }
        String s = text.toString().strip();
        if (s.length() > MAX_DESCRIPTION) s = s.substring(0, MAX_DESCRIPTION - 1) + "…";
        return s.endsWith(".") ? s : s + ".";
    }

    /** What to do about it, without the final "run the same command again"; null when the message says it. */
    static String advice(Throwable t) {
        for (Throwable c : chain(t)) {
            if (c instanceof MissingRateException m) {
                return m.cardFile() != null
                        ? "add market '" + m.market() + "' with a " + m.category() + " rate to " + m.cardFile()
                                + " (or correct the market in markets.csv)"
                        : "add a " + m.currency().getCurrencyCode() + " rate card in force on " + m.localDate()
                                + " to wabill.rate-cards";
            }
            if (c instanceof ReferenceDataException r) {
                return "correct " + r.file() + (r.line() > 0 ? " line " + r.line() : "");
            }
            if (c instanceof LogFileException l) {
                if (l.getMessage().contains("no such file or directory")) {
                    return "point wabill.logs at the logs (a file, a directory tree or a glob)";
                }
                return "re-export " + l.file() + " as readable Parquet with the columns of SPEC 1.1, or move it out"
                        + " of wabill.logs";
            }
            if (c instanceof MetaExportException e) {
                return "correct or re-export " + e.file() + " from Meta, or point wabill.meta-billing at a good"
                        + " export";
            }
        }
        for (Throwable c : chain(t)) {
            if (c instanceof OutOfMemoryError) {
                return "give Java more memory (for example -Xmx4g) or lower wabill.bucket-rows";
            }
            if (isConnectionFailure(c)) {
                return "check that PostgreSQL at spring.datasource.url is running and reachable, and the user and"
                        + " password (spring.datasource.username, SPRING_DATASOURCE_PASSWORD)";
            }
            if (c instanceof NoSuchFileException || c instanceof FileNotFoundException) {
                return "check the path named above (the wabill.* setting that points at it)";
            }
            String m = c.getMessage();
            if (m != null && m.contains("No space left on device")) {
                return "free disk space under wabill.work-dir and wabill.output";
            }
        }
        return null;
    }

    static boolean isConnectionFailure(Throwable c) {
        if (c instanceof ConnectException) return true;
        if (c instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("28"))) {
            return true;
        }
        String name = c.getClass().getSimpleName();
        return name.equals("CannotGetJdbcConnectionException") || name.equals("FlywaySqlUnableToConnectToDbException");
    }

    /** wabill's exceptions that name the file and the line or row at fault. */
    static boolean isDomainException(Throwable t) {
        return t instanceof MissingRateException || t instanceof ReferenceDataException || t instanceof LogFileException
                || t instanceof MetaExportException;
    }

    /** Thrown by wabill's own code, whose messages are written for people: they name the file and line. */
    static boolean thrownByWabill(Throwable t) {
        if (t.getClass().getName().startsWith("com.wabill.")) return true;
        StackTraceElement[] st = t.getStackTrace();
        return st.length > 0 && st[0].getClassName().startsWith("com.wabill.");
    }

    /** Exceptions that only wrap their cause with framework words. */
    static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        String m = t.getMessage() == null ? "" : t.getMessage();
        return name.startsWith("org.springframework.beans.") || name.startsWith("org.springframework.batch.")
                || m.startsWith("Failed to execute ApplicationRunner") || m.startsWith("Failed to execute CommandLineRunner")
                || (t.getCause() != null && m.equals(t.getCause().toString()));
    }

    private static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) out.add(c);
        return out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String cut(String s) {
        return oneLine(s);
    }
}
