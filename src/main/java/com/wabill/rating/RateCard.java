package com.wabill.rating;

import com.wabill.engine.Category;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rate card: {@code rate-cards/<CURRENCY>/<effective-from>.csv} and its optional volume tiers
 * {@code <effective-from>.tiers.csv}. Immutable. Market names match case-insensitively.
 */
public final class RateCard {

    /** One row of a tiers file: messages {@code from}..{@code to} (to = null: no upper bound) at {@code rate}. */
    public record Tier(long from, Long to, BigDecimal rate, long line) {
        boolean covers(long position) {
            return position >= from && (to == null || position <= to);
        }
    }

    private final Currency currency;
    private final LocalDate effectiveFrom;
    private final Path file;
    private final Path tiersFile;
    /** lower-cased market → its name as written. */
    private final Map<String, String> names;
    /** lower-cased market → category → amount; a category absent from the inner map is n/a. */
    private final Map<String, Map<Category, BigDecimal>> amounts;
    /** lower-cased market → category → tiers sorted by from. */
    private final Map<String, Map<Category, List<Tier>>> tiers;

    RateCard(Currency currency, LocalDate effectiveFrom, Path file, Path tiersFile, Map<String, String> names,
             Map<String, Map<Category, BigDecimal>> amounts, Map<String, Map<Category, List<Tier>>> tiers) {
        this.currency = currency;
        this.effectiveFrom = effectiveFrom;
        this.file = file;
        this.tiersFile = tiersFile;
        this.names = Map.copyOf(names);
        this.amounts = Map.copyOf(amounts);
        this.tiers = Map.copyOf(tiers);
    }

    static String key(String market) {
        return market == null ? "" : market.trim().toLowerCase(Locale.ROOT);
    }

    public Currency currency() {
        return currency;
    }

    /** The local date the card starts on (in each WABA's own zone). */
    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    /** The first instant of {@link #effectiveFrom()} in {@code zone} (after the gap when midnight falls in one). */
    public Instant startsAt(ZoneId zone) {
        return effectiveFrom.atStartOfDay(zone).toInstant();
    }

    public Path file() {
        return file;
    }

    /** The tiers file beside the card, or null. */
    public Path tiersFile() {
        return tiersFile;
    }

    /** The markets of the card, as written, sorted. */
    public Set<String> markets() {
        return Collections.unmodifiableSet(new TreeSet<>(names.values()));
    }

    public boolean hasMarket(String market) {
        return names.containsKey(key(market));
    }

    /** The card's amount for the market and category; empty when the market is missing or the amount is n/a. */
    public Optional<BigDecimal> amount(String market, Category category) {
        Map<Category, BigDecimal> row = amounts.get(key(market));
        return row == null ? Optional.empty() : Optional.ofNullable(row.get(category));
    }

    /** The tiers of the market and category (empty list: none). */
    public List<Tier> tiers(String market, Category category) {
        Map<Category, List<Tier>> byCategory = tiers.get(key(market));
        if (byCategory == null) return List.of();
        return byCategory.getOrDefault(category, List.of());
    }

    /** The tier rate for the position (from 1) in the month, when a tier row covers it. */
    public Optional<BigDecimal> tierRate(String market, Category category, long position) {
        for (Tier t : tiers(market, category)) {
            if (t.covers(position)) return Optional.of(t.rate());
            if (t.from() > position) break;
        }
        return Optional.empty();
    }

    static Map<Category, BigDecimal> row() {
        return new EnumMap<>(Category.class);
    }

    @Override
    public String toString() {
        return "RateCard[" + currency.getCurrencyCode() + " from " + effectiveFrom + ", " + file + "]";
    }
}
