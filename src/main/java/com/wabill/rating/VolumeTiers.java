package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.wabill.engine.Category;

/**
 * SPEC 1.2 and 2.9.7 volume tiers as a streaming calculator: within a calendar month (each message in the month of
 * its own WABA's zone), the charged messages of a portfolio, market and {@link TierFamily} are numbered from 1 in
 * order of event time, then message id, then WABA id, whatever the currency each WABA is billed in; each is charged
 * at the tier rate of its own category in the card of its own currency in force at its event time, and a position
 * that no tier row of its category covers keeps the card's amount. Authentication and authentication-international
 * count together; marketing and service have no tiers, count toward none and cost the card's amount.
 *
 * <p>Feed it every charged per-message item ({@code CHARGED}, after the service free tier is settled: charged service
 * messages pass through at the card's amount) in that order, all of the month's whatever runs wrote them. It keeps
 * one count per portfolio, market, family and month, never the items. Not thread-safe.
 */
public final class VolumeTiers {

    /**
     * The price of one charged message.
     *
     * @param family   the family it counts in, or null (marketing, service)
     * @param position its number in the family's count of the month (from 1), or 0 when it counts in none
     * @param rate     the tier rate, or the card's amount; null when the card does not offer the market and category
     */
    public record Charge(TierFamily family, long position, BigDecimal rate) {
        /** A charged message is charged its rate. */
        public BigDecimal amount() {
            return rate;
        }

        /**
         * The card in force does not offer the market and category: the caller raises the error
         * ({@link RateCardBook#rate} names market, category, currency, date and card).
         */
        public boolean rateMissing() {
            return rate == null;
        }
    }

    private record Key(String portfolioId, String market, TierFamily family, YearMonth month) {
    }

    private final Map<Key, MonthOrder> counts = new HashMap<>();

    /**
     * The next charged message.
     *
     * @param portfolioId its WABA's portfolio (SPEC 1.4; the WABA itself by default)
     * @param wabaId      its WABA (the last tie-breaker of the order)
     * @param messageId   its id
     * @param eventTime   its event time
     * @param zone        its WABA's time zone (its month follows it)
     * @param market      its market
     * @param category    its pricing category (AUTHENTICATION_INTERNATIONAL when SPEC 2.11 made it so)
     * @param card        the card of its currency in force at its event time, or null when none is
     * @throws IllegalArgumentException when it comes out of order within its count
     */
    public Charge next(String portfolioId, String wabaId, String messageId, Instant eventTime, ZoneId zone,
                       String market, Category category, RateCard card) {
        TierFamily family = TierFamily.of(category);
        if (family == null) return new Charge(null, 0, cardAmount(card, market, category));
        Key key = new Key(portfolioId, RateCard.key(market), family, YearMonth.from(eventTime.atZone(zone)));
        long position = counts.computeIfAbsent(key, k -> new MonthOrder()).next(eventTime, messageId, wabaId,
                family + " messages of portfolio " + portfolioId + " in " + market + " in " + key.month());
        return new Charge(family, position, rateAt(card, market, category, position));
    }

    /**
     * The rate of the {@code position}-th (from 1) message of its family's count: the rate of the tier row of its own
     * category that covers the position, else the card's amount; null when there is no card or the card does not
     * offer the market and category ({@code n/a} stays missing even with tiers). The one copy of the rule.
     */
    public static BigDecimal rateAt(RateCard card, String market, Category category, long position) {
        Objects.requireNonNull(category, "category");
        if (position < 1) throw new IllegalArgumentException("positions in the month count from 1, found " + position);
        BigDecimal amount = cardAmount(card, market, category);
        if (amount == null) return null;
        return card.tierRate(market, category, position).orElse(amount);
    }

    private static BigDecimal cardAmount(RateCard card, String market, Category category) {
        return card == null ? null : card.amount(market, category).orElse(null);
    }
}
