package com.wabill.tools;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The fixed world the generator draws from: business accounts (WABAs) with their phone numbers, and the
 * contacts' countries with the shape of their WhatsApp ids.
 *
 * <p>Contact numbers are unique by construction: the subscriber part of a contact's number is a bijection of
 * the contact's index ({@link Country#number}), so two contacts never share a number within a country, and
 * countries differ by their prefixes. That matters: two generated contacts with one number would be one
 * thread for the billing job but two for the generator, and Meta's columns would disagree with the replay.
 */
final class Catalog {

    private Catalog() {
    }

    /** A business phone number: Meta's {@code phone_number_id} and its digits ({@code business_phone_number}). */
    record Phone(String phoneNumberId, String digits) {
    }

    /**
     * A WhatsApp Business Account.
     *
     * @param id       waba_id
     * @param zone     the time zone the billing job uses for it (UTC when accounts.csv does not list it), which
     *                 decides the pricing model and Meta's {@code billable} for service conversations
     * @param home     the country most of its contacts are in
     * @param phones   its business phone numbers
     * @param weight   share of the contacts
     * @param listed   whether the sample accounts.csv lists it
     */
    record Waba(String id, ZoneId zone, Country home, List<Phone> phones, double weight, boolean listed) {
    }

    /**
     * A contact country: how its WhatsApp ids look and when its people write.
     *
     * @param iso            ISO 3166-1 alpha-2 code (what libphonenumber gives for the numbers)
     * @param prefixes       leading digits (calling code and the start of the national number)
     * @param low            the subscriber part is {@code low + bijection(contact) mod range}, zero-padded to
     *                       {@code digits}
     * @param range          number of subscriber values; only 2s and 5s in it, so that the bijection works
     * @param digits         digits of the subscriber part
     * @param utcOffsetHours the offset used for the daily rhythm (approximate, no summer time)
     * @param weight         share among the contacts that are not in their WABA's home country
     */
    record Country(String iso, String[] prefixes, long low, long range, int digits, double utcOffsetHours,
                   double weight) {

        /** A WhatsApp id (E.164 digits, no '+') of this country, unique for each contact index below {@link #range}. */
        String number(long contactIndex, int prefixChoice) {
            long sub = low + Math.floorMod(contactIndex * 7_654_321L + 1_234_567L, range);
            String s = Long.toString(sub);
            StringBuilder sb = new StringBuilder(prefixes[0].length() + digits + 2);
            sb.append(prefixes[Math.floorMod(prefixChoice, prefixes.length)]);
            for (int i = s.length(); i < digits; i++) sb.append('0');
            return sb.append(s).toString();
        }
    }

    static final Country BR = new Country("BR", new String[] {"55119", "55219", "55319", "55419", "55519", "55619", "55719", "55859"},
            0, 100_000_000L, 8, -3, 14);
    static final Country IN = new Country("IN", new String[] {"919", "918", "917", "916"}, 0, 1_000_000_000L, 9, 5.5, 14);
    static final Country US = new Country("US", new String[] {"1212", "1646", "1415", "1305"}, 2_000_000L, 8_000_000L, 7, -4, 10);
    static final Country DO = new Country("DO", new String[] {"1809", "1829", "1849"}, 2_000_000L, 8_000_000L, 7, -4, 5);
    static final Country DE = new Country("DE", new String[] {"49151", "49160", "49170", "49176"}, 0, 100_000_000L, 8, 1, 6);
    static final Country NO = new Country("NO", new String[] {"479"}, 0, 10_000_000L, 7, 1, 5);
    static final Country KE = new Country("KE", new String[] {"25471", "25472"}, 0, 10_000_000L, 7, 3, 5);
    static final Country ZW = new Country("ZW", new String[] {"26377", "26378"}, 0, 10_000_000L, 7, 2, 4);
    static final Country MX = new Country("MX", new String[] {"52155", "52133", "52181"}, 0, 100_000_000L, 8, -6, 8);
    static final Country GB = new Country("GB", new String[] {"44748"}, 0, 10_000_000L, 7, 0, 6);
    static final Country ID = new Country("ID", new String[] {"62812", "62813", "62852"}, 0, 100_000_000L, 8, 7, 6);
    static final Country AE = new Country("AE", new String[] {"97150", "97155"}, 0, 10_000_000L, 7, 4, 4);

    static final List<Country> COUNTRIES = List.of(BR, IN, US, DO, DE, NO, KE, ZW, MX, GB, ID, AE);

    /** Contacts must stay below the smallest subscriber range for numbers to be unique. */
    static final long MAX_CONTACTS = COUNTRIES.stream().mapToLong(Country::range).min().orElseThrow();

    /**
     * SPEC 2.11: the businesses told their authentication-international start date, as the sample accounts.csv
     * lists them (primary_country, auth_international_from).
     */
    record AuthInternational(String primaryCountry, java.time.LocalDate from) {
    }

    static final Map<String, AuthInternational> AUTH_INTERNATIONAL = Map.of(
            "waba-br", new AuthInternational("BR", java.time.LocalDate.of(2026, 9, 30)));

    /**
     * The contact countries whose market the sample rate cards offer an Authentication-International rate for
     * (India and Indonesia in every card since 2024-08-01).
     */
    static final java.util.Set<String> AUTH_INTERNATIONAL_COUNTRIES = java.util.Set.of("IN", "ID");

    /** Known WABAs, in the order {@code --wabas N} takes them. */
    static final List<Waba> WABAS = List.of(
            new Waba("waba-br", ZoneId.of("America/Sao_Paulo"), BR,
                    List.of(new Phone("110200300400501", "551140028922"), new Phone("110200300400502", "5521999990000")),
                    35, true),
            new Waba("waba-no", ZoneId.of("Europe/Oslo"), NO,
                    List.of(new Phone("120300400500601", "4791000001")), 15, true),
            new Waba("waba-in", ZoneId.of("Asia/Kolkata"), IN,
                    List.of(new Phone("130400500600701", "919800000001"), new Phone("130400500600702", "918000000002")),
                    30, true),
            // not in the sample accounts.csv: the job bills it in UTC (and warns), so the generator does too
            new Waba("waba-mx", ZoneId.of("UTC"), MX, List.of(new Phone("140500600700801", "5215512340000")), 10, false),
            new Waba("waba-us", ZoneId.of("America/New_York"), US, List.of(new Phone("150600700800901", "12125550100")), 12, true),
            new Waba("waba-de", ZoneId.of("Europe/Berlin"), DE, List.of(new Phone("160700800901001", "493012345678")), 10, true),
            new Waba("waba-ke", ZoneId.of("Africa/Nairobi"), KE, List.of(new Phone("170800901001101", "254711000001")), 8, true),
            new Waba("waba-id", ZoneId.of("Asia/Jakarta"), ID, List.of(new Phone("180901001101201", "6281100000001")), 8, true));

    /**
     * The WABAs of {@code --wabas}: a number (the first N known ones, then {@code waba-9}, … in UTC), or a
     * comma-separated list of ids, each a known one or a new one as {@code id[@Zone/Id]}.
     */
    static List<Waba> wabas(String spec) {
        String s = spec.trim();
        List<Waba> out = new ArrayList<>();
        if (s.matches("[0-9]+")) {
            int n = Integer.parseInt(s);
            if (n < 1) throw new IllegalArgumentException("--wabas must be at least 1");
            for (int i = 0; i < n; i++) out.add(i < WABAS.size() ? WABAS.get(i) : synthetic("waba-" + (i + 1), ZoneId.of("UTC"), i));
            return out;
        }
        int i = 0;
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            // id[@Zone/Id][~weight]: the weight of a known WABA may be changed (its share of the contacts)
            Double weight = null;
            int tilde = p.indexOf('~');
            if (tilde >= 0) {
                weight = Double.parseDouble(p.substring(tilde + 1));
                p = p.substring(0, tilde);
            }
            String id = p;
            ZoneId zone = null;
            int at = p.indexOf('@');
            if (at >= 0) {
                id = p.substring(0, at);
                zone = ZoneId.of(p.substring(at + 1));
            }
            Waba known = null;
            for (Waba w : WABAS) if (w.id().equals(id)) known = w;
            Waba w = known != null ? known : synthetic(id, ZoneId.of("UTC"), WABAS.size() + i);
            if (zone != null || weight != null) {
                w = new Waba(w.id(), zone == null ? w.zone() : zone, w.home(), w.phones(),
                        weight == null ? w.weight() : weight, w.listed());
            }
            out.add(w);
            i++;
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--wabas names no WABA");
        for (int a = 0; a < out.size(); a++) {
            for (int b = a + 1; b < out.size(); b++) {
                if (out.get(a).id().equals(out.get(b).id())) throw new IllegalArgumentException("--wabas names " + out.get(a).id() + " twice");
            }
        }
        return out;
    }

    private static Waba synthetic(String id, ZoneId zone, int index) {
        Country home = COUNTRIES.get(Math.floorMod(index, COUNTRIES.size()));
        String phoneId = String.format(Locale.ROOT, "19%013d", 1_000_000L + index * 101L);
        String digits = home.number(9_000_000L + index, 0);
        return new Waba(id, zone, home, List.of(new Phone(phoneId, digits)), 10, false);
    }
}
