package com.wabill.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.wabill.engine.ThreadState;
import com.wabill.engine.ThreadStateCodec;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.replay.ThreadReplayer.ThreadKey;

/**
 * The state threads carry out of a billed day (SPEC 2.8): one {@code thread_state} row per thread with something
 * still open, and a {@code carry_point} saying that the state carried out of the day is complete (how many threads,
 * and an order-independent digest of them, to tell whether a re-run changed it).
 */
public final class CarriedStates {

    /** A thread's carried state, encoded. */
    public record CarriedState(String phoneNumberId, String contactWaId, byte[] state) {
    }

    private static final int FETCH = 10_000;

    private final JdbcTemplate jdbc;

    public CarriedStates(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH);
    }

    /** Whether a complete state was carried out of {@code carryDay}. */
    public boolean existsFor(LocalDate carryDay) {
        Integer carried = jdbc.queryForObject("select count(*) from carry_point where carry_day = ?", Integer.class,
                carryDay);
        return carried != null && carried != 0;
    }

    /** The last day before {@code before}, and not before {@code notBefore}, out of which a complete state was carried. */
    public Optional<LocalDate> lastBefore(LocalDate before, LocalDate notBefore) {
        LocalDate day = jdbc.queryForObject("select max(carry_day) from carry_point where carry_day < ? and carry_day >= ?",
                LocalDate.class, before, notBefore);
        return Optional.ofNullable(day);
    }

    /** The digest of the state carried out of {@code carryDay}, when one was. */
    public Optional<Long> digest(LocalDate carryDay) {
        List<Long> found = jdbc.queryForList("select digest from carry_point where carry_day = ?", Long.class, carryDay);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The states carried out of {@code carryDay} by the threads of replay bucket {@code bucket} of {@code buckets}
     * (the bucket of {@link AcceptedMessage#threadBucket}: a range of the {@code bucket_hash} written with them).
     */
    public Map<ThreadKey, ThreadState> load(LocalDate carryDay, int buckets, int bucket) {
        Map<ThreadKey, ThreadState> carried = new HashMap<>();
        // the bucket's range of hashes, through the primary key (carry_day, bucket_hash, ...): not the whole day's
        jdbc.query("select phone_number_id, contact_wa_id, state from thread_state"
                + " where carry_day = ? and bucket_hash >= ? and bucket_hash < ?", (RowCallbackHandler) rs -> {
                    carried.put(new ThreadKey(rs.getString(1), rs.getString(2)), ThreadStateCodec.decode(rs.getBytes(3)));
                }, java.sql.Date.valueOf(carryDay), AcceptedMessage.firstHashOf(bucket, buckets),
                AcceptedMessage.firstHashOf(bucket + 1, buckets));
        return carried;
    }

    /** Records that the state carried out of {@code carryDay} is complete (a re-run takes it over). */
    public void recordCarryPoint(LocalDate carryDay, long threads, long digest, long jobExecutionId) {
        jdbc.update("insert into carry_point (carry_day, threads, digest, job_execution_id) values (?, ?, ?, ?)"
                + " on conflict (carry_day) do update set threads = excluded.threads, digest = excluded.digest,"
                + " job_execution_id = excluded.job_execution_id, written_at = now()",
                carryDay, threads, digest, jobExecutionId);
    }

    /** Removes the states carried out of {@code from..to}, and their carry points. */
    public void clear(LocalDate from, LocalDate to) {
        jdbc.update("delete from thread_state where carry_day between ? and ?", from, to);
        jdbc.update("delete from carry_point where carry_day between ? and ?", from, to);
    }

    /** Loads carried states out of {@code carryDay} with COPY, on {@code connection} (the caller's transaction). */
    static void copy(Connection connection, LocalDate carryDay, List<CarriedState> states) throws SQLException {
        try (CopyStream copy = new CopyStream(connection, "thread_state", "carry_day", "phone_number_id",
                "contact_wa_id", "bucket_hash", "state")) {
            for (CarriedState s : states) {
                copy.add(carryDay).add(s.phoneNumberId()).add(s.contactWaId())
                        .add(AcceptedMessage.threadHash(s.phoneNumberId(), s.contactWaId())).add(s.state());
                copy.endRow();
            }
        }
    }

    /**
     * A digest of a thread's carried state that does not depend on the order threads are added in: buckets add up
     * whatever order they ran in.
     */
    public static long digest(String phoneNumberId, String contactWaId, byte[] state) {
        long h = 1125899906842597L;
        for (int i = 0; i < phoneNumberId.length(); i++) h = 31 * h + phoneNumberId.charAt(i);
        h = 31 * h + 0x1F;
        for (int i = 0; i < contactWaId.length(); i++) h = 31 * h + contactWaId.charAt(i);
        for (byte b : state) h = 31 * h + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
