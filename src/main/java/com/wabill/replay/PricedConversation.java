package com.wabill.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

/** A conversation as the ledger stores it: what the engine opened, priced, with the WABA that pays for it. */
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
        String localMonth) {

    public PricedConversation closedAt(Instant at) {
        return new PricedConversation(conversationId, wabaId, phoneNumberId, contactWaId, businessPhoneNumber, category,
                type, openedAt, scheduledEnd, at, openingMessageId, country, market, currency, rate, amount, model, day,
                localMonth);
    }
}
