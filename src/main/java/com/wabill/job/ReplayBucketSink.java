package com.wabill.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.Decision;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ledger.LedgerLoad;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.rating.ReferencePricer;
import com.wabill.rating.ServiceMessageFreeTier;
import com.wabill.replay.ReplaySink;
import com.wabill.spill.OutcomeRecord;
import com.wabill.spill.OutcomeSpill;

/**
 * Where one replay bucket's results go: the ledger rows to the {@link LedgerLoad} (loaded in the step's transaction),
 * the message outcomes to spill files per UTC day (turned into Parquet when the run publishes), and the bucket's
 * counters ({@link RunCounters}) to the step's context.
 *
 * <p>The service messages of SPEC 2.10.5 wait for the end of the bucket: their price depends on their position among
 * their phone number's service messages of the month, across every bucket, which only month rating knows. Here each
 * gets the price of its estimated position ({@link ServiceMessageFreeTier#estimatedPosition}, from its rank in the
 * bucket), so that month rating rewrites only the few around the free tier's end, not every one beyond it.
 */
final class ReplayBucketSink implements ReplaySink {

    private final LedgerLoad ledger;
    private final OutcomeSpill outcomes;
    private final ReferencePricer pricer;
    private final int buckets;
    private final Map<String, Long> counters = new TreeMap<>();
    /** The bucket's service messages of 2.10.5, priced at the end (bounded by the bucket, as the ledger rows are). */
    private final List<Pending> serviceMessages = new ArrayList<>();

    private record Pending(AcceptedMessage message, Decision decision, PricedMessage priced) {
    }

    /** In replay order of a service message's phone number's month: event time, then message id (SPEC 2.10.5). */
    private static final Comparator<Pending> MONTH_ORDER = Comparator
            .comparing((Pending p) -> p.priced().phoneNumberId())
            .thenComparing(p -> p.priced().localMonth())
            .thenComparing(p -> p.priced().eventTime())
            .thenComparing(p -> p.priced().messageId());

    ReplayBucketSink(LedgerLoad ledger, OutcomeSpill outcomes, ReferencePricer pricer, int buckets) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.pricer = pricer;
        this.buckets = buckets;
    }

    @Override
    public void outcome(AcceptedMessage m, Decision d, PricedMessage p) throws Exception {
        if (p != null && p.monthPosition() == MonthPosition.SERVICE_MESSAGE_FREE_TIER
                && p.outcome() == Outcome.FREE_CUSTOMER_SERVICE) {
            serviceMessages.add(new Pending(m, d, p));
            return;
        }
        write(m, d, p);
    }

    /** Prices the bucket's service messages at their estimated positions, then writes them. */
    private void settleServiceMessages() throws Exception {
        serviceMessages.sort(MONTH_ORDER);
        long rank = 0;
        PricedMessage previous = null;
        for (Pending s : serviceMessages) {
            PricedMessage p = s.priced();
            boolean sameMonth = previous != null && previous.phoneNumberId().equals(p.phoneNumberId())
                    && previous.localMonth().equals(p.localMonth());
            rank = sameMonth ? rank + 1 : 1;
            previous = p;
            write(s.message(), s.decision(),
                    pricer.provisionalServiceCharge(p, ServiceMessageFreeTier.estimatedPosition(rank, buckets)));
        }
        serviceMessages.clear();
    }

    private void write(AcceptedMessage m, Decision d, PricedMessage p) throws Exception {
        // a priced message's outcome may differ from the decision's: a service message priced beyond the free tier
        Outcome outcome = p == null ? d.outcome() : p.outcome();
        count(RunCounters.outcome(outcome));
        outcomes.add(ReferencePricer.utcDay(m.eventTime()), new OutcomeRecord(m.messageId(), m.wabaId(),
                m.phoneNumberId(), m.contactWaId(), m.businessPhoneNumber(), m.eventTime(), d.conversationId(),
                outcome.name(), d.flagsText(), d.pricingModel().name(),
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
        settleServiceMessages();
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
