package com.wabill.rating;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.NumberParseException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Countries and markets (SPEC 1.3): markets.csv ({@code country,market,effective_from}) and the
 * country of a contact's number.
 *
 * <p><b>Country of a number</b> ({@link #countryOf}): the region that libphonenumber's numbering plan
 * data gives for the number ({@code PhoneNumberUtil.getRegionCodeForNumber}): the region of the
 * calling code, and for calling codes shared by several regions (+1, +7, +44, +47, +61, +262, +358,
 * +39, +590, +599, +212, +290) the region whose numbering plan holds the number (for +1 that is
 * decided by the area code: +1 809 DO, +1 242 BS, +1 212 US, +1 416 CA; for +7 by the leading digits:
 * +7 7xx KZ, +7 495 RU). A number that no region holds (unknown calling code, a non-geographic
 * code such as +800, a +1 number of no region's plan such as the fictional +1 555 area code) has no
 * country (null), so its market is {@code Other}.
 *
 * <p>Speed (measured on the build machine): {@code PhoneNumberUtil.parse} plus
 * {@code getRegionCodeForNumber} costs 3–9 µs a number, most of it for shared calling codes. The
 * calling code is taken here by hand (E.164 calling codes are prefix-free); for a calling code of
 * one region the answer is the calling code's region, precomputed (libphonenumber itself looks no
 * further for those): well under a microsecond. Shared calling codes go through libphonenumber's
 * parse and region lookup in full (6–9 µs for +1 on an idle machine): its answer depends on the
 * whole number (US and Canada are told apart by numbering plan patterns, not by a prefix table, and
 * parse strips national prefixes such as +358 0...), so a cache per prefix could answer differently
 * from libphonenumber and is not used. A million +1 contacts cost under ten seconds of one core;
 * callers look a contact up once per thread. Safe for concurrent use.
 *
 * <p><b>Markets:</b> for a country and a local date, the row in force is the latest whose
 * {@code effective_from} is on or before that date (empty: always); a country with no row in force
 * belongs to {@code Other}. File rules ({@link ReferenceDataException} naming file and line):
 * {@code country} two letters (ISO 3166-1 alpha-2, case-insensitive), {@code market} non-empty,
 * {@code effective_from} empty or {@code yyyy-MM-dd}, one row per country and {@code effective_from}.
 */
public final class MarketDirectory {

    /** The market of countries without a row in force. */
    public static final String OTHER = "Other";

    static final List<String> COLUMNS = List.of("country", "market", "effective_from");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = Set.copyOf(PHONE.getSupportedCallingCodes());
    /** calling code → its only region, for calling codes of one region ("" for none, e.g. non-geographic codes). */
    private static final Map<Integer, String> SINGLE_REGION = singleRegions();

    /** country → effective_from (LocalDate.MIN for "always") → market. */
    private final Map<String, NavigableMap<LocalDate, String>> markets;

    private MarketDirectory(Map<String, NavigableMap<LocalDate, String>> markets) {
        this.markets = markets;
    }

    private static Map<Integer, String> singleRegions() {
        Map<Integer, String> m = new HashMap<>();
        for (int cc : CALLING_CODES) {
            List<String> regions = PHONE.getRegionCodesForCountryCode(cc);
            if (regions.size() == 1) {
                String r = regions.get(0);
                m.put(cc, PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(r) ? "" : r);
            }
        }
        return Map.copyOf(m);
    }

    public static MarketDirectory load(Path marketsCsv) {
        Map<String, NavigableMap<LocalDate, String>> map = new HashMap<>();
        Map<String, Long> lineOf = new HashMap<>();
        for (Csv.Row row : Csv.read(marketsCsv, COLUMNS.subList(0, 2))) {
            String country = row.get("country");
            if (!COUNTRY.matcher(country).matches()) {
                throw row.error("country '" + country + "' is not an ISO 3166-1 alpha-2 code");
            }
            country = country.toUpperCase(Locale.ROOT);
            String market = row.get("market");
            if (market.isEmpty()) throw row.error("market is empty");
            String from = row.values().containsKey("effective_from") ? row.get("effective_from") : "";
            LocalDate since;
            try {
                since = from.isEmpty() ? LocalDate.MIN : LocalDate.parse(from);
            } catch (DateTimeParseException e) {
                throw row.error("effective_from '" + from + "' is not a date (yyyy-MM-dd)");
            }
            String key = country + "@" + since;
            if (lineOf.containsKey(key)) {
                throw row.error("country " + country + " has two rows effective from "
                        + (from.isEmpty() ? "always" : from) + " (first on line " + lineOf.get(key) + ")");
            }
            lineOf.put(key, row.line());
            map.computeIfAbsent(country, k -> new TreeMap<>()).put(since, market);
        }
        Map<String, NavigableMap<LocalDate, String>> frozen = new HashMap<>();
        map.forEach((k, v) -> frozen.put(k, Collections.unmodifiableNavigableMap(v)));
        return new MarketDirectory(Map.copyOf(frozen));
    }

    /** A directory from rows given as {@code country → (effective_from or null → market)}; for tests. */
    public static MarketDirectory of(Map<String, Map<LocalDate, String>> rows) {
        Map<String, NavigableMap<LocalDate, String>> map = new HashMap<>();
        rows.forEach((country, byDate) -> {
            NavigableMap<LocalDate, String> m = new TreeMap<>();
            byDate.forEach((d, market) -> m.put(d == null ? LocalDate.MIN : d, market));
            map.put(country.toUpperCase(Locale.ROOT), Collections.unmodifiableNavigableMap(m));
        });
        return new MarketDirectory(Map.copyOf(map));
    }

    /**
     * The ISO 3166-1 alpha-2 country (libphonenumber region code) of a contact's WhatsApp id, or null
     * when no region's numbering plan holds it. {@code contactWaId} is E.164 digits without '+'; a
     * leading '+', spaces and dashes are ignored.
     */
    public static String countryOf(String contactWaId) {
        if (contactWaId == null) return null;
        String digits = normalise(contactWaId);
        if (digits == null) return null;
        for (int len = 1; len <= 3 && len < digits.length(); len++) {
            int cc = Integer.parseInt(digits, 0, len, 10);
            if (!CALLING_CODES.contains(cc)) continue;
            String national = digits.substring(len);
            if (national.length() < 2 || national.length() > 17) return null; // libphonenumber's NSN limits
            String single = SINGLE_REGION.get(cc);
            if (single != null) return single.isEmpty() ? null : single;
            // shared calling code: libphonenumber's full parse (it also strips a national prefix, as in +358 0...)
            try {
                return PHONE.getRegionCodeForNumber(PHONE.parse("+" + digits, "ZZ"));
            } catch (NumberParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The digits of a WhatsApp id, '+', spaces and dashes removed; null if anything else is left or nothing. */
    static String normalise(String waId) {
        StringBuilder sb = null;
        int n = waId.length();
        for (int i = 0; i < n; i++) {
            char c = waId.charAt(i);
            if (c >= '0' && c <= '9') {
                if (sb != null) sb.append(c);
            } else if (c == '+' || c == ' ' || c == '-') {
                if (sb == null) sb = new StringBuilder(waId.substring(0, i));
            } else {
                return null;
            }
        }
        String d = sb == null ? waId : sb.toString();
        return d.isEmpty() ? null : d;
    }

    /** The market of {@code country} (null: no country) on the WABA's local date {@code localDay}. */
    public String marketOf(String country, LocalDate localDay) {
        if (country == null) return OTHER;
        NavigableMap<LocalDate, String> rows = markets.get(country.toUpperCase(Locale.ROOT));
        if (rows == null) return OTHER;
        Map.Entry<LocalDate, String> e = rows.floorEntry(localDay);
        return e == null ? OTHER : e.getValue();
    }

    /** Shorthand: the market of a contact's WhatsApp id on a local date. */
    public String marketOfContact(String contactWaId, LocalDate localDay) {
        return marketOf(countryOf(contactWaId), localDay);
    }

    /** Every market name the file uses (not including {@code Other} unless the file names it). */
    public Set<String> marketNames() {
        Set<String> names = new TreeSet<>();
        markets.values().forEach(m -> names.addAll(m.values()));
        return Collections.unmodifiableSet(names);
    }

    /** The countries the file lists, sorted. */
    public Set<String> countries() {
        return Collections.unmodifiableSet(new TreeSet<>(markets.keySet()));
    }
}
