package com.wabill.invoicing;

import com.wabill.rating.Account;
import com.wabill.rating.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the invoice of one WABA and one local calendar month from its charges, streaming: each
 * charge is folded into its line as it arrives, so memory holds one accumulator per line, never the
 * month's charges. The result does not depend on the order the charges arrive in.
 *
 * <p>Each accepted charge must be of this WABA, in this currency, and fall in the month (its instant
 * in the WABA's zone); otherwise {@link IllegalArgumentException}. Conversations under CBP and
 * messages under PMP are counted and put on lines; PMP free entry point windows and messages priced
 * through a CBP conversation are read past (see {@link Charge}). Not thread-safe.
 */
public final class InvoiceBuilder {

    private final String wabaId;
    private final YearMonth period;
    private final ZoneId zone;
    private final Currency currency;
    private final Instant start;
    private final Instant end;

    private final Map<LineKey, Acc> lines = new HashMap<>();
    private long conversations;
    private long messages;
    private long billable;
    private BigDecimal total = BigDecimal.ZERO;

    private static final class Acc {
        BigDecimal rate;       // the rate with the largest scale seen (all equal by value)
        long quantity;
        BigDecimal amount = BigDecimal.ZERO;
    }

    public InvoiceBuilder(String wabaId, YearMonth period, ZoneId zone, Currency currency) {
        this.wabaId = Objects.requireNonNull(wabaId);
        this.period = Objects.requireNonNull(period);
        this.zone = Objects.requireNonNull(zone);
        this.currency = Objects.requireNonNull(currency);
        Money.minorUnitDigits(currency);
        this.start = InvoiceStatus.startOf(period, zone);
        this.end = InvoiceStatus.endOf(period, zone);
    }

    public InvoiceBuilder(Account account, YearMonth period) {
        this(account.wabaId(), period, account.zone(), account.currency());
    }

    /** Folds one charge in. */
    public void accept(Charge c) {
        check(c, wabaId, currency, period, start, end);
        if (!c.countsOnInvoice()) return;
        if (c.kind() == ChargeKind.CONVERSATION) conversations++;
        else messages++;
        if (c.billable()) billable++;
        Acc acc = lines.computeIfAbsent(LineKey.of(c), k -> new Acc());
        acc.quantity++;
        acc.amount = acc.amount.add(c.amount());
        if (c.rate() != null && (acc.rate == null || c.rate().scale() > acc.rate.scale())) acc.rate = c.rate();
        total = total.add(c.amount());
    }

    static void check(Charge c, String wabaId, Currency currency, YearMonth period, Instant start, Instant end) {
        if (!c.wabaId().equals(wabaId)) {
            throw new IllegalArgumentException("charge " + c.id() + " is of WABA " + c.wabaId() + ", not " + wabaId);
        }
        if (!c.currency().equals(currency)) {
            throw new IllegalArgumentException("charge " + c.id() + " is in " + c.currency() + ", the WABA bills in " + currency);
        }
        if (c.at().isBefore(start) || !c.at().isBefore(end)) {
            throw new IllegalArgumentException("charge " + c.id() + " at " + c.at() + " is not in " + period + " of WABA " + wabaId);
        }
    }

    /** Nothing counted yet (a month with nothing in it has no invoice). */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The exact total so far. */
    public BigDecimal unroundedTotal() {
        return total;
    }

    /** The invoice of what has been accepted; the builder can go on accepting afterwards. */
    public Invoice build(InvoiceStatus status, int revision) {
        List<InvoiceLine> out = new ArrayList<>(lines.size());
        lines.forEach((k, a) -> out.add(new InvoiceLine(k.model(), k.category(), k.type(), k.market(), currency,
                a.rate, a.quantity, a.amount)));
        out.sort(InvoiceLine.ORDER);
        return new Invoice(wabaId, period, revision, currency, conversations, messages, billable,
                Money.roundTotal(total, currency), total, status, out);
    }

    public String wabaId() {
        return wabaId;
    }

    public YearMonth period() {
        return period;
    }

    public ZoneId zone() {
        return zone;
    }

    public Currency currency() {
        return currency;
    }
}
