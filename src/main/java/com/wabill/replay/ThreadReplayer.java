package com.wabill.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.Pricer;
import com.wabill.spill.KeySort;

/**
 * Replays one bucket of threads through the engine: each thread starts from the state carried into the billed
 * range (or empty), warm-up messages only rebuild state, and what is still open at the end is carried on.
 */
public final class ThreadReplayer {

    /** Thread, then the engine's {@link ReplayOrder} (SPEC 2.1: event time, inbound before outbound, message id). */
    public static final Comparator<AcceptedMessage> BUCKET_ORDER = Comparator
            .comparing(AcceptedMessage::phoneNumberId)
            .thenComparing(AcceptedMessage::contactWaId)
            .thenComparing((a, b) -> ReplayOrder.compare(a.eventTime(), a.direction(), a.messageId(),
                    b.eventTime(), b.direction(), b.messageId()));

    /**
     * The bucket's messages with each thread contiguous and in {@link #BUCKET_ORDER} within it, sorted by a
     * primitive key (a 64-bit hash of the thread) rather than by comparing objects. Threads follow each other in
     * the order of their hashes, not of their ids: nothing downstream depends on it (conversation ids come from
     * opening messages, outcome files are sorted when published, the ledger is read back in SQL order). On equal
     * hashes the thread itself is compared first, so that two threads whose hashes collide do not interleave.
     */
    public static List<AcceptedMessage> sortBucket(List<AcceptedMessage> messages) {
        return sortBucket(messages, ThreadReplayer::threadHash);
    }

    /** {@link #sortBucket(List)} with the thread hash given (tests force collisions with it). */
    public static List<AcceptedMessage> sortBucket(List<AcceptedMessage> messages,
            java.util.function.ToLongBiFunction<String, String> hash) {
        AcceptedMessage[] m = messages.toArray(new AcceptedMessage[0]);
        int n = m.length;
        long[] threadHash = new long[n];
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            threadHash[i] = hash.applyAsLong(m[i].phoneNumberId(), m[i].contactWaId());
            time[i] = timeKey(m[i].eventTime());
        }
        // by (thread hash, event time): equal pairs (rare) by the rest of the replay order
        int[] order = KeySort.sort(threadHash, time, (a, b) -> BUCKET_ORDER.compare(m[a], m[b]));
        // threads whose hashes collide are interleaved by time: such a run is put in BUCKET_ORDER, which keeps
        // each of them together
        int r = 0;
        while (r < n) {
            AcceptedMessage first = m[order[r]];
            boolean oneThread = true;
            int j = r + 1;
            for (; j < n && threadHash[order[j]] == threadHash[order[r]]; j++) {
                AcceptedMessage x = m[order[j]];
                oneThread &= x.phoneNumberId().equals(first.phoneNumberId()) && x.contactWaId().equals(first.contactWaId());
            }
            if (!oneThread) KeySort.sortRange(order, r, j, (a, b) -> BUCKET_ORDER.compare(m[a], m[b]));
            r = j;
        }
        AcceptedMessage[] sorted = new AcceptedMessage[n];
        for (int i = 0; i < n; i++) sorted[i] = m[order[i]];
        return java.util.Arrays.asList(sorted);
    }

    /** Nanoseconds since the epoch, saturated beyond about 2255 (order-preserving; ties are compared in full). */
    static long timeKey(Instant t) {
        long s = t.getEpochSecond();
        if (s > 9_000_000_000L) return Long.MAX_VALUE;
        if (s < -9_000_000_000L) return Long.MIN_VALUE;
        return s * 1_000_000_000L + t.getNano();
    }

    static long threadHash(String phoneNumberId, String contactWaId) {
        return KeySort.hash(KeySort.hash(phoneNumberId), contactWaId);
    }

    private final Pricer pricer;
    private final ReplaySink sink;
    /** The billed UTC days, in order: state is carried out of each, as of the end of it. */
    private final LocalDate[] carryDays;
    private final Instant[] carryAt;

    /**
     * @param from first billed UTC day
     * @param to   last billed UTC day: state is carried out of every day {@code from..to}
     */
    public ThreadReplayer(Pricer pricer, ReplaySink sink, LocalDate from, LocalDate to) {
        this.pricer = pricer;
        this.sink = sink;
        int days = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        if (days < 1) throw new IllegalArgumentException("No billed day: " + from + ".." + to);
        carryDays = new LocalDate[days];
        carryAt = new Instant[days];
        for (int d = 0; d < days; d++) {
            carryDays[d] = from.plusDays(d);
            carryAt[d] = from.plusDays(d + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    public record ThreadKey(String phoneNumberId, String contactWaId) {
    }

    /**
     * @param sorted  the bucket's messages in {@link #BUCKET_ORDER}
     * @param carried the states carried into the range for this bucket; consumed
     */
    public void replayBucket(List<AcceptedMessage> sorted, Map<ThreadKey, ThreadState> carried) throws Exception {
        int n = sorted.size();
        int i = 0;
        while (i < n) {
            AcceptedMessage first = sorted.get(i);
            int j = i + 1;
            while (j < n && sorted.get(j).phoneNumberId().equals(first.phoneNumberId())
                    && sorted.get(j).contactWaId().equals(first.contactWaId())) {
                j++;
            }
            ThreadState state = carried.isEmpty() ? null
                    : carried.remove(new ThreadKey(first.phoneNumberId(), first.contactWaId()));
            replayThread(sorted.subList(i, j), state == null ? ThreadState.EMPTY : state);
            i = j;
        }
        // threads with nothing new still carry what is open into the next days
        for (Map.Entry<ThreadKey, ThreadState> e : carried.entrySet()) {
            carryFrom(0, e.getKey().phoneNumberId(), e.getKey().contactWaId(), e.getValue());
        }
    }

    private void replayThread(List<AcceptedMessage> messages, ThreadState state) throws Exception {
        Map<String, PricedConversation> opened = new LinkedHashMap<>();
        AcceptedMessage first = messages.get(0);
        int nextCarry = 0;
        for (AcceptedMessage m : messages) {
            // the days that ended before this message: their states are carried out of them
            while (nextCarry < carryAt.length && !m.eventTime().isBefore(carryAt[nextCarry])) {
                carryOne(nextCarry++, first.phoneNumberId(), first.contactWaId(), state);
            }
            ThreadMessage tm = m.toThreadMessage();
            Decision d = ChargingEngine.decide(state, tm);
            state = ChargingEngine.evolve(state, tm, d);
            if (m.warmup()) continue;
            for (var close : d.closedEarly()) {
                PricedConversation mine = opened.get(close.conversationId());
                if (mine != null) {
                    opened.put(close.conversationId(), mine.closedAt(close.closedAt()));
                } else {
                    sink.closedEarlier(close.conversationId(), close.closedAt());
                }
            }
            Conversation c = d.opened();
            if (c != null) {
                opened.put(c.conversationId(), pricer.priceConversation(c, m.wabaId(), m.phoneNumberId(),
                        m.businessPhoneNumber(), m.contactWaId()));
            }
            sink.outcome(m, d, pricer.priceMessage(m.messageId(), m.wabaId(), m.phoneNumberId(),
                    m.businessPhoneNumber(), m.contactWaId(), m.eventTime(), d));
        }
        for (PricedConversation c : opened.values()) sink.conversation(c);
        carryFrom(nextCarry, first.phoneNumberId(), first.contactWaId(), state);
    }

    /** Carries {@code state} out of the billed days from the {@code day}-th on (no message of the thread after it). */
    private void carryFrom(int day, String phoneNumberId, String contactWaId, ThreadState state) throws Exception {
        for (int d = day; d < carryAt.length; d++) {
            if (!carryOne(d, phoneNumberId, contactWaId, state)) return; // nothing open any more: nor later
        }
    }

    /** Carries what of {@code state} is still open at the end of the {@code day}-th billed day; false when nothing is. */
    private boolean carryOne(int day, String phoneNumberId, String contactWaId, ThreadState state) throws Exception {
        ThreadState left = state.expireAt(carryAt[day]);
        if (left.isEmpty()) return false;
        sink.carriedState(carryDays[day], phoneNumberId, contactWaId, left);
        return true;
    }
}
