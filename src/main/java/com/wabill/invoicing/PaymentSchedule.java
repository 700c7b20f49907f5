package com.wabill.invoicing;

import com.wabill.rating.Account;
import com.wabill.rating.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The payments of one WABA and one local month (SPEC 3.3), streaming over the month's charges.
 *
 * <p>Charges arrive in time order, then id ({@link #accept} refuses anything else). After each
 * charge, when the running total less what has been paid reaches the threshold, a {@code THRESHOLD}
 * payment is made at that charge's instant, of the running total rounded half-up to the minor unit
 * less what has been paid. One charge makes at most one payment, however many thresholds it
 * crosses (the payment covers them all). When the month is {@code CLOSED}, {@link #finish} adds a
 * {@code MONTH_END} payment of the invoice total less what has been paid, at the first instant of
 * the next local month, if above zero. Without threshold, only {@code MONTH_END}.
 *
 * <p>Why the payments of a closed month add up exactly to the invoice total: after each payment,
 * what has been paid equals the running total of that moment rounded (the payments telescope:
 * round(R1) + (round(R2) − round(R1)) + … = round(Rk)). Amounts are never negative, so
 * Rk ≤ R(final), and half-up rounding is monotonic, so paid = round(Rk) ≤ round(R(final)) = invoice
 * total: the month-end remainder is never negative, and adds the rest. A {@code THRESHOLD} payment is
 * never zero either: the threshold is at least one minor unit (accounts.csv refuses a threshold finer
 * than the minor unit), so R − paid ≥ threshold ≥ unit and paid is a whole number of units, hence
 * round(R) ≥ paid + unit. Should a threshold below one minor unit still reach this class, a payment
 * that rounds to zero is simply not made (the running total carries on to the next charge).
 *
 * <p>{@link #finish} checks that the invoice is of the same charges (same exact total) and refuses
 * it otherwise. Not thread-safe.
 */
public final class PaymentSchedule {

    private final String wabaId;
    private final YearMonth period;
    private final ZoneId zone;
    private final Currency currency;
    private final BigDecimal threshold;
    private final Instant start;
    private final Instant end;

    private BigDecimal running = BigDecimal.ZERO;
    private BigDecimal paid = BigDecimal.ZERO;
    private final List<Payment> payments = new ArrayList<>();
    private Instant lastAt;
    private String lastId;
    private boolean finished;

    /** @param threshold positive payment threshold, or null for none */
    public PaymentSchedule(String wabaId, YearMonth period, ZoneId zone, Currency currency, BigDecimal threshold) {
        this.wabaId = Objects.requireNonNull(wabaId);
        this.period = Objects.requireNonNull(period);
        this.zone = Objects.requireNonNull(zone);
        this.currency = Objects.requireNonNull(currency);
        Money.minorUnitDigits(currency);
        if (threshold != null && threshold.signum() <= 0) throw new IllegalArgumentException("payment threshold must be positive: " + threshold);
        this.threshold = threshold;
        this.start = InvoiceStatus.startOf(period, zone);
        this.end = InvoiceStatus.endOf(period, zone);
    }

    public PaymentSchedule(Account account, YearMonth period) {
        this(account.wabaId(), period, account.zone(), account.currency(), account.paymentThreshold());
    }

    /**
     * Adds one charge to the running total; returns the {@code THRESHOLD} payment it triggers, if any.
     *
     * @throws IllegalArgumentException for a charge of another WABA, currency or month, or out of (time, id) order
     */
    public Optional<Payment> accept(Charge c) {
        return accept(c, threshold);
    }

    /**
     * {@link #accept(Charge)} with the threshold of the account row in force at the charge's instant (SPEC 3.3: a
     * WABA's rows may change its threshold within the month; the running total stays one per month and currency).
     *
     * @param thresholdNow positive threshold in this schedule's currency, or null for none at that instant
     */
    public Optional<Payment> accept(Charge c, BigDecimal thresholdNow) {
        if (thresholdNow != null && thresholdNow.signum() <= 0) {
            throw new IllegalArgumentException("payment threshold must be positive: " + thresholdNow);
        }
        if (finished) throw new IllegalStateException("the month's payments are finished");
        InvoiceBuilder.check(c, wabaId, currency, period, start, end);
        if (lastAt != null) {
            int cmp = c.at().compareTo(lastAt);
            if (cmp < 0 || (cmp == 0 && c.id().compareTo(lastId) < 0)) {
                throw new IllegalArgumentException("charges must arrive in time order, then id: " + c.id() + " at " + c.at()
                        + " came after " + lastId + " at " + lastAt);
            }
        }
        lastAt = c.at();
        lastId = c.id();
        if (!c.countsOnInvoice()) return Optional.empty();   // always free (see Charge)
        running = running.add(c.amount());
        if (thresholdNow == null || running.subtract(paid).compareTo(thresholdNow) < 0) return Optional.empty();
        BigDecimal due = Money.roundTotal(running, currency).subtract(paid);
        if (due.signum() <= 0) return Optional.empty();
        Payment p = new Payment(wabaId, period, c.at(), due, PaymentReason.THRESHOLD);
        payments.add(p);
        paid = paid.add(due);
        return Optional.of(p);
    }

    /**
     * Ends the month: for a {@code CLOSED} invoice adds the {@code MONTH_END} payment (if above zero);
     * for an {@code OPEN} one adds nothing. Returns all the month's payments in time order.
     *
     * @throws IllegalArgumentException when the invoice is of another WABA or month, or of other charges (another exact total)
     */
    public List<Payment> finish(Invoice invoice) {
        if (finished) throw new IllegalStateException("the month's payments are finished");
        if (!invoice.wabaId().equals(wabaId) || !invoice.period().equals(period) || !invoice.currency().equals(currency)) {
            throw new IllegalArgumentException("invoice of " + invoice.wabaId() + " " + invoice.period() + " " + invoice.currency()
                    + " does not belong to the payments of " + wabaId + " " + period + " " + currency);
        }
        if (invoice.unroundedAmount().compareTo(running) != 0) {
            throw new IllegalArgumentException("invoice " + wabaId + " " + period + " totals " + invoice.unroundedAmount()
                    + " but its charges total " + running + ": not built from the same charges");
        }
        finished = true;
        if (invoice.status() == InvoiceStatus.CLOSED) {
            BigDecimal rest = invoice.amount().subtract(paid);
            if (rest.signum() < 0) {   // cannot happen: see the class comment
                throw new IllegalStateException("paid " + paid + " exceeds the invoice total " + invoice.amount());
            }
            if (rest.signum() > 0) {
                payments.add(new Payment(wabaId, period, end, rest, PaymentReason.MONTH_END));
                paid = paid.add(rest);
            }
        }
        return payments();
    }

    /** The payments so far, in time order. */
    public List<Payment> payments() {
        return Collections.unmodifiableList(new ArrayList<>(payments));
    }

    /** The exact running total of the month so far. */
    public BigDecimal runningTotal() {
        return running;
    }

    /** What has been paid so far. */
    public BigDecimal paid() {
        return paid;
    }

    /** The instant of the {@code MONTH_END} payment: the first instant of the next local month. */
    public Instant monthEnd() {
        return end;
    }
}
