package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.PricingModel;

/**
 * A conversation as the ledger stores it: what the engine opened, priced, with the WABA that pays for it.
 * {@code category} is the pricing category: {@code AUTHENTICATION_INTERNATIONAL} for an authentication
 * conversation under SPEC 2.11 (the engine's conversation stays {@code AUTHENTICATION}).
 * {@code monthPosition} is {@link MonthPosition#SERVICE_CONVERSATION_FREE_TIER} for a service conversation whose
 * type and amount its position in the month settles ({@link ServiceConversationFreeTier}); type and amount are then
 * provisional ({@code REGULAR} at the Service rate, or 0 when the card offers none).
 */
public record PricedConversation(
        String conversationId,
        String wabaId,
        String phoneNumberId,
        String contactWaId,
        String businessPhoneNumber,
        Category category,
        ConversationType type,
        Instant openedAt,
        Instant scheduledEnd,
        Instant closedAt,
        String openingMessageId,
        String country,
        String market,
        String currency,
        BigDecimal rate,
        BigDecimal amount,
        PricingModel model,
        LocalDate day,
        String localMonth,
        MonthPosition monthPosition) {

    public PricedConversation closedAt(Instant at) {
        return new PricedConversation(conversationId, wabaId, phoneNumberId, contactWaId, businessPhoneNumber, category,
                type, openedAt, scheduledEnd, at, openingMessageId, country, market, currency, rate, amount, model, day,
                localMonth, monthPosition);
    }
}
