package com.wabill.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** The UTC days billed ({@code billed_day}), and by which run: what the next run starts after. */
public final class BilledDays {

    private final JdbcTemplate jdbc;

    public BilledDays(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The last day billed, or null when none is. */
    public LocalDate last() {
        return jdbc.queryForObject("select max(day) from billed_day", LocalDate.class);
    }

    public boolean isBilled(LocalDate day) {
        Integer n = jdbc.queryForObject("select count(*) from billed_day where day = ?", Integer.class, day);
        return n != null && n > 0;
    }

    /** Whether a day after {@code day} is billed (it started from the state carried out of {@code day}). */
    public boolean anyAfter(LocalDate day) {
        Integer later = jdbc.queryForObject("select count(*) from billed_day where day > ?", Integer.class, day);
        return later != null && later > 0;
    }

    /** Every day billed. */
    public NavigableSet<LocalDate> all() {
        return new TreeSet<>(jdbc.queryForList("select day from billed_day", LocalDate.class));
    }

    /** Records {@code from..to} as billed by {@code jobExecutionId} (a re-run takes them over). */
    public void record(LocalDate from, LocalDate to, long jobExecutionId) {
        List<Object[]> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) days.add(new Object[] {d, jobExecutionId});
        jdbc.batchUpdate("insert into billed_day (day, job_execution_id) values (?, ?) on conflict (day) do update"
                + " set job_execution_id = excluded.job_execution_id, billed_at = now()", days);
    }

    /** Forgets that {@code from..to} were billed (a re-run of them records them again when it publishes). */
    public void clear(LocalDate from, LocalDate to) {
        jdbc.update("delete from billed_day where day between ? and ?", from, to);
    }
}
