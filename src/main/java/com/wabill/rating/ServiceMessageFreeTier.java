package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;

/**
 * SPEC 2.10.5, the free service messages of per-message pricing, as a streaming calculator: the first
 * {@link PricingRegime#serviceFreeTier()} (1,000) delivered service messages of each business phone number in each
 * calendar month of its WABA's zone are {@code FREE_CUSTOMER_SERVICE} (category SERVICE, type
 * {@code FREE_CUSTOMER_SERVICE}), free; from the next one on they are {@code CHARGED} (type {@code REGULAR}) at the
 * card's Service rate ({@code n/a} is a missing rate; a rate of 0 charges 0). Under a regime whose service messages
 * are free for everyone (2.9.5) a service message is free and not counted.
 *
 * <p>Feed it the messages the engine marked {@code MonthPosition.SERVICE_MESSAGE_FREE_TIER} in order of event time,
 * then message id: all of the month's, whatever runs wrote them, across every thread of the phone number (phone
 * numbers and months may be interleaved; each is counted on its own). Free entry point messages are never marked and
 * so never use the free tier. It keeps one count per phone number and month, never the items. Not thread-safe.
 */
public final class ServiceMessageFreeTier {

    /**
     * What a service message is, once its month is known.
     *
     * @param outcome  {@code FREE_CUSTOMER_SERVICE} within the free tier, else {@code CHARGED}
     * @param type     {@code FREE_CUSTOMER_SERVICE} or {@code REGULAR} (the category stays {@code SERVICE})
     * @param position its number among the phone number's service messages of the local month (from 1); 0 when its
     *                 regime counts none
     * @param rate     the Service rate when charged (null when the card offers none); null when free, as for any free
     *                 per-message item
     * @param amount   the rate when charged, 0 when free; null when charged without a rate
     */
    public record Charge(Outcome outcome, ConversationType type, long position, BigDecimal rate, BigDecimal amount) {
        public boolean charged() {
            return outcome == Outcome.CHARGED;
        }

        /**
         * A charged service message whose card offers no Service rate: the caller raises the error
         * ({@link RateCardBook#rate} names market, category, currency, date and card).
         */
        public boolean rateMissing() {
            return charged() && rate == null;
        }
    }

    private record Key(String phoneNumberId, YearMonth month) {
    }

    private final Map<Key, MonthOrder> counts = new HashMap<>();

    /**
     * The next delivered service message.
     *
     * @param phoneNumberId the business phone number it was sent from
     * @param eventTime     its event time (SPEC 2.1)
     * @param messageId     its id
     * @param zone          its WABA's time zone (its month and regime follow it)
     * @param serviceRate   the Service rate of the card in force at its event time for its market and currency, or
     *                      null when the card does not offer one
     * @throws IllegalArgumentException when it comes out of order, under no regime, or under conversation-based pricing
     */
    public Charge next(String phoneNumberId, Instant eventTime, String messageId, ZoneId zone, BigDecimal serviceRate) {
        PricingRegime regime = ServiceConversationFreeTier.regimeOf(eventTime, zone, messageId);
        if (!regime.serviceCharged() || regime.model() != PricingModel.PMP) return at(regime, 0, serviceRate);
        Key key = new Key(phoneNumberId, YearMonth.from(eventTime.atZone(zone)));
        long position = counts.computeIfAbsent(key, k -> new MonthOrder())
                .next(eventTime, messageId, null, "service messages of phone number " + phoneNumberId + " in " + key.month());
        return at(regime, position, serviceRate);
    }

    /**
     * The replay's guess at a service message's position in its phone number's month, before month rating knows it:
     * threads are spread evenly over the replay buckets by their hash, so the message {@code rankInBucket}-th of its
     * phone number's month in a bucket of {@code buckets} is about {@code rankInBucket * buckets}-th overall. Only
     * how much month rating rewrites depends on it (it settles every message whose true position is within the free
     * tier, and every one priced free), never the prices.
     */
    public static long estimatedPosition(long rankInBucket, int buckets) {
        if (rankInBucket < 1 || buckets < 1) {
            throw new IllegalArgumentException("rank " + rankInBucket + " in one of " + buckets + " buckets");
        }
        return Math.multiplyExact(rankInBucket, (long) buckets);
    }

    /**
     * SPEC 2.10.5 for a service message at a known position of its phone number's month (from 1; any value when its
     * regime counts none): the one copy of the rule, which {@link #next} applies.
     */
    public static Charge at(PricingRegime regime, long position, BigDecimal serviceRate) {
        Objects.requireNonNull(regime, "regime");
        if (regime.model() != PricingModel.PMP) {
            throw new IllegalArgumentException("no per-message service messages under " + regime);
        }
        if (!regime.serviceCharged()) {
            return new Charge(Outcome.FREE_CUSTOMER_SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, 0, null, BigDecimal.ZERO);
        }
        if (position < 1) throw new IllegalArgumentException("positions in the month count from 1, found " + position);
        if (position <= regime.serviceFreeTier()) {
            return new Charge(Outcome.FREE_CUSTOMER_SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, position, null,
                    BigDecimal.ZERO);
        }
        return new Charge(Outcome.CHARGED, ConversationType.REGULAR, position, serviceRate, serviceRate);
    }
}
