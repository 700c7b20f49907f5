package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;

/**
 * A message priced on its own under per-message pricing (SPEC 2.9, 2.10), charged or free. {@code currency} and
 * {@code portfolioId} are those of the account row in force at its event time (SPEC 1.4). A charged message of a
 * tier family may still get a tier rate ({@link VolumeTiers}); one marked
 * {@link MonthPosition#SERVICE_MESSAGE_FREE_TIER} is priced at an estimated position in its phone number's month
 * ({@link ReferencePricer#provisionalServiceCharge}) until {@link ServiceMessageFreeTier} settles it.
 * {@code inWindow} marks a charged utility template sent inside the customer service window under the rules of
 * 2026-10-01 (SPEC 2.10.6; {@code engine.Decision#inWindow}), free before: the outputs show it apart.
 */
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
        String localMonth,
        MonthPosition monthPosition,
        boolean inWindow) {

    /** A priced message that is no utility template charged inside the service window. */
    public PricedMessage(String messageId, String wabaId, String portfolioId, String phoneNumberId,
                         String contactWaId, String businessPhoneNumber, String conversationId, Outcome outcome,
                         Category pricingCategory, ConversationType pricingType, Instant eventTime, String country,
                         String market, String currency, BigDecimal rate, BigDecimal amount, LocalDate day,
                         String localMonth, MonthPosition monthPosition) {
        this(messageId, wabaId, portfolioId, phoneNumberId, contactWaId, businessPhoneNumber, conversationId, outcome,
                pricingCategory, pricingType, eventTime, country, market, currency, rate, amount, day, localMonth,
                monthPosition, false);
    }
}
