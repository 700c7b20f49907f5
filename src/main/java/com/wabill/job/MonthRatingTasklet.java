package com.wabill.job;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.LedgerDays;
import com.wabill.ledger.MonthRatingStore;
import com.wabill.ledger.MovedMessages;
import com.wabill.rating.Account;
import com.wabill.rating.MissingRateException;
import com.wabill.rating.ReferenceData;
import com.wabill.rating.ServiceConversationFreeTier;
import com.wabill.rating.ServiceMessageFreeTier;

/**
 * Settles the prices that depend on a position in the month, across every thread and every run that wrote the
 * month (SPEC 2.6 free tier, 2.10.5 free service messages per phone number, 1.2/2.9 volume tiers with the
 * authentication family): the ledger is numbered in time order, so a nightly run on the 20th knows what the month
 * already used. The calculators of {@code rating} decide; this only feeds them the ledger's rows and writes back.
 */
public class MonthRatingTasklet implements Tasklet {

    /** Service conversations of local months from this one on are free for everyone: no free tier to count. */
    private static final YearMonth FREE_TIER_END = YearMonth.from(PricingRegime.CBP_2024_11.startsOn());

    private final AdvisoryLocks locks;
    private final LedgerDays ledgerDays;
    private final EarlyCloses earlyCloses;
    private final MonthRatingStore store;
    private final ReferenceData reference;
    private final MovedMessages movedMessages;

    public MonthRatingTasklet(AdvisoryLocks locks, LedgerDays ledgerDays, EarlyCloses earlyCloses,
            MonthRatingStore store, ReferenceData reference, MovedMessages movedMessages) {
        this.movedMessages = movedMessages;
        this.locks = locks;
        this.ledgerDays = ledgerDays;
        this.earlyCloses = earlyCloses;
        this.store = store;
        this.reference = reference;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // runs of different days may overlap; month-level work is done by one run at a time
        locks.holdMonthWork();
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();
        Set<WabaMonth> months = run.monthsBefore();
        months.addAll(ledgerDays.monthsFed(plan.from(), plan.to()));
        // months that messages moved into these days left (a delivery receipt after the month's end)
        months.addAll(movedMessages.monthsLeft(plan.from(), plan.to()));
        run.touchedMonths(months);

        // early closes that later days made to these days' conversations (see PrepareLedgerTasklet)
        earlyCloses.close(run.laterCloses());

        Set<LocalDate> changedDays = new TreeSet<>();
        Set<LocalDate> repricedMessageDays = new TreeSet<>();
        long jobInstanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance()
                .getInstanceId();
        // what an earlier attempt of this run recorded for its publish is rated again here
        store.forgetRepricing(jobInstanceId);
        Rated rated = new Rated(plan, jobInstanceId);
        settleFreeTier(months, changedDays);
        // service messages first: a charged one beyond its phone number's free tier is then a charged message
        settleServiceMessages(months, rated, repricedMessageDays);
        settleVolumeTiers(months, rated, repricedMessageDays);
        // the summary counts the run's service messages as month rating settled them, not as the replay guessed
        rated.outcomeChanges.forEach(chunkContext.getStepContext().getStepExecution().getExecutionContext()::putLong);
        changedDays.addAll(repricedMessageDays);
        run.ratedDays(changedDays);
        // the days whose priced messages no longer have the replay's price: publish takes theirs from the ledger
        run.repricedMessageDays(repricedMessageDays);
        return RepeatStatus.FINISHED;
    }

    private void settleFreeTier(Set<WabaMonth> months, Set<LocalDate> changedDays) throws Exception {
        store.serviceConversations(months, FREE_TIER_END, (c, repricing) -> {
            long n = c.numberInMonth();
            ZoneId zone = reference.accounts().zone(c.wabaId());
            ServiceConversationFreeTier.Charge charge = ServiceConversationFreeTier.at(
                    PricingRegime.at(c.openedAt(), zone), n, c.rate());
            if (charge.rateMissing()) {
                throw new MissingRateException(c.market(), Category.SERVICE, Currency.getInstance(c.currency()),
                        LocalDate.ofInstant(c.openedAt(), zone), zone, null,
                        "service conversation " + c.conversationId() + " is number " + n
                                + " of its month, past the free tier, and the card has no service rate");
            }
            ConversationType type = charge.type();
            BigDecimal amount = charge.amount();
            if (type != c.type() || amount.compareTo(c.amount()) != 0) {
                repricing.conversation(c.conversationId(), type, amount);
                changedDays.add(c.day());
            }
        });
    }

    /**
     * SPEC 2.10.5: the service messages of each business phone number's month, numbered across its threads and every
     * run that wrote the month; {@link ServiceMessageFreeTier} says which are free and which are charged.
     */
    private void settleServiceMessages(Set<WabaMonth> months, Rated rated, Set<LocalDate> changedDays)
            throws Exception {
        store.serviceMessages(months, PricingRegime.maxServiceFreeTier(), rated.jobInstanceId, (m, repricing) -> {
            ZoneId zone = reference.accounts().zone(m.wabaId());
            PricingRegime regime = PricingRegime.at(m.eventTime(), zone);
            ServiceMessageFreeTier.Charge charge = ServiceMessageFreeTier.at(regime, m.numberInMonth(), null);
            if (charge.charged()) {
                // the Service rate is looked up only for the messages beyond the free tier
                Currency currency = Currency.getInstance(m.currency());
                BigDecimal rate = reference.rateCards().rateIfOffered(currency, m.market(), Category.SERVICE,
                        m.eventTime(), zone);
                charge = ServiceMessageFreeTier.at(regime, m.numberInMonth(), rate);
                if (charge.rateMissing()) {
                    // throws, naming market, category, currency, date and card
                    reference.rateCards().rate(currency, m.market(), Category.SERVICE, m.eventTime(), zone);
                    throw new IllegalStateException("the card offers no Service rate but rate() found one");
                }
            }
            if (charge.outcome() != m.outcome() || charge.type() != m.type() || !sameValue(charge.rate(), m.rate())
                    || charge.amount().compareTo(m.amount()) != 0) {
                repricing.serviceMessage(m, rated.bucketOf(m.phoneNumberId(), m.contactWaId()), charge.outcome(),
                        charge.type(), charge.rate(), charge.amount());
                changedDays.add(m.day());
                rated.outcomeChanged(m.day(), m.outcome(), m.type(), charge.outcome(), charge.type());
            }
        });
    }

    /** The run whose months are rated: where its changes go for publish, and how they change its counters. */
    private static final class Rated {
        final RunPlan plan;
        final long jobInstanceId;
        final Map<String, Long> outcomeChanges = new TreeMap<>();

        Rated(RunPlan plan, long jobInstanceId) {
            this.plan = plan;
            this.jobInstanceId = jobInstanceId;
        }

        /** The replay bucket of a thread: publish applies a change to that bucket's outcomes. */
        int bucketOf(String phoneNumberId, String contactWaId) {
            return AcceptedMessage.threadBucket(phoneNumberId, contactWaId, plan.buckets());
        }

        /** A message of the run's days changed outcome: its counters move with it (other days' are not counted). */
        void outcomeChanged(LocalDate day, Outcome from, ConversationType fromType, Outcome to, ConversationType toType) {
            if (day.isBefore(plan.from()) || day.isAfter(plan.to())) return;
            if (from != to) {
                outcomeChanges.merge(RunCounters.outcome(from), -1L, Long::sum);
                outcomeChanges.merge(RunCounters.outcome(to), 1L, Long::sum);
            }
            if (fromType != toType) {
                outcomeChanges.merge(RunCounters.priced(Category.SERVICE, fromType), -1L, Long::sum);
                outcomeChanges.merge(RunCounters.priced(Category.SERVICE, toType), 1L, Long::sum);
            }
        }
    }

    private static boolean sameValue(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0 && a.scale() == b.scale();
    }

    private void settleVolumeTiers(Set<WabaMonth> months, Rated rated, Set<LocalDate> changedDays) throws Exception {
        // tiers count across a portfolio: every WABA of a touched WABA's portfolio is renumbered; a WABA's rows may
        // name different portfolios over time, and before its rows (or without) it is its own
        Set<String> portfolioMonths = new LinkedHashSet<>();
        for (WabaMonth wm : months) {
            portfolioMonths.add(wm.wabaId() + "|" + wm.period());
            for (Account row : reference.accounts().rows(wm.wabaId())) {
                portfolioMonths.add(row.portfolioId() + "|" + wm.period());
            }
        }
        store.chargedMessages(portfolioMonths, rated.jobInstanceId, (m, repricing) -> {
            ZoneId zone = reference.accounts().zone(m.wabaId());
            BigDecimal rate = reference.rateCards().tierRate(Currency.getInstance(m.currency()), m.market(),
                    m.category(), m.eventTime(), zone, m.numberInMonth());
            BigDecimal oldRate = m.rate();
            if (oldRate == null || rate.compareTo(oldRate) != 0 || rate.compareTo(m.amount()) != 0) {
                repricing.message(m, rated.bucketOf(m.phoneNumberId(), m.contactWaId()), rate);
                changedDays.add(m.day());
            }
        });
    }
}
