package com.wabill.rating;

import com.wabill.engine.Category;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rate cards of all currencies (SPEC 1.2): {@code <dir>/<CURRENCY>/<yyyy-MM-dd>.csv} in the
 * layout of Meta's published cards ({@code Market,Currency,Marketing,Utility,Authentication,
 * Authentication-International,Service}), with an optional {@code <yyyy-MM-dd>.tiers.csv}
 * ({@code Market,Category,From,To,Rate}) beside a card.
 *
 * <p>A card applies from the first instant of its date in the WABA's zone
 * ({@code LocalDate.atStartOfDay(zone)}, i.e. after the gap when local midnight does not exist)
 * until the next card of the currency starts. Since that first instant is the first instant whose
 * local date is the card's date, "the card in force at an instant" is the latest card dated on or
 * before the instant's local date.
 *
 * <p>File rules (each break is a {@link ReferenceDataException} naming the file and line): the
 * directory names of currencies are ISO 4217 codes; card files are named by their date; the header
 * holds {@code Market, Marketing, Utility, Authentication, Service} and, optionally,
 * {@code Authentication-International} (SPEC 2.11; a card without the column offers it nowhere), in any
 * order, case-insensitive ({@code Currency} is read past: the currency is the directory's); an amount is a
 * plain non-negative decimal ({@code 0.0080}, kept with its scale as written) or {@code n/a} (not offered);
 * a market appears once per card. A tiers file needs its card; its rows name a market of the card, a
 * category with volume tiers ({@code UTILITY, AUTHENTICATION, AUTHENTICATION_INTERNATIONAL}: never marketing
 * or service, SPEC 1.2), {@code From} ≥ 1, {@code To} empty or ≥ {@code From}, a {@code Rate} as above; the
 * ranges of one market and category do not overlap.
 * Other files are ignored when their name does not end in {@code .csv} (a README), else refused.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class RateCardBook {

    private static final Pattern CARD = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\.tiers)?\\.csv");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");
    static final List<String> CARD_COLUMNS = List.of("Market", "Marketing", "Utility", "Authentication", "Service");
    static final List<String> TIER_COLUMNS = List.of("Market", "Category", "From", "To", "Rate");
    private static final Map<Category, String> COLUMN_OF = Map.of(
            Category.MARKETING, "Marketing",
            Category.UTILITY, "Utility",
            Category.AUTHENTICATION, "Authentication",
            Category.AUTHENTICATION_INTERNATIONAL, "Authentication-International",
            Category.SERVICE, "Service");
    /** A card without this column offers authentication-international nowhere (cards before SPEC 2.11). */
    private static final String OPTIONAL_COLUMN = "Authentication-International";

    private final Path dir;
    private final Map<Currency, NavigableMap<LocalDate, RateCard>> cards;

    private RateCardBook(Path dir, Map<Currency, NavigableMap<LocalDate, RateCard>> cards) {
        this.dir = dir;
        this.cards = cards;
    }

    public static RateCardBook load(Path rateCardsDir) {
        if (!Files.isDirectory(rateCardsDir)) {
            throw new ReferenceDataException(rateCardsDir, "rate card directory not found");
        }
        Map<Currency, NavigableMap<LocalDate, RateCard>> cards = new HashMap<>();
        for (Path sub : list(rateCardsDir)) {
            String name = sub.getFileName().toString();
            if (name.startsWith(".") || !Files.isDirectory(sub)) continue;
            Currency currency = currencyOf(sub, name);
            NavigableMap<LocalDate, RateCard> byDate = new TreeMap<>();
            Map<LocalDate, Path> cardFiles = new TreeMap<>();
            Map<LocalDate, Path> tierFiles = new TreeMap<>();
            for (Path f : list(sub)) {
                String fn = f.getFileName().toString();
                if (fn.startsWith(".") || Files.isDirectory(f) || !fn.toLowerCase(Locale.ROOT).endsWith(".csv")) continue;
                Matcher m = CARD.matcher(fn);
                LocalDate date = null;
                if (m.matches()) {
                    try {
                        date = LocalDate.parse(m.group(1));
                    } catch (DateTimeParseException e) {
                        date = null;
                    }
                }
                if (date == null) {
                    throw new ReferenceDataException(f, "a rate card is named by its effective date: <yyyy-MM-dd>.csv or <yyyy-MM-dd>.tiers.csv");
                }
                (m.group(2) == null ? cardFiles : tierFiles).put(date, f);
            }
            for (Map.Entry<LocalDate, Path> t : tierFiles.entrySet()) {
                if (!cardFiles.containsKey(t.getKey())) {
                    throw new ReferenceDataException(t.getValue(), "volume tiers without a rate card " + t.getKey() + ".csv beside them");
                }
            }
            for (Map.Entry<LocalDate, Path> c : cardFiles.entrySet()) {
                byDate.put(c.getKey(), readCard(currency, c.getKey(), c.getValue(), tierFiles.get(c.getKey())));
            }
            cards.put(currency, Collections.unmodifiableNavigableMap(byDate));
        }
        return new RateCardBook(rateCardsDir, Map.copyOf(cards));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new ReferenceDataException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static Currency currencyOf(Path sub, String name) {
        try {
            if (name.length() == 3 && name.equals(name.toUpperCase(Locale.ROOT))) {
                Currency c = Currency.getInstance(name);
                if (c.getDefaultFractionDigits() >= 0) return c;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new ReferenceDataException(sub, "a rate card directory is named by an ISO 4217 currency code with a minor unit (USD, EUR, BRL...), found '" + name + "'");
    }

    private static RateCard readCard(Currency currency, LocalDate date, Path file, Path tiersFile) {
        Map<String, String> names = new HashMap<>();
        Map<String, Map<Category, BigDecimal>> amounts = new HashMap<>();
        Map<String, Long> lineOf = new HashMap<>();
        for (Csv.Row row : Csv.read(file, CARD_COLUMNS)) {
            String market = row.get("Market");
            if (market.isEmpty()) throw row.error("Market is empty");
            String key = RateCard.key(market);
            if (lineOf.containsKey(key)) {
                throw row.error("market '" + market + "' appears twice (first on line " + lineOf.get(key) + ")");
            }
            lineOf.put(key, row.line());
            Map<Category, BigDecimal> rates = new EnumMap<>(Category.class);
            for (Map.Entry<Category, String> col : COLUMN_OF.entrySet()) {
                if (col.getValue().equals(OPTIONAL_COLUMN) && !row.values().containsKey(OPTIONAL_COLUMN.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                BigDecimal a = amount(row, col.getValue(), true);
                if (a != null) rates.put(col.getKey(), a);
            }
            names.put(key, market);
            amounts.put(key, Collections.unmodifiableMap(rates));
        }
        Map<String, Map<Category, List<RateCard.Tier>>> tiers = tiersFile == null ? Map.of() : readTiers(tiersFile, names);
        return new RateCard(currency, date, file, tiersFile, names, amounts, tiers);
    }

    /** A plain non-negative decimal (scale as written), or null for n/a when allowed. */
    private static BigDecimal amount(Csv.Row row, String column, boolean naAllowed) {
        String v = row.get(column);
        if (naAllowed && v.equalsIgnoreCase("n/a")) return null;
        if (!AMOUNT.matcher(v).matches()) {
            throw row.error(column + " '" + v + "' is not an amount (a non-negative decimal such as 0.0080"
                    + (naAllowed ? ", or n/a" : "") + ")");
        }
        return new BigDecimal(v);
    }

    private static Map<String, Map<Category, List<RateCard.Tier>>> readTiers(Path file, Map<String, String> cardMarkets) {
        Map<String, Map<Category, List<RateCard.Tier>>> out = new HashMap<>();
        for (Csv.Row row : Csv.read(file, TIER_COLUMNS)) {
            String market = row.get("Market");
            String key = RateCard.key(market);
            if (!cardMarkets.containsKey(key)) throw row.error("market '" + market + "' is not on the rate card beside the tiers");
            String cat = row.get("Category");
            Category category;
            try {
                category = Category.valueOf(cat.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                category = null;
            }
            if (category == null || !COLUMN_OF.containsKey(category)) {
                throw row.error("Category '" + cat + "' is not one of UTILITY, AUTHENTICATION, AUTHENTICATION_INTERNATIONAL");
            }
            if (TierFamily.of(category) == null) {
                throw row.error("Category '" + cat + "' has no volume tiers (SPEC 1.2: only UTILITY, AUTHENTICATION and"
                        + " AUTHENTICATION_INTERNATIONAL have them, never marketing or service)");
            }
            String from = row.get("From");
            String to = row.get("To");
            if (!INTEGER.matcher(from).matches() || Long.parseLong(from) < 1) {
                throw row.error("From '" + from + "' is not a message number (1 or more)");
            }
            if (!to.isEmpty() && (!INTEGER.matcher(to).matches() || Long.parseLong(to) < Long.parseLong(from))) {
                throw row.error("To '" + to + "' is not empty or a message number at least From (" + from + ")");
            }
            BigDecimal rate = amount(row, "Rate", false);
            out.computeIfAbsent(key, k -> new EnumMap<>(Category.class))
                    .computeIfAbsent(category, k -> new ArrayList<>())
                    .add(new RateCard.Tier(Long.parseLong(from), to.isEmpty() ? null : Long.parseLong(to), rate, row.line()));
        }
        for (Map<Category, List<RateCard.Tier>> byCat : out.values()) {
            for (Map.Entry<Category, List<RateCard.Tier>> e : byCat.entrySet()) {
                List<RateCard.Tier> list = e.getValue();
                list.sort(Comparator.comparingLong(RateCard.Tier::from));
                for (int i = 1; i < list.size(); i++) {
                    RateCard.Tier prev = list.get(i - 1);
                    RateCard.Tier cur = list.get(i);
                    if (prev.to() == null || prev.to() >= cur.from()) {
                        RateCard.Tier later = prev.line() > cur.line() ? prev : cur;
                        RateCard.Tier earlier = later == prev ? cur : prev;
                        throw new ReferenceDataException(file, later.line(), "tier overlaps the tier on line " + earlier.line());
                    }
                }
                e.setValue(List.copyOf(list));
            }
        }
        return out;
    }

    /** The directory the book was read from. */
    public Path directory() {
        return dir;
    }

    /** The currencies with cards. */
    public Set<Currency> currencies() {
        Set<Currency> s = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
        s.addAll(cards.keySet());
        return Collections.unmodifiableSet(s);
    }

    /** All cards of a currency by effective date (empty map: none). */
    public NavigableMap<LocalDate, RateCard> cards(Currency currency) {
        return cards.getOrDefault(currency, Collections.emptyNavigableMap());
    }

    /** The card of {@code currency} in force on the local date {@code localDate}. */
    public Optional<RateCard> cardInForce(Currency currency, LocalDate localDate) {
        Map.Entry<LocalDate, RateCard> e = cards(currency).floorEntry(localDate);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** The card of {@code currency} in force at {@code at} in {@code zone}. */
    public Optional<RateCard> cardInForce(Currency currency, Instant at, ZoneId zone) {
        return cardInForce(currency, at.atZone(zone).toLocalDate());
    }

    /**
     * The card's amount for a market and category at an instant in the WABA's zone, with the scale
     * it is written with. {@code AUTHENTICATION} uses the {@code Authentication} column, {@code SERVICE}
     * the {@code Service} column; {@code REFERRAL_CONVERSION} has no rate (it is always free).
     *
     * @throws MissingRateException when no card is in force, the market is missing from it, or the amount is n/a
     */
    public BigDecimal rate(Currency currency, String market, Category category, Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        RateCard card = cardInForce(currency, day).orElseThrow(() -> new MissingRateException(market, category, currency, day, zone, null,
                "no " + currency.getCurrencyCode() + " rate card in force (cards in " + dir.resolve(currency.getCurrencyCode())
                        + (cards(currency).isEmpty() ? ": none" : " start on " + cards(currency).firstKey()) + ")"));
        return cardRate(card, market, category, day, zone);
    }

    private static BigDecimal cardRate(RateCard card, String market, Category category, LocalDate day, ZoneId zone) {
        if (!COLUMN_OF.containsKey(category)) {
            throw new MissingRateException(market, category, card.currency(), day, zone, card.file(),
                    "rate cards have no amount for category " + category);
        }
        if (!card.hasMarket(market)) {
            throw new MissingRateException(market, category, card.currency(), day, zone, card.file(),
                    "market '" + market + "' is missing from the card in force");
        }
        return card.amount(market, category).orElseThrow(() -> new MissingRateException(market, category, card.currency(), day, zone,
                card.file(), "the card in force gives n/a (not offered) for " + COLUMN_OF.get(category)));
    }

    /**
     * The card's amount when the card of {@code currency} in force at {@code at} offers the market and category,
     * else null (no card in force, market missing, {@code n/a}): for free items that keep the rate they would cost
     * and for decisions that depend on whether a rate is offered (SPEC 2.11). No exception on the way.
     */
    public BigDecimal rateIfOffered(Currency currency, String market, Category category, Instant at, ZoneId zone) {
        RateCard card = cardInForce(currency, at.atZone(zone).toLocalDate()).orElse(null);
        return card == null ? null : card.amount(market, category).orElse(null);
    }

    /**
     * The per-message rate of the {@code positionInMonth}-th (from 1) charged message of its market and
     * category family in the month (SPEC 1.2 volume tiers): the rate of the tier row of the card in force that
     * covers the position, else the card's amount ({@link VolumeTiers#rateAt}). The card must offer the market
     * and category (as {@link #rate}), tiers or not.
     */
    public BigDecimal tierRate(Currency currency, String market, Category category, Instant at, ZoneId zone, long positionInMonth) {
        if (positionInMonth < 1) throw new IllegalArgumentException("positions in the month count from 1, found " + positionInMonth);
        rate(currency, market, category, at, zone); // throws, naming the card, when it does not offer the market and category
        return VolumeTiers.rateAt(cardInForce(currency, at, zone).orElseThrow(), market, category, positionInMonth);
    }

    /** Whether the card in force has volume tiers for the market and category (so the caller must count positions). */
    public boolean hasTiers(Currency currency, String market, Category category, Instant at, ZoneId zone) {
        return cardInForce(currency, at, zone).map(c -> !c.tiers(market, category).isEmpty()).orElse(false);
    }
}
