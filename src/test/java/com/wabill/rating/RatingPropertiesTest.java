package com.wabill.rating;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.wabill.engine.Category;
import com.wabill.testsupport.FastTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rate cards against instants across summer-time changes; countryOf against libphonenumber's own parsing. */
@FastTest
class RatingPropertiesTest {

    static final Currency USD = Currency.getInstance("USD");
    static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    /** Cards on summer-time change days of the zones below (gaps at midnight in Santiago and Beirut). */
    static final List<String> DATES = List.of("2024-01-01", "2024-03-10", "2024-03-31", "2024-04-07", "2024-09-08", "2024-10-27", "2024-11-03");
    static final RateCardBook BOOK = book();

    private static RateCardBook book() {
        try {
            Path dir = Files.createTempDirectory("wabill-cards");
            dir.toFile().deleteOnExit();
            for (int i = 0; i < DATES.size(); i++) {
                Path f = Reference.write(dir, "USD/" + DATES.get(i) + ".csv",
                        "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n"
                                + "Brazil,$US,0.0" + (100 + i) + ",0.0080,0.0315,n/a,0.0000\n");
                f.toFile().deleteOnExit();
                f.getParent().toFile().deleteOnExit();
            }
            return RateCardBook.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("America/Santiago", "Asia/Beirut", "Europe/Oslo", "America/Sao_Paulo", "America/New_York",
                "Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC").map(ZoneId::of);
    }

    @Property(tries = 1000)
    void theCardInForceIsTheLastOneStartedByTheInstant(@ForAll("zones") ZoneId zone,
                                                      @ForAll @IntRange(min = 0, max = 366 * 24 * 60) int minute) {
        Instant at = Instant.parse("2024-01-02T00:00:00Z").plusSeconds(60L * minute - 1);
        // by instants: the latest card whose first local instant is at or before `at`
        RateCard expected = null;
        for (RateCard c : BOOK.cards(USD).values()) {
            if (!c.startsAt(zone).isAfter(at)) expected = c;
        }
        BigDecimal rate = BOOK.rate(USD, "Brazil", Category.MARKETING, at, zone);
        assertEquals(expected.amount("Brazil", Category.MARKETING).orElseThrow(), rate, () -> at + " in " + zone);
    }

    @Example
    void countryOfAgreesWithLibphonenumberOnEveryExampleNumber() {
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (String region : PHONE.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                PhoneNumber example = PHONE.getExampleNumberForType(region, type);
                if (example == null) continue;
                String e164 = PHONE.format(example, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
                String expected = libphonenumber(e164);
                String actual = MarketDirectory.countryOf(e164);
                if (!java.util.Objects.equals(expected, actual)) mismatches.add(region + " " + type + " " + e164 + ": " + expected + " vs " + actual);
                checked++;
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(true, checked > 1000, "checked " + checked);
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> prefix = Arbitraries.of("1", "1809", "1242", "1212", "1416", "1787", "1340", "7", "77", "76", "44", "447781",
                "4474576", "39", "3906698", "47", "4779", "61", "6189164", "262", "262269", "358", "35818", "590", "590590", "599", "5997",
                "212", "2125288", "290", "2908", "55", "91", "49", "263", "800", "882", "979", "999");
        return prefix.flatMap(p -> Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(13).map(rest -> p + rest));
    }

    @Property(tries = 1000)
    void countryOfAgreesWithLibphonenumberOnValidNumbers(@ForAll("numbers") String digits) {
        PhoneNumber parsed = parse(digits);
        if (parsed == null || !PHONE.isValidNumber(parsed)) return;
        assertEquals(libphonenumber(digits), MarketDirectory.countryOf(digits), digits);
    }

    private static PhoneNumber parse(String digits) {
        try {
            return PHONE.parse("+" + digits, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String libphonenumber(String digits) {
        PhoneNumber p = parse(digits);
        if (p == null) return null;
        String r = PHONE.getRegionCodeForNumber(p);
        return PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(r) ? null : r;
    }

    @Example
    void speedOfCountryOf() {
        // not an assertion on time (machines differ): a record of the cost, printed for the docs
        String[] samples = {"5511987650001", "919812340001", "12125550123", "18095551234", "14165550123", "74951234567"};
        for (int round = 0; round < 2; round++) {
            for (String s : samples) {
                long t = System.nanoTime();
                int n = 10_000;
                String base = s.substring(0, s.length() - 4);
                for (int i = 0; i < n; i++) MarketDirectory.countryOf(base + (1000 + i % 9000));
                if (round == 1) System.out.printf("countryOf %s...: %.2f us%n", base, (System.nanoTime() - t) / 1000.0 / n);
            }
        }
        assertEquals("BR", MarketDirectory.countryOf(samples[0]));
    }
}
