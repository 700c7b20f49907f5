package com.wabill.rating;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * The accounts of accounts.csv (SPEC 1.4): {@code waba_id,name,timezone,currency,payment_threshold,portfolio_id,
 * primary_country,auth_international_from,effective_from}; only {@code waba_id}, {@code timezone} and
 * {@code currency} are required in the header.
 *
 * <p>A WABA may have several rows with different {@code effective_from} dates (empty: always): for an instant, the
 * row in force is the latest whose {@code effective_from} is on or before the instant's date in the WABA's zone
 * ({@link #accountAt}); before the WABA's earliest row it is billed as a WABA without a row, in its rows' zone
 * ({@link Account#beforeFirstRow}), and the directory remembers it for the run's warnings.
 *
 * <p>Rules of the file (each break is a {@link ReferenceDataException} naming the file and the line, and the other
 * line when two rows disagree): {@code waba_id}, {@code timezone} and {@code currency} are required;
 * {@code timezone} is a time-zone id that {@link ZoneId#of} knows (IANA region ids such as
 * {@code America/Sao_Paulo}, and {@code UTC}), the same in every row of a WABA; {@code currency} an ISO 4217 code
 * with a minor unit (case-insensitive); {@code payment_threshold} empty or a plain positive decimal that the
 * currency can pay (no finer than its minor unit: {@code 25.00} and {@code 25} are fine in USD, {@code 25.001} is
 * not); {@code primary_country} empty or a known ISO 3166-1 alpha-2 code (case-insensitive);
 * {@code auth_international_from} and {@code effective_from} empty or {@code yyyy-MM-dd}; no two rows of a WABA
 * with the same {@code effective_from}.
 *
 * <p>A WABA that the file does not list gets {@link Account#unknown}; the directory remembers it so that the run's
 * summary can warn ({@link #unknownWabas()}). Safe for concurrent use.
 */
public final class AccountDirectory {

    static final List<String> COLUMNS = List.of("waba_id", "name", "timezone", "currency", "payment_threshold",
            "portfolio_id", "primary_country", "auth_international_from", "effective_from");
    static final List<String> REQUIRED = List.of("waba_id", "timezone", "currency");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    /** ISO 3166-1 alpha-2 codes, and the regions of libphonenumber (XK) that contacts' countries come from. */
    private static final Set<String> COUNTRIES = countries();

    /** The rows of one WABA, by effective date, with the instants they start at in its zone. */
    private static final class WabaRows {
        final ZoneId zone;
        final Account[] rows;
        final Instant[] starts;
        /** Some row has an effective_from: the WABA's billing depends on the instant. */
        final boolean dated;
        final Account beforeFirstRow;

        WabaRows(List<Account> byDate) {
            this.rows = byDate.toArray(new Account[0]);
            this.zone = rows[0].zone();
            this.starts = new Instant[rows.length];
            boolean anyDate = false;
            for (int i = 0; i < rows.length; i++) {
                LocalDate from = rows[i].effectiveFrom();
                starts[i] = from == null ? Instant.MIN : from.atStartOfDay(zone).toInstant();
                anyDate |= from != null;
            }
            this.dated = anyDate;
            this.beforeFirstRow = rows[0].effectiveFrom() == null ? null : Account.beforeFirstRow(rows[0].wabaId(), zone);
        }

        /** The row in force at {@code at}, or null before the earliest. */
        Account at(Instant at) {
            for (int i = rows.length - 1; i >= 0; i--) {
                if (!at.isBefore(starts[i])) return rows[i];
            }
            return null;
        }
    }

    private final Map<String, WabaRows> byWaba;
    private final List<Account> inFileOrder;
    private final NavigableSet<String> unknown = new ConcurrentSkipListSet<>();
    private final NavigableSet<String> beforeFirstRow = new ConcurrentSkipListSet<>();

    private AccountDirectory(Map<String, List<Account>> rows, List<Account> inFileOrder) {
        Map<String, WabaRows> m = new LinkedHashMap<>();
        rows.forEach((waba, list) -> {
            List<Account> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(a -> a.effectiveFrom() == null ? LocalDate.MIN : a.effectiveFrom()));
            m.put(waba, new WabaRows(sorted));
        });
        this.byWaba = Collections.unmodifiableMap(m);
        this.inFileOrder = List.copyOf(inFileOrder);
    }

    /**
     * Directory of the given (known) accounts; for tests and callers that build accounts themselves. A WABA may be
     * given several times with different effective dates, in one zone.
     */
    public static AccountDirectory of(Collection<Account> accounts) {
        Map<String, List<Account>> map = new LinkedHashMap<>();
        for (Account a : accounts) {
            List<Account> rows = map.computeIfAbsent(a.wabaId(), k -> new ArrayList<>());
            for (Account other : rows) {
                if (java.util.Objects.equals(other.effectiveFrom(), a.effectiveFrom())) {
                    throw new IllegalArgumentException("WABA " + a.wabaId() + " given twice effective from "
                            + (a.effectiveFrom() == null ? "always" : a.effectiveFrom()));
                }
                if (!other.zone().equals(a.zone())) {
                    throw new IllegalArgumentException("WABA " + a.wabaId() + " given in two time zones");
                }
            }
            rows.add(a);
        }
        return new AccountDirectory(map, new ArrayList<>(accounts));
    }

    public static AccountDirectory load(Path accountsCsv) {
        Map<String, List<Account>> map = new LinkedHashMap<>();
        Map<String, List<Long>> linesOf = new LinkedHashMap<>();
        List<Account> inFileOrder = new ArrayList<>();
        for (Csv.Row row : Csv.read(accountsCsv, REQUIRED)) {
            String waba = row.get("waba_id");
            if (waba.isEmpty()) throw row.error("waba_id is empty");
            ZoneId zone = zone(row);
            Currency currency = currency(row);
            BigDecimal threshold = threshold(row, currency);
            String portfolio = optional(row, "portfolio_id");
            String name = optional(row, "name");
            String primaryCountry = primaryCountry(row);
            LocalDate authInternationalFrom = date(row, "auth_international_from");
            LocalDate effectiveFrom = date(row, "effective_from");
            List<Account> rows = map.computeIfAbsent(waba, k -> new ArrayList<>());
            List<Long> lines = linesOf.computeIfAbsent(waba, k -> new ArrayList<>());
            for (int i = 0; i < rows.size(); i++) {
                Account other = rows.get(i);
                if (java.util.Objects.equals(other.effectiveFrom(), effectiveFrom)) {
                    throw row.error("WABA '" + waba + "' is listed twice (first on line " + lines.get(i)
                            + ") with the same effective_from (" + (effectiveFrom == null ? "empty: always" : effectiveFrom)
                            + "): a WABA has one row per effective_from");
                }
                if (!other.zone().equals(zone)) {
                    throw row.error("WABA '" + waba + "' has time zone " + zone + " here but " + other.zone()
                            + " on line " + lines.get(i) + ": all rows of a WABA have its one time zone");
                }
            }
            Account a = new Account(waba, name, zone, currency, threshold, portfolio.isEmpty() ? waba : portfolio, true,
                    primaryCountry, authInternationalFrom, effectiveFrom);
            rows.add(a);
            lines.add(row.line());
            inFileOrder.add(a);
        }
        return new AccountDirectory(map, inFileOrder);
    }

    private static String optional(Csv.Row row, String column) {
        return row.values().containsKey(column) ? row.get(column) : "";
    }

    private static ZoneId zone(Csv.Row row) {
        String tz = row.get("timezone");
        if (tz.isEmpty()) throw row.error("timezone is empty (an IANA time zone such as America/Sao_Paulo is required)");
        try {
            ZoneId zone = ZoneId.of(tz);
            // "Z" and "+03:00" parse as offsets; only region ids and UTC/GMT are time zones of the IANA database
            if (zone instanceof ZoneOffset && !zone.equals(ZoneOffset.UTC)) {
                throw row.error("unknown time zone '" + tz + "' (use an IANA zone id, not an offset)");
            }
            return zone;
        } catch (DateTimeException e) {
            throw row.error("unknown time zone '" + tz + "'");
        }
    }

    private static Currency currency(Csv.Row row) {
        String code = row.get("currency");
        Currency c = null;
        if (code.length() == 3) {
            try {
                c = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                c = null;
            }
        }
        if (c == null) throw row.error("unknown currency '" + code + "' (an ISO 4217 code such as USD is required)");
        if (c.getDefaultFractionDigits() < 0) throw row.error("currency '" + code + "' has no minor unit and cannot be billed");
        return c;
    }

    private static BigDecimal threshold(Csv.Row row, Currency currency) {
        String t = optional(row, "payment_threshold");
        if (t.isEmpty()) return null;
        if (!DECIMAL.matcher(t).matches()) {
            throw row.error("payment_threshold '" + t + "' is not a positive decimal number");
        }
        BigDecimal value = new BigDecimal(t);
        if (value.signum() <= 0) throw row.error("payment_threshold must be positive, found '" + t + "'");
        if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw row.error("payment_threshold '" + t + "' is finer than the minor unit of " + currency.getCurrencyCode());
        }
        return value;
    }

    private static String primaryCountry(Csv.Row row) {
        String c = optional(row, "primary_country");
        if (c.isEmpty()) return null;
        String code = c.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches() || !COUNTRIES.contains(code)) {
            throw row.error("unknown primary_country '" + c + "' (an ISO 3166-1 alpha-2 country code such as IN is required)");
        }
        return code;
    }

    private static LocalDate date(Csv.Row row, String column) {
        String d = optional(row, column);
        if (d.isEmpty()) return null;
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw row.error(column + " '" + d + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static Set<String> countries() {
        Set<String> s = new HashSet<>(Arrays.asList(Locale.getISOCountries()));
        s.addAll(PhoneNumberUtil.getInstance().getSupportedRegions());
        return Set.copyOf(s);
    }

    /**
     * The account of {@code wabaId} for a caller that does not follow effective dates: its only row, or for a WABA
     * not in the file {@link Account#unknown} (and it is remembered).
     *
     * @throws IllegalStateException when the WABA has rows with an {@code effective_from}: its currency, threshold
     *                               and 2.11 columns depend on the instant; ask {@link #accountAt}
     */
    public Account account(String wabaId) {
        WabaRows rows = byWaba.get(wabaId);
        if (rows == null) {
            unknown.add(wabaId);
            return Account.unknown(wabaId);
        }
        if (rows.dated) {
            throw new IllegalStateException("WABA " + wabaId + " has account rows with effective_from dates: its"
                    + " currency and threshold depend on the instant (accountAt), which this caller does not follow yet");
        }
        return rows.rows[0];
    }

    /**
     * The row of {@code wabaId} in force at {@code at}: the latest whose {@code effective_from} is on or before
     * {@code at}'s date in the WABA's zone. Before the WABA's earliest row, {@link Account#beforeFirstRow} (and the
     * WABA is remembered, {@link #wabasBilledBeforeTheirRows()}); for a WABA not in the file, {@link Account#unknown}
     * (remembered, {@link #unknownWabas()}).
     */
    public Account accountAt(String wabaId, Instant at) {
        WabaRows rows = byWaba.get(wabaId);
        if (rows == null) {
            unknown.add(wabaId);
            return Account.unknown(wabaId);
        }
        if (!rows.dated) return rows.rows[0];
        Account a = rows.at(at);
        if (a != null) return a;
        beforeFirstRow.add(wabaId);
        return rows.beforeFirstRow;
    }

    /** The WABA's time zone (the same in all its rows); UTC for a WABA not in the file (remembered). */
    public ZoneId zone(String wabaId) {
        WabaRows rows = byWaba.get(wabaId);
        if (rows == null) {
            unknown.add(wabaId);
            return Account.DEFAULT_ZONE;
        }
        return rows.zone;
    }

    /** The rows of {@code wabaId} by effective date (the undated one first); empty when the file does not list it. */
    public List<Account> rows(String wabaId) {
        WabaRows rows = byWaba.get(wabaId);
        return rows == null ? List.of() : List.of(rows.rows);
    }

    /** Whether accounts.csv lists {@code wabaId} (does not remember anything). */
    public boolean isKnown(String wabaId) {
        return byWaba.containsKey(wabaId);
    }

    /** The WABAs asked for that accounts.csv does not list, sorted. */
    public SortedSet<String> unknownWabas() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(unknown));
    }

    /** The WABAs asked for at an instant before their earliest row (billed as without a row; SPEC 1.4), sorted. */
    public SortedSet<String> wabasBilledBeforeTheirRows() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(beforeFirstRow));
    }

    /** The rows of the file, in file order. */
    public Collection<Account> accounts() {
        return inFileOrder;
    }
}
