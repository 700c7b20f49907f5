package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;

/**
 * What invoice lines are grouped by: pricing model, category, type, market and rate, the rate by
 * value ({@code 0.0080} and {@code 0.008} are one line; no rate is its own group).
 */
public record LineKey(PricingModel model, Category category, ConversationType type, String market, BigDecimal rate) {

    public static LineKey of(PricingModel model, Category category, ConversationType type, String market, BigDecimal rate) {
        return new LineKey(model, category, type, market, rate == null ? null : rate.stripTrailingZeros());
    }

    public static LineKey of(Charge c) {
        return of(c.model(), c.category(), c.type(), c.market(), c.rate());
    }
}
