package com.wabill.spill;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code message_outcomes/} (SPEC 3.2), plus what the reconciliation of conversations needs
 * (Meta's conversation id and category as the logs carry them).
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

    public void writeTo(SpillOutput out) throws IOException {
        out.writeString(messageId);
        out.writeString(wabaId);
        out.writeString(phoneNumberId);
        out.writeString(contactWaId);
        out.writeString(businessPhoneNumber);
        out.writeInstant(eventTime);
        out.writeString(conversationId);
        out.writeString(outcome);
        out.writeString(flags);
        out.writeString(pricingModel);
        out.writeString(pricingCategory);
        out.writeString(pricingType);
        out.writeString(country);
        out.writeString(market);
        out.writeString(currency);
        out.writeString(rate == null ? null : rate.toPlainString());
        out.writeString(amount == null ? null : amount.toPlainString());
        out.writeString(metaConversationId);
        out.writeString(metaConversationCategory);
    }

    public static OutcomeRecord readFrom(SpillInput in) throws IOException {
        return new OutcomeRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                decimal(in.readString()), decimal(in.readString()), in.readString(), in.readString());
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
