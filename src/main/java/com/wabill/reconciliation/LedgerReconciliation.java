package com.wabill.reconciliation;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One reconciliation of our {@link BillingRecords} against Meta's export (SPEC 4), within a
 * {@link ReconciliationScope}: the aggregates (Meta's data points in scope against the replay's items of the months
 * in scope), the conversations (the months' conversation links), the messages (each PMP-priced message of the
 * months against Meta's per-message pricing) and the invoices (our latest revision of each complete month and
 * currency in scope against Meta's {@code invoices.csv}).
 */
public final class LedgerReconciliation {

    /** Which comparison found a row (the {@code comparison} column of the {@code discrepancy} table). */
    public enum Comparison {
        AGGREGATE, CONVERSATION, MESSAGE, INVOICE
    }

    /** A row and the comparison that found it. */
    public record Row(Comparison comparison, Discrepancy discrepancy) {
    }

    /**
     * @param rows             every row, in {@link Discrepancy#CANONICAL_ORDER}
     * @param buckets          Meta's data points read
     * @param bucketsCompared  of them, in scope
     * @param itemsRead        the replay's items of the months in scope
     * @param itemsCompared    of them, inside Meta's exported period and not inside a left-out data point
     * @param links            conversation links compared
     * @param messagesCompared PMP-priced messages compared with Meta's per-message pricing
     * @param invoicesCompared our invoices of complete months in scope
     * @param exportStart      earliest start of Meta's data points (null when none)
     * @param exportEnd        latest end
     */
    public record Result(List<Row> rows, long buckets, long bucketsCompared, long itemsRead, long itemsCompared,
            long links, long messagesCompared, long invoicesCompared, Instant exportStart, Instant exportEnd) {

        /** A result without a per-message comparison. */
        public Result(List<Row> rows, long buckets, long bucketsCompared, long itemsRead, long itemsCompared,
                long links, long invoicesCompared, Instant exportStart, Instant exportEnd) {
            this(rows, buckets, bucketsCompared, itemsRead, itemsCompared, links, 0, invoicesCompared, exportStart,
                    exportEnd);
        }

        public List<Discrepancy> discrepancies() {
            return rows.stream().map(Row::discrepancy).toList();
        }
    }

    private LedgerReconciliation() {
    }

    public static Result reconcile(BillingRecords ledger, MetaBillingExport export, ReconciliationScope scope,
            Tolerance tolerance) {
        List<Row> rows = new ArrayList<>();

        List<MetaBucket> kept = scope.select(export.buckets());
        AggregateReconciler aggregates = new AggregateReconciler(kept, scope::zone, tolerance);
        long[] read = {0};
        ledger.items(scope.months(), item -> {
            read[0]++;
            if (scope.compares(item)) aggregates.accept(item);
        });
        for (Discrepancy d : aggregates.finish()) rows.add(new Row(Comparison.AGGREGATE, d));

        ConversationReconciler conversations = new ConversationReconciler();
        long links = ledger.links(scope.months(), scope::zone, conversations);
        for (Discrepancy d : conversations.finish()) rows.add(new Row(Comparison.CONVERSATION, d));

        MessagePricingReconciler messages = new MessagePricingReconciler(scope::zone);
        ledger.pricedMessages(scope.months(), messages);
        for (Discrepancy d : messages.finish()) rows.add(new Row(Comparison.MESSAGE, d));

        Map<String, Set<YearMonth>> complete = new TreeMap<>();
        scope.months().forEach((w, ms) -> ms.forEach(m -> {
            if (scope.monthComplete(w, m)) complete.computeIfAbsent(w, x -> new TreeSet<>()).add(m);
        }));
        List<InvoiceTotal> ours = ledger.latestInvoices(complete);
        for (Discrepancy d : new InvoiceReconciler(scope::zone, tolerance).reconcile(ours, export.invoiceLines(),
                scope::monthComplete)) {
            rows.add(new Row(Comparison.INVOICE, d));
        }

        rows.sort((a, b) -> Discrepancy.CANONICAL_ORDER.compare(a.discrepancy(), b.discrepancy()));
        Instant start = null;
        Instant end = null;
        for (MetaBucket b : export.buckets()) {
            if (start == null || b.start().isBefore(start)) start = b.start();
            if (end == null || b.end().isAfter(end)) end = b.end();
        }
        return new Result(List.copyOf(rows), export.buckets().size(), kept.size(), read[0],
                aggregates.compared(), links, messages.compared(), ours.size(), start, end);
    }
}
