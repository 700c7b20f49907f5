package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the replay produced that Meta counts in its analytics: a CBP conversation (free ones included; PMP free
 * entry point windows are not passed) or a PMP-priced message (free ones included).
 *
 * @param kind                CONVERSATION (CBP) or MESSAGE (PMP)
 * @param id                  conversation id or message id
 * @param wabaId              the WABA billed
 * @param businessPhoneNumber the business phone number as the logs give it ({@code business_phone_number}), or null
 *                            when the logs lack it; compared by its digits
 * @param country             the contact's country (ISO 3166-1 alpha-2)
 * @param category            conversation category (CBP) or pricing category (PMP)
 * @param type                conversation type (CBP) or pricing type (PMP)
 * @param at                  opening time (conversation) or event time (message)
 * @param amount              the replay's amount (rate precision, not rounded)
 * @param currency            ISO 4217 code of the WABA's currency
 */
public record ReplayItem(
        Kind kind,
        String id,
        String wabaId,
        String businessPhoneNumber,
        String country,
        Category category,
        ConversationType type,
        Instant at,
        BigDecimal amount,
        String currency) {

    public enum Kind {
        /** A conversation, under conversation-based pricing. */
        CONVERSATION(PricingModel.CBP),
        /** A message, under per-message pricing. */
        MESSAGE(PricingModel.PMP);

        public final PricingModel model;

        Kind(PricingModel model) {
            this.model = model;
        }

        public static Kind of(PricingModel model) {
            return model == PricingModel.CBP ? CONVERSATION : MESSAGE;
        }
    }

    public ReplayItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(at, "at");
        if (amount == null) amount = BigDecimal.ZERO;
    }

    public PricingModel model() {
        return kind.model;
    }
}
