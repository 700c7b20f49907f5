package com.wabill.reconciliation;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Our side of a reconciliation: what the billing ledger holds of the months compared, by WABA. Implemented over the
 * ledger's database ({@code ledger.ReconciliationReads}); large reads are streamed to a consumer.
 */
public interface BillingRecords {

    /**
     * Every replay item of the given months (the ledger's local months): CBP conversations, free ones included, PMP
     * free entry point windows excluded; PMP-priced messages.
     *
     * @return how many were given to {@code sink}
     */
    long items(Map<String, ? extends Collection<YearMonth>> months, Consumer<ReplayItem> sink);

    /**
     * The delivered (or refused) outbound messages with Meta's conversation id whose event time lies in the given
     * months (in each WABA's time zone), with the replay's conversation and its category and type (or, for a PMP
     * message priced on its own, its pricing category and type).
     *
     * @return how many were given to {@code sink}
     */
    long links(Map<String, ? extends Collection<YearMonth>> months, Function<String, ZoneId> zones,
            Consumer<ConversationLink> sink);

    /**
     * The PMP messages priced on their own whose event time lies in the given months (the ledger's local months),
     * with Meta's per-message pricing as logged (only those that have it).
     *
     * @return how many were given to {@code sink}
     */
    long pricedMessages(Map<String, ? extends Collection<YearMonth>> months, Consumer<MessagePricing> sink);

    /** Our latest invoice revision of each of the given months that has one, per currency. */
    List<InvoiceTotal> latestInvoices(Map<String, ? extends Collection<YearMonth>> months);
}
