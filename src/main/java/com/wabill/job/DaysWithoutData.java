package com.wabill.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.wabill.ingest.LogFileDiscovery;

/**
 * A billed day without log rows fails the run unless {@code wabill.allow-empty-days} names it: a missing export (no
 * partition), an export that wrote no data file (only {@code _SUCCESS}, say), or files without rows must not pass as
 * a day without traffic. A location that is not partitioned by day can only be told empty as a whole.
 */
final class DaysWithoutData {

    private DaysWithoutData() {
    }

    /**
     * @param rowsByDay the rows of the files of each day partition (a day with files but no row maps to 0)
     * @param rows      the rows of every file found
     */
    static void check(WabillProperties props, LocalDate from, LocalDate to, LogFileDiscovery.Discovered found,
            Map<LocalDate, Long> rowsByDay, long rows) {
        Allowed allowed = Allowed.parse(props.allowEmptyDays());
        List<String> problems = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        if (found.partitionedByDay()) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (allowed.allows(d)) continue;
                if (found.missingDays().contains(d)) {
                    problems.add(d + " (no partition date=" + d + ")");
                    days.add(d);
                } else if (rowsByDay.getOrDefault(d, 0L) == 0) {
                    problems.add(d + (rowsByDay.containsKey(d) ? " (its partition's files hold no row)"
                            : " (its partition date=" + d + " holds no data file)"));
                    days.add(d);
                }
            }
        } else if (rows == 0) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) if (!allowed.allows(d)) days.add(d);
            if (!days.isEmpty()) problems.add(found.files().isEmpty() ? "the location holds no log file" : "its files hold no row");
        }
        if (problems.isEmpty()) return;
        String list = days.stream().map(LocalDate::toString).reduce((a, b) -> a + "," + b).orElse("");
        throw new IllegalStateException("The logs at " + props.logs() + " have no data for " + String.join(", ", problems)
                + ": a missing export must not pass as a day without traffic. Export those days and run the same"
                + " command again; if they really had no messages, run it with --wabill.allow-empty-days=" + list + ".");
    }

    /** The days {@code wabill.allow-empty-days} names: dates, or {@code all}. */
    record Allowed(boolean all, Set<LocalDate> days) {

        static Allowed parse(List<String> values) {
            boolean all = false;
            Set<LocalDate> days = new TreeSet<>();
            for (String v : values == null ? List.<String>of() : values) {
                for (String part : v.split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) continue;
                    if (p.equalsIgnoreCase("all") || p.equalsIgnoreCase("true")) {
                        all = true;
                        continue;
                    }
                    try {
                        days.add(LocalDate.parse(p));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("wabill.allow-empty-days: '" + p
                                + "' is not a date (YYYY-MM-DD) nor 'all'");
                    }
                }
            }
            return new Allowed(all, days);
        }

        boolean allows(LocalDate day) {
            return all || days.contains(day);
        }
    }
}
