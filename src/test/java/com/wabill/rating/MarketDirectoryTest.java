package com.wabill.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;

import com.wabill.testsupport.FastTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class MarketDirectoryTest {

    @TempDir
    Path dir;

    private final MarketDirectory reference = MarketDirectory.load(Reference.markets());
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    @ParameterizedTest(name = "+{0} is {1}, market {2}")
    @CsvSource({
            // shared calling code +1: the area code decides
            "18095551234,   DO, Rest of Latin America",   // +1 809 Dominican Republic
            "12125550123,   US, North America",           // +1 212 New York
            "12423221234,   BS, Other",                   // +1 242 Bahamas: no row in markets.csv
            "14165550123,   CA, North America",           // +1 416 Toronto
            "17875551234,   PR, Rest of Latin America",   // +1 787 Puerto Rico
            // shared calling code +7: Russia and Kazakhstan
            "74951234567,   RU, Other",                   // +7 495 Moscow
            "77012345678,   KZ, Other",                   // +7 701 Kazakhstan mobile
            // calling codes of one country
            "5511987650001, BR, Brazil",
            "919812340001,  IN, India",
            "4915112345678, DE, Germany",
            "447400123456,  GB, United Kingdom",
            "447911123456,  GG, Other",                   // +44 7911 is Guernsey in libphonenumber's plan
            "390612345678,  IT, Other",                   // Rome, leading zero kept
            "390669812345,  VA, Other",                   // +39 06 698 Vatican City
            "4741234567,    NO, Rest of Western Europe",
    })
    void countryAndMarketOfANumber(String number, String country, String market) {
        assertEquals(country, MarketDirectory.countryOf(number));
        assertEquals(market, reference.marketOfContact(number, DAY));
    }

    @Test
    void numbersOfNoCountryBelongToOther() {
        assertNull(MarketDirectory.countryOf("15550001111"), "the fictional +1 555 area code is in no region's plan");
        assertNull(MarketDirectory.countryOf("80012345678"), "+800 is a non-geographic calling code");
        assertNull(MarketDirectory.countryOf("99912345"), "+999 is not a calling code");
        assertNull(MarketDirectory.countryOf("1"));
        assertNull(MarketDirectory.countryOf(""));
        assertNull(MarketDirectory.countryOf("abc"));
        assertNull(MarketDirectory.countryOf(null));
        assertEquals(MarketDirectory.OTHER, reference.marketOfContact("15550001111", DAY));
        assertEquals(MarketDirectory.OTHER, reference.marketOf(null, DAY));
    }

    @Test
    void plusSpacesAndDashesAreIgnored() {
        assertEquals("BR", MarketDirectory.countryOf("+55 11 98765-0001"));
        assertEquals("DO", MarketDirectory.countryOf("+1-809-555-1234"));
    }

    @Test
    void zimbabweJoinsRestOfAfricaOnOctoberFirst2025() {
        String harare = "263771234567";
        assertEquals("ZW", MarketDirectory.countryOf(harare));
        assertEquals("Other", reference.marketOfContact(harare, LocalDate.of(2025, 9, 30)));
        assertEquals("Rest of Africa", reference.marketOfContact(harare, LocalDate.of(2025, 10, 1)));
        assertEquals("Rest of Africa", reference.marketOf("zw", LocalDate.of(2026, 1, 1)));
    }

    @Test
    void theLatestRowOnOrBeforeTheDayIsInForce() {
        Path f = Reference.write(dir, "markets.csv", "country,market,effective_from\n"
                + "ZW,Zimbabwe,2026-01-01\n"
                + "ZW,Rest of Africa,2025-10-01\n"
                + "KE,Rest of Africa,\n"
                + "KE,Kenya,2025-01-01\n");
        MarketDirectory m = MarketDirectory.load(f);
        assertEquals("Other", m.marketOf("ZW", LocalDate.of(2025, 9, 30)));
        assertEquals("Rest of Africa", m.marketOf("ZW", LocalDate.of(2025, 12, 31)));
        assertEquals("Zimbabwe", m.marketOf("ZW", LocalDate.of(2026, 1, 1)));
        assertEquals("Rest of Africa", m.marketOf("KE", LocalDate.of(2024, 12, 31)));
        assertEquals("Kenya", m.marketOf("KE", LocalDate.of(2025, 1, 1)));
        assertEquals("Other", m.marketOf("BR", LocalDate.of(2025, 1, 1)));
    }

    @Test
    void badRowsAreErrorsNamingFileAndLine() {
        assertError("ZWE,Rest of Africa,\n", 2, "not an ISO 3166-1 alpha-2 code");
        assertError("ZW,,\n", 2, "market is empty");
        assertError("ZW,Rest of Africa,2025/10/01\n", 2, "not a date");
        assertError("ZW,Rest of Africa,2025-02-30\n", 2, "not a date");
        assertError("ZW,A,\nKE,B,\nzw,C,\n", 4, "two rows effective from always (first on line 2)");
        assertError("ZW,A,2025-10-01\nZW,C,2025-10-01\n", 3, "two rows effective from 2025-10-01");
    }

    private void assertError(String rows, long line, String text) {
        Path f = Reference.write(dir, "markets.csv", "country,market,effective_from\n" + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> MarketDirectory.load(f));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
