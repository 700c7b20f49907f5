package com.wabill.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;

/** A message priced on its own under per-message pricing (SPEC 2.9), charged or free. */
public record PricedMessage(
        String messageId,
        String wabaId,
        String portfolioId,
        String phoneNumberId,
        String contactWaId,
        String businessPhoneNumber,
        String conversationId,
        Outcome outcome,
        Category pricingCategory,
        ConversationType pricingType,
        Instant eventTime,
        String country,
        String market,
        String currency,
        BigDecimal rate,
        BigDecimal amount,
        LocalDate day,
        String localMonth) {
}
