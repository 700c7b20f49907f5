package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** Charges for tests: USD, free ones without rate. */
final class TestCharges {

    static final Currency USD = Currency.getInstance("USD");

    private TestCharges() {
    }

    /** A CBP conversation; {@code rate} null means free (amount 0). */
    static Charge conversation(String waba, String id, String at, Category category, ConversationType type, String market, String rate) {
        return new Charge(id, waba, Instant.parse(at), ChargeKind.CONVERSATION, PricingModel.CBP, category, type, market, USD,
                rate == null ? null : new BigDecimal(rate), rate == null ? BigDecimal.ZERO : new BigDecimal(rate));
    }

    /** A PMP message; {@code rate} null means free (amount 0). */
    static Charge message(String waba, String id, String at, Category category, ConversationType type, String market, String rate) {
        return new Charge(id, waba, Instant.parse(at), ChargeKind.MESSAGE, PricingModel.PMP, category, type, market, USD,
                rate == null ? null : new BigDecimal(rate), rate == null ? BigDecimal.ZERO : new BigDecimal(rate));
    }

    /** Any charged item with an amount (for payment tests): a CBP marketing conversation. */
    static Charge charged(String waba, String id, Instant at, String amount) {
        return new Charge(id, waba, at, ChargeKind.CONVERSATION, PricingModel.CBP, Category.MARKETING, ConversationType.REGULAR,
                "Germany", USD, new BigDecimal(amount), new BigDecimal(amount));
    }
}
