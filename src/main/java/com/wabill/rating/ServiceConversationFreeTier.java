package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;

/**
 * SPEC 2.6, the service free tier of conversation-based pricing, as a streaming calculator: the first
 * {@link PricingRegime#serviceFreeTier()} (1,000) service conversations of each WABA in each calendar month of its
 * zone are {@code FREE_TIER} and free; the rest are {@code REGULAR}, charged at the card's Service rate. Under a
 * regime whose service conversations are free for everyone (from 2024-11-01) a service conversation is
 * {@code REGULAR}, free, and not counted.
 *
 * <p>Feed it the service conversations opened under CBP ({@code MonthPosition.SERVICE_CONVERSATION_FREE_TIER}) in
 * order of opening time, then opening message id: all of a month's, whatever runs wrote them, across every thread of
 * the WABA (several WABAs and months may be interleaved; each WABA and local month is counted on its own). It keeps
 * one count per WABA and month, never the items. Not thread-safe: one instance per pass over the month.
 */
public final class ServiceConversationFreeTier {

    /**
     * What a service conversation is, once its month is known.
     *
     * @param type     {@code FREE_TIER} within the free tier, else {@code REGULAR}
     * @param charged  charged at the Service rate (beyond the free tier)
     * @param position its number among the WABA's service conversations of the local month (from 1); 0 when its
     *                 regime counts none
     * @param rate     the Service rate given (a free conversation keeps it, as the ledger records it), or null
     * @param amount   the rate when charged, 0 when free; null when charged without a rate
     */
    public record Charge(ConversationType type, boolean charged, long position, BigDecimal rate, BigDecimal amount) {
        /**
         * A charged conversation whose card offers no Service rate: the caller raises the error
         * ({@link RateCardBook#rate} names market, category, currency, date and card).
         */
        public boolean rateMissing() {
            return charged && rate == null;
        }
    }

    private record Key(String wabaId, YearMonth month) {
    }

    private final Map<Key, MonthOrder> counts = new HashMap<>();

    /**
     * The next service conversation.
     *
     * @param wabaId           the WABA it is billed to
     * @param openedAt         its opening time
     * @param openingMessageId the message that opened it
     * @param zone             the WABA's time zone (its month and regime follow it)
     * @param serviceRate      the Service rate of the card in force at its opening, for its market and currency, or
     *                         null when the card does not offer one
     * @throws IllegalArgumentException when it comes out of order, under no regime, or under per-message pricing
     */
    public Charge next(String wabaId, Instant openedAt, String openingMessageId, ZoneId zone, BigDecimal serviceRate) {
        PricingRegime regime = regimeOf(openedAt, zone, openingMessageId);
        if (!regime.serviceCharged()) return at(regime, 0, serviceRate);
        Key key = new Key(wabaId, YearMonth.from(openedAt.atZone(zone)));
        long position = counts.computeIfAbsent(key, k -> new MonthOrder())
                .next(openedAt, openingMessageId, null, "service conversations of WABA " + wabaId + " in " + key.month());
        return at(regime, position, serviceRate);
    }

    /**
     * SPEC 2.6 for a service conversation at a known position of its WABA's month (from 1; 0 or any value when its
     * regime counts none): the one copy of the rule, which {@link #next} applies.
     */
    public static Charge at(PricingRegime regime, long position, BigDecimal serviceRate) {
        Objects.requireNonNull(regime, "regime");
        if (regime.model() != PricingModel.CBP) {
            throw new IllegalArgumentException("no service conversations under " + regime);
        }
        if (!regime.serviceCharged()) return new Charge(ConversationType.REGULAR, false, 0, serviceRate, BigDecimal.ZERO);
        if (position < 1) throw new IllegalArgumentException("positions in the month count from 1, found " + position);
        if (position <= regime.serviceFreeTier()) {
            return new Charge(ConversationType.FREE_TIER, false, position, serviceRate, BigDecimal.ZERO);
        }
        return new Charge(ConversationType.REGULAR, true, position, serviceRate, serviceRate);
    }

    static PricingRegime regimeOf(Instant at, ZoneId zone, String id) {
        PricingRegime regime = PricingRegime.at(at, zone);
        if (regime == null) throw new IllegalArgumentException(id + " at " + at + " is before any pricing model (" + zone + ")");
        return regime;
    }
}
