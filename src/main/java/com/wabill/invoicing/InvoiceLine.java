package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;

/**
 * One line of an invoice: the conversations (CBP) or messages (PMP) of one pricing model, category,
 * type, market and rate (free ones included). The amount is the exact sum of their amounts, not
 * rounded. Rates are grouped by value; a line shows the rate with the largest scale its items had.
 */
public record InvoiceLine(PricingModel model, Category category, ConversationType type, String market,
                          Currency currency, BigDecimal rate, long quantity, BigDecimal amount) {

    /** Deterministic order: model, category, type (enum order), market (text), rate (value; none first). */
    public static final Comparator<InvoiceLine> ORDER = Comparator
            .comparing(InvoiceLine::model)
            .thenComparing(InvoiceLine::category)
            .thenComparing(InvoiceLine::type)
            .thenComparing(InvoiceLine::market)
            .thenComparing(InvoiceLine::rate, Comparator.nullsFirst(Comparator.naturalOrder()));

    public InvoiceLine {
        Objects.requireNonNull(model);
        Objects.requireNonNull(category);
        Objects.requireNonNull(type);
        Objects.requireNonNull(market);
        Objects.requireNonNull(currency);
        Objects.requireNonNull(amount);
        if (quantity < 0) throw new IllegalArgumentException("negative quantity");
    }

    /** The grouping key of this line (rate by value). */
    public LineKey key() {
        return LineKey.of(model, category, type, market, rate);
    }

    /** Same key, quantity and amount (by value). */
    public boolean sameValue(InvoiceLine o) {
        return key().equals(o.key()) && currency.equals(o.currency) && quantity == o.quantity && amount.compareTo(o.amount) == 0;
    }
}
