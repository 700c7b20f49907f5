package com.wabill.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.engine.MonthPosition;

/** Ledger rows for the tests, as the replay hands them to {@link LedgerLoad}. */
final class LedgerRows {

    private LedgerRows() {
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** A CBP conversation of 24 h opened at {@code openedAt}, priced at {@code amount} (null: free, no rate). */
    static PricedConversation conversation(String id, String waba, Category category, ConversationType type,
            String openedAt, String amount, String localMonth) {
        return conversation(PricingModel.CBP, id, waba, category, type, openedAt, amount, localMonth);
    }

    /** A conversation (or, under PMP, a free entry point window) of 24 h opened under {@code model}. */
    static PricedConversation conversation(PricingModel model, String id, String waba, Category category,
            ConversationType type, String openedAt, String amount, String localMonth) {
        Instant opened = at(openedAt);
        BigDecimal a = amount == null ? BigDecimal.ZERO : new BigDecimal(amount);
        return new PricedConversation(id, waba, "pn-1", "5511" + id.hashCode(), "+1 555 0100", category, type, opened,
                opened.plusSeconds(86_400), opened.plusSeconds(86_400), "open-" + id, "BR", "Brazil", "BRL",
                amount == null ? null : a, a, model, LocalDate.ofInstant(opened, ZoneOffset.UTC), localMonth,
                MonthPosition.NONE);
    }

    /** A PMP-priced message of portfolio {@code pf-<waba>}, at {@code eventTime}. */
    static PricedMessage pricedMessage(String id, String waba, Outcome outcome, Category category, String eventTime,
            String rate, String localMonth) {
        Instant t = at(eventTime);
        BigDecimal r = rate == null ? null : new BigDecimal(rate);
        return new PricedMessage(id, waba, "pf-" + waba, "pn-1", "5511", "+1 555 0100", null, outcome, category,
                ConversationType.REGULAR, t, "BR", "Brazil", "BRL", r, r == null ? BigDecimal.ZERO : r,
                LocalDate.ofInstant(t, ZoneOffset.UTC), localMonth, MonthPosition.NONE);
    }

    /** An outbound message as the replay saw it, with Meta's conversation id (null: none). */
    static AcceptedMessage outbound(String id, String waba, String eventTime, String metaConversationId) {
        Instant t = at(eventTime);
        return new AcceptedMessage(id, waba, "pn-1", "+1 555 0100", "5511", Direction.OUTBOUND, t, t, t,
                DeliveryStatus.DELIVERED, true, Category.MARKETING, false, metaConversationId, "marketing", true,
                "CBP", null, null, PricingRegime.CBP_2024_11, false);
    }

    static Decision decision(Outcome outcome, String conversationId, PricingModel model) {
        return new Decision(outcome, List.of(), conversationId, null, List.of(), model, null, null, false,
                MonthPosition.NONE);
    }
}
