package com.wabill.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.engine.Decision.ClosedEarly;

/**
 * Conversations closed before their scheduled end ({@code conversation.closed_at < scheduled_end}): a free entry
 * point conversation opened later in the thread closes the ones still open (SPEC 2.4), possibly from a later day
 * than theirs. A re-run of days takes back the closes their messages made, and puts back those later days made.
 */
public final class EarlyCloses {

    private final JdbcTemplate jdbc;

    public EarlyCloses(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Conversations opened on {@code from..to} that a message from {@code end} on closed early. */
    public List<ClosedEarly> closedFrom(LocalDate from, LocalDate to, Instant end) {
        return jdbc.query("select conversation_id, closed_at from conversation"
                + " where day between ? and ? and closed_at >= ? and closed_at < scheduled_end",
                (rs, i) -> new ClosedEarly(rs.getString(1), rs.getTimestamp(2).toInstant()), from, to,
                Timestamp.from(end));
    }

    /** Takes back the early closes made within {@code [start, end)}: those conversations end as scheduled again. */
    public void reopen(Instant start, Instant end) {
        jdbc.update("update conversation set closed_at = scheduled_end where closed_at >= ? and closed_at < ?"
                + " and closed_at < scheduled_end", Timestamp.from(start), Timestamp.from(end));
    }

    /** Closes conversations early (a close after the one a conversation has already is no close). */
    public void close(Collection<ClosedEarly> closes) {
        if (closes.isEmpty()) return;
        List<Object[]> args = new ArrayList<>(closes.size());
        for (ClosedEarly c : closes) {
            Timestamp at = Timestamp.from(c.closedAt());
            args.add(new Object[] {at, c.conversationId(), at});
        }
        jdbc.batchUpdate("update conversation set closed_at = ? where conversation_id = ? and closed_at > ?", args);
    }

    /**
     * The UTC days before {@code before} whose conversations a message within {@code [start, end)} closed early:
     * their partitions change with the run.
     */
    public SortedSet<LocalDate> daysClosedWithin(LocalDate before, Instant start, Instant end) {
        return new TreeSet<>(jdbc.queryForList("select distinct day from conversation where day < ?"
                + " and closed_at >= ? and closed_at < ? and closed_at < scheduled_end", LocalDate.class,
                before, Timestamp.from(start), Timestamp.from(end)));
    }
}
