package com.wabill.rating;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * The accounts of accounts.csv (SPEC 1.4): {@code waba_id,name,timezone,currency,payment_threshold,portfolio_id}.
 *
 * <p>Rules of the file (each break is a {@link ReferenceDataException} naming the file and line):
 * {@code waba_id}, {@code timezone} and {@code currency} are required; {@code timezone} is a time-zone
 * id that {@link ZoneId#of} knows (IANA region ids such as {@code America/Sao_Paulo}, and {@code UTC});
 * {@code currency} an ISO 4217 code with a minor unit (case-insensitive); {@code payment_threshold}
 * empty or a plain positive decimal that the currency can pay (no finer than its minor unit:
 * {@code 25.00} and {@code 25} are fine in USD, {@code 25.001} is not); a WABA appears once.
 *
 * <p>A WABA that the file does not list gets {@link Account#unknown}; the directory remembers it
 * so that the run's summary can warn ({@link #unknownWabas()}). Safe for concurrent use.
 */
public final class AccountDirectory {

    static final List<String> COLUMNS = List.of("waba_id", "name", "timezone", "currency", "payment_threshold", "portfolio_id");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final Map<String, Account> accounts;
    private final NavigableSet<String> unknown = new ConcurrentSkipListSet<>();

    private AccountDirectory(Map<String, Account> accounts) {
        this.accounts = Collections.unmodifiableMap(accounts);
    }

    /** Directory of the given (known) accounts; for tests and callers that build accounts themselves. */
    public static AccountDirectory of(Collection<Account> accounts) {
        Map<String, Account> map = new LinkedHashMap<>();
        for (Account a : accounts) {
            if (map.put(a.wabaId(), a) != null) throw new IllegalArgumentException("WABA " + a.wabaId() + " given twice");
        }
        return new AccountDirectory(map);
    }

    public static AccountDirectory load(Path accountsCsv) {
        Map<String, Account> map = new LinkedHashMap<>();
        Map<String, Long> lineOf = new LinkedHashMap<>();
        for (Csv.Row row : Csv.read(accountsCsv, COLUMNS.subList(0, 4))) {
            String waba = row.get("waba_id");
            if (waba.isEmpty()) throw row.error("waba_id is empty");
            if (lineOf.containsKey(waba)) {
                throw row.error("WABA '" + waba + "' is listed twice (first on line " + lineOf.get(waba) + ")");
            }
            ZoneId zone = zone(row);
            Currency currency = currency(row);
            BigDecimal threshold = threshold(row, currency);
            String portfolio = row.values().containsKey("portfolio_id") ? row.get("portfolio_id") : "";
            String name = row.values().containsKey("name") ? row.get("name") : "";
            map.put(waba, new Account(waba, name, zone, currency, threshold, portfolio.isEmpty() ? waba : portfolio, true));
            lineOf.put(waba, row.line());
        }
        return new AccountDirectory(map);
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
        if (!row.values().containsKey("payment_threshold")) return null;
        String t = row.get("payment_threshold");
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

    /** The account of {@code wabaId}; for a WABA not in the file, {@link Account#unknown} (and it is remembered). */
    public Account account(String wabaId) {
        Account a = accounts.get(wabaId);
        if (a != null) return a;
        unknown.add(wabaId);
        return Account.unknown(wabaId);
    }

    /** Whether accounts.csv lists {@code wabaId} (does not remember anything). */
    public boolean isKnown(String wabaId) {
        return accounts.containsKey(wabaId);
    }

    /** The WABAs asked for that accounts.csv does not list, sorted. */
    public SortedSet<String> unknownWabas() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(unknown));
    }

    /** The accounts of the file, in file order. */
    public Collection<Account> accounts() {
        return accounts.values();
    }
}
