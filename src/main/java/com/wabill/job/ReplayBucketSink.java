package com.wabill.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.Decision;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ledger.LedgerLoad;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.rating.ReferencePricer;
import com.wabill.replay.ReplaySink;
import com.wabill.spill.OutcomeRecord;
import com.wabill.spill.OutcomeSpill;

/**
 * Where one replay bucket's results go: the ledger rows to the {@link LedgerLoad} (loaded in the step's transaction),
 * the message outcomes to spill files per UTC day (turned into Parquet when the run publishes), and the bucket's
 * counters ({@link RunCounters}) to the step's context.
 */
final class ReplayBucketSink implements ReplaySink {

    private final LedgerLoad ledger;
    private final OutcomeSpill outcomes;
    private final Map<String, Long> counters = new TreeMap<>();

    ReplayBucketSink(LedgerLoad ledger, OutcomeSpill outcomes) {
        this.ledger = ledger;
        this.outcomes = outcomes;
    }

    @Override
    public void outcome(AcceptedMessage m, Decision d, PricedMessage p) throws Exception {
        count(RunCounters.outcome(d.outcome()));
        outcomes.add(ReferencePricer.utcDay(m.eventTime()), new OutcomeRecord(m.messageId(), m.wabaId(),
                m.phoneNumberId(), m.contactWaId(), m.businessPhoneNumber(), m.eventTime(), d.conversationId(),
                d.outcome().name(), d.flagsText(), d.pricingModel().name(),
                p == null ? null : p.pricingCategory().name(), p == null ? null : p.pricingType().name(),
                p == null ? null : p.country(), p == null ? null : p.market(), p == null ? null : p.currency(),
                p == null ? null : p.rate(), p == null ? BigDecimal.ZERO : p.amount(),
                m.metaConversationId(), m.metaConversationCategory()));
        if (p != null) count(RunCounters.priced(p.pricingCategory(), p.pricingType()));
        ledger.outcome(m, d, p);
    }

    @Override
    public void conversation(PricedConversation c) {
        count(RunCounters.conversations(c.category(), c.type()));
        ledger.conversation(c);
    }

    @Override
    public void closedEarlier(String conversationId, Instant closedAt) {
        count(RunCounters.CLOSED_EARLIER);
        ledger.closedEarlier(conversationId, closedAt);
    }

    @Override
    public void carriedState(java.time.LocalDate day, String phoneNumberId, String contactWaId, ThreadState state) {
        ledger.carriedState(day, phoneNumberId, contactWaId, state);
    }

    private void count(String key) {
        counters.merge(key, 1L, Long::sum);
    }

    /** Closes the outcome files, then loads the ledger rows (in the caller's transaction). */
    void finish() throws Exception {
        outcomes.close();
        ledger.load();
    }

    /** The bucket's counters by their keys, carried threads and state digest included. */
    Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters);
        all.put(RunCounters.CARRY_THREADS, ledger.carriedThreads());
        all.put(RunCounters.CARRY_DIGEST, ledger.stateDigest());
        all.put(RunCounters.CARRY_EVERY_DAY, 1L);
        all.put(RunCounters.MOVED, (long) ledger.moves().size());
        ledger.carried().forEach((day, c) -> {
            all.put(RunCounters.carryThreads(day), c.threads());
            all.put(RunCounters.carryDigest(day), c.digest());
        });
        return all;
    }
}
