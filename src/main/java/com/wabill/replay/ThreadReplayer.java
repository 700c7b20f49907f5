package com.wabill.replay;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;
import com.wabill.engine.Direction;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;

/**
 * Replays one bucket of threads through the engine: each thread starts from the state carried into the billed
 * range (or empty), warm-up messages only rebuild state, and what is still open at the end is carried on.
 */
public final class ThreadReplayer {

    /** Thread, then the replay order of SPEC 2.1: event time, inbound before outbound, message id. */
    public static final Comparator<AcceptedMessage> BUCKET_ORDER = Comparator
            .comparing(AcceptedMessage::phoneNumberId)
            .thenComparing(AcceptedMessage::contactWaId)
            .thenComparing(AcceptedMessage::eventTime)
            .thenComparing(m -> m.direction() == Direction.INBOUND ? 0 : 1)
            .thenComparing(AcceptedMessage::messageId);

    private final Pricer pricer;
    private final ReplaySink sink;
    private final Instant carryAt;

    /**
     * @param carryAt the end of the billed range: state is carried as of this instant
     */
    public ThreadReplayer(Pricer pricer, ReplaySink sink, Instant carryAt) {
        this.pricer = pricer;
        this.sink = sink;
        this.carryAt = carryAt;
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
            ThreadState state = carried.remove(new ThreadKey(first.phoneNumberId(), first.contactWaId()));
            replayThread(sorted.subList(i, j), state == null ? ThreadState.EMPTY : state);
            i = j;
        }
        // threads with nothing new still carry what is open into the next day
        for (Map.Entry<ThreadKey, ThreadState> e : carried.entrySet()) {
            carry(e.getKey().phoneNumberId(), e.getKey().contactWaId(), e.getValue());
        }
    }

    private void replayThread(List<AcceptedMessage> messages, ThreadState state) throws Exception {
        Map<String, LedgerConversation> opened = new LinkedHashMap<>();
        for (AcceptedMessage m : messages) {
            ThreadMessage tm = m.toThreadMessage();
            Decision d = ChargingEngine.decide(state, tm);
            state = ChargingEngine.evolve(state, tm, d);
            if (m.warmup()) continue;
            for (var close : d.closedEarly()) {
                LedgerConversation mine = opened.get(close.conversationId());
                if (mine != null) {
                    opened.put(close.conversationId(), mine.closedAt(close.closedAt()));
                } else {
                    sink.closedEarlier(close.conversationId(), close.closedAt());
                }
            }
            Conversation c = d.opened();
            if (c != null) opened.put(c.conversationId(), pricer.priceConversation(c, m));
            sink.outcome(m, d, pricer.priceMessage(m, d));
        }
        for (LedgerConversation c : opened.values()) sink.conversation(c);
        AcceptedMessage first = messages.get(0);
        carry(first.phoneNumberId(), first.contactWaId(), state);
    }

    private void carry(String phoneNumberId, String contactWaId, ThreadState state) throws Exception {
        ThreadState left = state.expireAt(carryAt);
        if (!left.isEmpty()) sink.carriedState(phoneNumberId, contactWaId, left);
    }
}
