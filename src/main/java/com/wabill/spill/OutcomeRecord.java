package com.wabill.spill;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code message_outcomes/} (SPEC 3.2), plus what the reconciliation of conversations needs
 * (Meta's conversation id and category as the logs carry them). Encoded by {@link SpillCodec}.
 */
public record OutcomeRecord(
        String messageId,
        String wabaId,
        String phoneNumberId,
        String contactWaId,
        String businessPhoneNumber,
        Instant eventTime,
        String conversationId,
        String outcome,
        String flags,
        String pricingModel,
        String pricingCategory,
        String pricingType,
        String country,
        String market,
        String currency,
        BigDecimal rate,
        BigDecimal amount,
        String metaConversationId,
        String metaConversationCategory) {

    /** {@link SpillCodec#readOutcome}, for the readers of the outcome files. */
    public static OutcomeRecord readFrom(SpillInput in) throws IOException {
        return SpillCodec.readOutcome(in);
    }
}
