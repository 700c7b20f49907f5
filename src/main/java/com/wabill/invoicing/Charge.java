package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One priced item of the ledger, free ones included.
 *
 * <p>What invoices and payments do with it:
 * <ul>
 *   <li>{@code CONVERSATION} + {@code CBP}: a conversation; counted, on a line, its amount charged;</li>
 *   <li>{@code MESSAGE} + {@code PMP}: a PMP-priced message (charged or free); counted, on a line,
 *       its amount charged;</li>
 *   <li>{@code CONVERSATION} + {@code PMP}: a free entry point window under per-message pricing; the
 *       messages in it carry the pricing, so it is neither counted nor on a line. Must be free.</li>
 *   <li>{@code MESSAGE} + {@code CBP}: a message priced through its CBP conversation (before the
 *       switch, or into a CBP conversation still open after it); the conversation carries the
 *       charge, so it is neither counted nor on a line. Must be free.</li>
 * </ul>
 *
 * @param id       conversation id or message id
 * @param wabaId   the WABA billed
 * @param at       opening time (conversation) or event time (message)
 * @param kind     conversation or message
 * @param model    pricing model it was priced under
 * @param category pricing category
 * @param type     pricing type
 * @param market   the market of the contact's country on the local date ({@code Other} when none)
 * @param currency the WABA's currency
 * @param rate     the rate it was priced at; may be null for a free one
 * @param amount   what it costs, 0 when free; never negative; keeps the rate's scale
 */
public record Charge(String id, String wabaId, Instant at, ChargeKind kind, PricingModel model, Category category,
                     ConversationType type, String market, Currency currency, BigDecimal rate, BigDecimal amount) {

    public Charge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) throw new IllegalArgumentException("charge " + id + ": negative amount " + amount);
        if (rate != null && rate.signum() < 0) throw new IllegalArgumentException("charge " + id + ": negative rate " + rate);
        if (amount.signum() > 0 && rate == null) throw new IllegalArgumentException("charge " + id + ": an amount above zero needs its rate");
        if (amount.signum() > 0 && !countsOnInvoice(kind, model)) {
            throw new IllegalArgumentException("charge " + id + ": a " + model + " " + kind.name().toLowerCase()
                    + " is never charged (" + (model == PricingModel.CBP ? "CBP charges sit on conversations" : "PMP charges sit on messages") + ")");
        }
    }

    /** Whether an item of this kind and model is counted and put on invoice lines. */
    public static boolean countsOnInvoice(ChargeKind kind, PricingModel model) {
        return (kind == ChargeKind.CONVERSATION && model == PricingModel.CBP)
                || (kind == ChargeKind.MESSAGE && model == PricingModel.PMP);
    }

    /** Whether this charge is counted and put on invoice lines. */
    public boolean countsOnInvoice() {
        return countsOnInvoice(kind, model);
    }

    /** Amount above zero. */
    public boolean billable() {
        return amount.signum() > 0;
    }
}
