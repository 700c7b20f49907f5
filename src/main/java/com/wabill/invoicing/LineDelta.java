package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * How one invoice line changed between two revisions; a line that is new has old quantity 0 and
 * old amount 0, a line that went away has new quantity 0 and new amount 0.
 */
public record LineDelta(PricingModel model, Category category, ConversationType type, String market, Currency currency,
                        BigDecimal rate, long oldQuantity, long newQuantity, BigDecimal oldAmount, BigDecimal newAmount) {

    public long quantityDelta() {
        return newQuantity - oldQuantity;
    }

    public BigDecimal amountDelta() {
        return newAmount.subtract(oldAmount);
    }
}
