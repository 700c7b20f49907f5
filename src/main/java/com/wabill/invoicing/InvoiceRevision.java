package com.wabill.invoicing;

import com.wabill.rating.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which revision a newly computed invoice becomes (SPEC 3.2: a CLOSED invoice is never overwritten;
 * a change makes revision n + 1 and the report shows the difference).
 *
 * <ul>
 *   <li>no invoice issued yet: {@link Action#NEW}, revision 1;</li>
 *   <li>same content as the latest issued (counts, totals and lines by value; revision and status
 *       aside) and the same status: {@link Action#UNCHANGED}, the latest stays as it is (revision n);</li>
 *   <li>latest issued is {@code OPEN}, anything changed (content or status):
 *       {@link Action#OVERWRITE} with revision n (an open month is a draft);</li>
 *   <li>latest issued is {@code CLOSED} and the content changed: {@link Action#REVISE}, revision
 *       n + 1, status {@code CLOSED}.</li>
 * </ul>
 * A CLOSED month stays closed: a computed OPEN invoice (say, a re-run of a few days in the middle of
 * an already closed month, where the caller passed the run's own last day) does not reopen it; with
 * the same content it is {@code UNCHANGED}, otherwise a {@code CLOSED} revision n + 1.
 */
public final class InvoiceRevision {

    /** The revision of a month's first invoice. */
    public static final int FIRST = 1;

    public enum Action {
        /** No invoice for the month yet: write revision 1. */
        NEW,
        /** Same as the latest issued: write nothing. */
        UNCHANGED,
        /** The latest issued is OPEN: replace it, same revision. */
        OVERWRITE,
        /** The latest issued is CLOSED and changed: write revision n + 1 beside it. */
        REVISE
    }

    /**
     * @param action     what to do
     * @param invoice    the invoice of the month after the decision (for UNCHANGED: the latest issued)
     * @param difference from the latest issued to {@code invoice} (from revision 0 for NEW; empty for UNCHANGED)
     */
    public record Decision(Action action, Invoice invoice, InvoiceDifference difference) {
        /** Whether the caller writes {@link #invoice()}. */
        public boolean write() {
            return action != Action.UNCHANGED;
        }
    }

    private InvoiceRevision() {
    }

    /**
     * @param latestIssued the latest revision issued for the month, or null
     * @param computed     the invoice just computed (its revision is ignored)
     */
    public static Decision decide(Invoice latestIssued, Invoice computed) {
        Objects.requireNonNull(computed);
        if (latestIssued == null) {
            Invoice first = computed.with(FIRST, computed.status());
            return new Decision(Action.NEW, first, difference(null, first));
        }
        if (!latestIssued.wabaId().equals(computed.wabaId()) || !latestIssued.period().equals(computed.period())) {
            throw new IllegalArgumentException("invoices of different months: " + latestIssued.wabaId() + " " + latestIssued.period()
                    + " and " + computed.wabaId() + " " + computed.period());
        }
        int n = latestIssued.revision();
        boolean same = sameContent(latestIssued, computed);
        if (latestIssued.status() == InvoiceStatus.CLOSED) {
            if (same) return new Decision(Action.UNCHANGED, latestIssued, difference(latestIssued, latestIssued));
            Invoice next = computed.with(n + 1, InvoiceStatus.CLOSED);
            return new Decision(Action.REVISE, next, difference(latestIssued, next));
        }
        if (same && computed.status() == latestIssued.status()) {
            return new Decision(Action.UNCHANGED, latestIssued, difference(latestIssued, latestIssued));
        }
        Invoice replaced = computed.with(n, computed.status());
        return new Decision(Action.OVERWRITE, replaced, difference(latestIssued, replaced));
    }

    /** Same WABA, month, currency, counts, totals (by value) and lines (by value); revision and status aside. */
    public static boolean sameContent(Invoice a, Invoice b) {
        if (!a.wabaId().equals(b.wabaId()) || !a.period().equals(b.period()) || !a.currency().equals(b.currency())) return false;
        if (a.conversations() != b.conversations() || a.messages() != b.messages() || a.billable() != b.billable()) return false;
        if (!Money.sameValue(a.amount(), b.amount()) || !Money.sameValue(a.unroundedAmount(), b.unroundedAmount())) return false;
        if (a.lines().size() != b.lines().size()) return false;
        Map<LineKey, InvoiceLine> byKey = new LinkedHashMap<>();
        a.lines().forEach(l -> byKey.put(l.key(), l));
        for (InvoiceLine l : b.lines()) {
            InvoiceLine o = byKey.get(l.key());
            if (o == null || !o.sameValue(l)) return false;
        }
        return true;
    }

    /**
     * The per-line changes from {@code old} (null: none yet) to {@code neu}, in {@link InvoiceLine#ORDER}
     * of the line keys; lines equal by value are left out.
     */
    public static InvoiceDifference difference(Invoice old, Invoice neu) {
        Objects.requireNonNull(neu);
        Map<LineKey, InvoiceLine[]> pairs = new TreeMap<>(LINE_KEY_ORDER);
        if (old != null) old.lines().forEach(l -> pairs.computeIfAbsent(l.key(), k -> new InvoiceLine[2])[0] = l);
        neu.lines().forEach(l -> pairs.computeIfAbsent(l.key(), k -> new InvoiceLine[2])[1] = l);
        List<LineDelta> deltas = new ArrayList<>();
        for (InvoiceLine[] p : pairs.values()) {
            InvoiceLine o = p[0];
            InvoiceLine n = p[1];
            if (o != null && n != null && o.sameValue(n)) continue;
            InvoiceLine any = n != null ? n : o;
            deltas.add(new LineDelta(any.model(), any.category(), any.type(), any.market(), any.currency(), any.rate(),
                    o == null ? 0 : o.quantity(), n == null ? 0 : n.quantity(),
                    o == null ? BigDecimal.ZERO : o.amount(), n == null ? BigDecimal.ZERO : n.amount()));
        }
        BigDecimal oldAmount = old == null ? BigDecimal.ZERO : old.amount();
        BigDecimal oldUnrounded = old == null ? BigDecimal.ZERO : old.unroundedAmount();
        return new InvoiceDifference(neu.wabaId(), neu.period(), old == null ? 0 : old.revision(), neu.revision(),
                neu.conversations() - (old == null ? 0 : old.conversations()),
                neu.messages() - (old == null ? 0 : old.messages()),
                neu.billable() - (old == null ? 0 : old.billable()),
                neu.amount().subtract(oldAmount), neu.unroundedAmount().subtract(oldUnrounded), deltas);
    }

    private static final Comparator<LineKey> LINE_KEY_ORDER = Comparator
            .comparing(LineKey::model)
            .thenComparing(LineKey::category)
            .thenComparing(LineKey::type)
            .thenComparing(LineKey::market)
            .thenComparing(LineKey::rate, Comparator.nullsFirst(Comparator.naturalOrder()));
}
