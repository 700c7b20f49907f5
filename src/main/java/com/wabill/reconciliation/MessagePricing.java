package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivered message priced on its own under per-message pricing, with the pricing Meta's status webhook gave it
 * (input of {@link MessagePricingReconciler}).
 *
 * @param messageId             the message
 * @param wabaId                its WABA
 * @param phoneNumber           the business phone number: {@code business_phone_number} when the logs give it,
 *                              otherwise the {@code phone_number_id}; the row shows its digits
 * @param at                    its event time
 * @param category              the replay's pricing category
 * @param type                  the replay's pricing type
 * @param amount                what the replay charged (rate precision)
 * @param currency              ISO 4217 code of that amount
 * @param metaPricingCategory   {@code meta_pricing_category} as logged (any case), or null
 * @param metaPricingType       {@code meta_pricing_type} as logged, or null
 */
public record MessagePricing(
        String messageId,
        String wabaId,
        String phoneNumber,
        Instant at,
        Category category,
        ConversationType type,
        BigDecimal amount,
        String currency,
        String metaPricingCategory,
        String metaPricingType) {

    public MessagePricing {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        if (amount == null) amount = BigDecimal.ZERO;
    }
}
