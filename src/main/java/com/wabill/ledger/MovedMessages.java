package com.wabill.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.invoicing.WabaMonth;

/**
 * Messages whose event day moved between runs (SPEC 2.8; issue 16): a delivery receipt that came after the day the
 * message was first billed on moves it to the day it was delivered. It is billed once, on its latest day:
 * <ul>
 *   <li>the run that bills it on a later day removes its priced row of the earlier day (its link to Meta's
 *       conversation with it) and records the move ({@code moved_message}), so that the old day's month is invoiced
 *       again and its outcome partition rewritten without it;</li>
 *   <li>a re-run of the earlier day alone (which reads no logs after it, so does not see the receipt) leaves the
 *       message to the later day that billed it.</li>
 * </ul>
 */
public final class MovedMessages {

    /** A move: the message's old day and the (WABA, month) whose invoice it leaves. */
    public record Move(String messageId, LocalDate oldDay, WabaMonth oldMonth) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public MovedMessages(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Whether anything is priced on a day after {@code to}: when not (a night's run of the latest day, a first run),
     * no message of the run can have been billed later, and its ids need not be sent.
     */
    public boolean anyPricedAfter(LocalDate to) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from priced_message where day > ?)", Boolean.class, to));
    }

    /** Of {@code messageIds}, those priced on a day after {@code to}: a later run billed them there. */
    public Set<String> billedAfter(LocalDate to, Collection<String> messageIds) throws SQLException {
        Set<String> later = new HashSet<>();
        if (messageIds.isEmpty()) return later;
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement(
                "select message_id from priced_message where day > ? and message_id = any(?)")) {
            Array ids = c.createArrayOf("text", messageIds.toArray());
            ps.setObject(1, to);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) later.add(rs.getString(1));
            }
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        return later;
    }

    /**
     * Removes the rows of {@code messageIds} priced on a day before {@code from} (they are billed on their new day
     * now), and records the moves to {@code newDay} of each; on {@code connection}, in the caller's transaction.
     */
    static List<Move> moveToLaterDays(Connection connection, LocalDate from, Collection<String> messageIds,
            java.util.function.Function<String, LocalDate> newDay, long jobExecutionId) throws SQLException {
        List<Move> moves = new ArrayList<>();
        if (messageIds.isEmpty()) return moves;
        Array ids = connection.createArrayOf("text", messageIds.toArray());
        try (PreparedStatement ps = connection.prepareStatement("delete from priced_message where day < ?"
                + " and message_id = any(?) returning message_id, waba_id, day, local_month")) {
            ps.setObject(1, from);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moves.add(new Move(rs.getString(1), rs.getObject(3, LocalDate.class),
                            new WabaMonth(rs.getString(2), rs.getString(4))));
                }
            }
        }
        // a priced message keeps its link to Meta's conversation on its own row (V10, V11): nothing else to delete
        if (moves.isEmpty()) return moves;
        try (PreparedStatement ps = connection.prepareStatement("insert into moved_message (message_id, waba_id,"
                + " old_day, old_local_month, new_day, job_execution_id) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (message_id) do update set old_day = excluded.old_day, old_local_month ="
                + " excluded.old_local_month, new_day = excluded.new_day, job_execution_id = excluded.job_execution_id,"
                + " moved_at = now()")) {
            for (Move m : moves) {
                ps.setString(1, m.messageId());
                ps.setString(2, m.oldMonth().wabaId());
                ps.setObject(3, m.oldDay());
                ps.setString(4, m.oldMonth().period());
                ps.setObject(5, newDay.apply(m.messageId()));
                ps.setLong(6, jobExecutionId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return moves;
    }

    /** The (WABA, month) pairs that messages moved into {@code from..to} left: their invoices change too. */
    public List<WabaMonth> monthsLeft(LocalDate from, LocalDate to) {
        return jdbc.query("select distinct waba_id, old_local_month from moved_message where new_day between ? and ?",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)), from, to);
    }

    /** The days before {@code from} that messages moved into {@code from..to} by {@code executions} left. */
    public SortedSet<LocalDate> daysLeft(LocalDate from, LocalDate to, Collection<Long> executions) {
        if (executions.isEmpty()) return new TreeSet<>();
        String ids = String.join(",", executions.stream().map(String::valueOf).toList());
        return new TreeSet<>(jdbc.queryForList("select distinct old_day from moved_message where new_day between ? and ?"
                + " and old_day < ? and job_execution_id = any(string_to_array(?, ',')::bigint[])", LocalDate.class,
                from, to, from, ids));
    }

    /** The messages that left {@code oldDay} for a later day. */
    public Set<String> leftDay(LocalDate oldDay) {
        return new HashSet<>(jdbc.queryForList("select message_id from moved_message where old_day = ?", String.class,
                oldDay));
    }
}
