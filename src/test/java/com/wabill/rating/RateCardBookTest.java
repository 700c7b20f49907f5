package com.wabill.rating;

import com.wabill.engine.Category;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

import static com.wabill.engine.Category.AUTHENTICATION;
import static com.wabill.engine.Category.AUTHENTICATION_INTERNATIONAL;
import static com.wabill.engine.Category.MARKETING;
import static com.wabill.engine.Category.REFERRAL_CONVERSION;
import static com.wabill.engine.Category.SERVICE;
import static com.wabill.engine.Category.UTILITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class RateCardBookTest {

    static final Currency USD = Currency.getInstance("USD");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    static final ZoneId BEIRUT = ZoneId.of("Asia/Beirut");
    static final String HEADER = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n";

    @TempDir
    Path dir;

    private final RateCardBook reference = RateCardBook.load(Reference.rateCards());

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    /** A one-market card (Brazil) whose marketing amount tells the cards apart. */
    private void card(String date, String marketing) {
        Reference.write(dir, "USD/" + date + ".csv", HEADER + "Brazil,$US," + marketing + ",0.0080,0.0315,n/a,0.0000\n");
    }

    // ---------------------------------------------------------------- reference cards

    @Test
    void rateCardHistoryScenarioInSaoPaulo() {
        // 2024-08-01T02:00Z is 2024-07-31 23:00 in Sao Paulo (UTC-3): the June 2023 card, utility 0.0350
        assertEquals(new BigDecimal("0.0350"), reference.rate(USD, "Brazil", UTILITY, t("2024-08-01T02:00:00Z"), SAO_PAULO));
        assertEquals(new BigDecimal("0.0350"), reference.rate(USD, "Brazil", UTILITY, t("2024-08-01T02:59:59.999Z"), SAO_PAULO));
        // 03:00Z is 2024-08-01 00:00 there: the August 2024 card, utility 0.0080
        assertEquals(new BigDecimal("0.0080"), reference.rate(USD, "Brazil", UTILITY, t("2024-08-01T03:00:00Z"), SAO_PAULO));
        // in UTC the August card already applies at 02:00Z
        assertEquals(new BigDecimal("0.0080"), reference.rate(USD, "Brazil", UTILITY, t("2024-08-01T02:00:00Z"), ZoneId.of("UTC")));
    }

    @Test
    void ratesKeepTheScaleAsWritten() {
        BigDecimal r = reference.rate(USD, "Brazil", UTILITY, t("2024-09-01T12:00:00Z"), SAO_PAULO);
        assertEquals("0.0080", r.toPlainString());
        assertEquals(4, r.scale());
        assertEquals("0.0000", reference.rate(USD, "Brazil", SERVICE, t("2024-11-05T12:00:00Z"), SAO_PAULO).toPlainString());
    }

    @Test
    void eachCategoryReadsItsColumn() {
        Instant aug = t("2024-08-15T12:00:00Z");
        // India on the 2024-08-01 card: Marketing 0.0107, Utility 0.0014, Authentication 0.0014,
        // Authentication-International 0.0280 (not used), Service 0.0040
        assertEquals(new BigDecimal("0.0107"), reference.rate(USD, "India", MARKETING, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0014"), reference.rate(USD, "India", UTILITY, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0014"), reference.rate(USD, "India", AUTHENTICATION, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0040"), reference.rate(USD, "India", SERVICE, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0300"), reference.rate(USD, "Brazil", SERVICE, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0604"), reference.rate(USD, "Other", MARKETING, aug, SAO_PAULO));
        assertEquals(new BigDecimal("0.0107"), reference.rate(USD, "india", MARKETING, aug, SAO_PAULO), "markets match case-insensitively");
        MissingRateException e = assertThrows(MissingRateException.class,
                () -> reference.rate(USD, "India", REFERRAL_CONVERSION, aug, SAO_PAULO));
        assertTrue(e.getMessage().contains("no amount for category REFERRAL_CONVERSION"), e.getMessage());
    }

    @Test
    void missingMarketNamesMarketCategoryCurrencyDateAndCard() {
        MissingRateException e = assertThrows(MissingRateException.class,
                () -> reference.rate(USD, "Atlantis", MARKETING, t("2024-08-15T01:00:00Z"), SAO_PAULO));
        // 01:00Z on the 15th is still the 14th in Sao Paulo
        Path card = Reference.rateCards().resolve("USD").resolve("2024-08-01.csv");
        assertEquals("no rate for market 'Atlantis', category MARKETING, currency USD on 2024-08-14 (America/Sao_Paulo): "
                + "market 'Atlantis' is missing from the card in force (rate card " + card + ")", e.getMessage());
        assertEquals("Atlantis", e.market());
        assertEquals(MARKETING, e.category());
        assertEquals(USD, e.currency());
        assertEquals(LocalDate.of(2024, 8, 14), e.localDate());
        assertEquals(card, e.cardFile());
    }

    @Test
    void noCardInForceIsAnError() {
        // 2023-06-01T02:00Z is still 2023-05-31 in Sao Paulo: before the first card
        MissingRateException e = assertThrows(MissingRateException.class,
                () -> reference.rate(USD, "Brazil", MARKETING, t("2023-06-01T02:00:00Z"), SAO_PAULO));
        assertTrue(e.getMessage().startsWith("no rate for market 'Brazil', category MARKETING, currency USD on 2023-05-31"), e.getMessage());
        assertTrue(e.getMessage().contains("no USD rate card in force"), e.getMessage());
        assertNull(e.cardFile());
        // no card at all in EUR
        e = assertThrows(MissingRateException.class,
                () -> reference.rate(Currency.getInstance("EUR"), "Brazil", MARKETING, t("2024-08-15T12:00:00Z"), SAO_PAULO));
        assertTrue(e.getMessage().contains("currency EUR on 2024-08-15"), e.getMessage());
    }

    @Test
    void notOfferedIsAnError() {
        Reference.write(dir, "USD/2024-01-01.csv", HEADER
                + "Rest of Africa,$US,0.0225,n/a,0.0144,n/a,0.0040\n"
                + "Brazil,$US,0.0625,0.0080,N/A,n/a,0.0000\n");
        RateCardBook book = RateCardBook.load(dir);
        Instant at = t("2024-03-01T12:00:00Z");
        assertEquals(new BigDecimal("0.0225"), book.rate(USD, "Rest of Africa", MARKETING, at, OSLO));
        MissingRateException e = assertThrows(MissingRateException.class, () -> book.rate(USD, "Rest of Africa", UTILITY, at, OSLO));
        assertEquals("no rate for market 'Rest of Africa', category UTILITY, currency USD on 2024-03-01 (Europe/Oslo): "
                + "the card in force gives n/a (not offered) for Utility (rate card " + dir.resolve("USD/2024-01-01.csv") + ")", e.getMessage());
        assertThrows(MissingRateException.class, () -> book.rate(USD, "Brazil", AUTHENTICATION, at, OSLO));
        assertTrue(book.cardInForce(USD, at, OSLO).orElseThrow().amount("Brazil", AUTHENTICATION).isEmpty());
    }

    // ---------------------------------------------------------------- local midnight

    @Test
    void cardChangesAtLocalMidnightInSaoPauloAndOsloSummerAndWinter() {
        card("2024-01-01", "0.0500");
        card("2024-07-01", "0.0600");
        card("2024-10-27", "0.0700");
        RateCardBook book = RateCardBook.load(dir);
        // Sao Paulo, UTC-3 all year: 2024-07-01 00:00 local = 03:00Z
        assertEquals(new BigDecimal("0.0500"), book.rate(USD, "Brazil", MARKETING, t("2024-07-01T02:59:59Z"), SAO_PAULO));
        assertEquals(new BigDecimal("0.0600"), book.rate(USD, "Brazil", MARKETING, t("2024-07-01T03:00:00Z"), SAO_PAULO));
        // Oslo in summer time, UTC+2: 2024-07-01 00:00 local = 2024-06-30T22:00Z
        assertEquals(new BigDecimal("0.0500"), book.rate(USD, "Brazil", MARKETING, t("2024-06-30T21:59:59Z"), OSLO));
        assertEquals(new BigDecimal("0.0600"), book.rate(USD, "Brazil", MARKETING, t("2024-06-30T22:00:00Z"), OSLO));
        // Oslo on the day summer time ends (03:00 CEST -> 02:00 CET): midnight is still UTC+2, 2024-10-26T22:00Z
        assertEquals(new BigDecimal("0.0600"), book.rate(USD, "Brazil", MARKETING, t("2024-10-26T21:59:59Z"), OSLO));
        assertEquals(new BigDecimal("0.0700"), book.rate(USD, "Brazil", MARKETING, t("2024-10-26T22:00:00Z"), OSLO));
        // Oslo in winter, UTC+1: 2024-01-01 00:00 local = 2023-12-31T23:00Z (before it: no card)
        assertThrows(MissingRateException.class, () -> book.rate(USD, "Brazil", MARKETING, t("2023-12-31T22:59:59Z"), OSLO));
        assertEquals(new BigDecimal("0.0500"), book.rate(USD, "Brazil", MARKETING, t("2023-12-31T23:00:00Z"), OSLO));
        assertEquals(t("2024-06-30T22:00:00Z"), book.cards(USD).get(LocalDate.of(2024, 7, 1)).startsAt(OSLO));
    }

    @Test
    void cardStartsAfterTheGapWhenLocalMidnightDoesNotExist() {
        // Chile starts summer time on 2024-09-08: clocks go from 00:00 (-04:00) to 01:00 (-03:00),
        // so the day's first instant is 01:00-03:00 = 04:00Z.
        // Lebanon starts summer time on 2024-03-31: 00:00 (+02:00) becomes 01:00 (+03:00): 2024-03-30T22:00Z.
        card("2024-01-01", "0.0500");
        card("2024-03-31", "0.0550");
        card("2024-09-08", "0.0600");
        RateCardBook book = RateCardBook.load(dir);
        assertTrue(SANTIAGO.getRules().getValidOffsets(LocalDate.of(2024, 9, 8).atStartOfDay()).isEmpty(), "midnight is in the gap");
        assertEquals(t("2024-09-08T04:00:00Z"), book.cards(USD).get(LocalDate.of(2024, 9, 8)).startsAt(SANTIAGO));
        // 03:59:59Z is 2024-09-07 23:59:59 -04:00 in Santiago
        assertEquals(new BigDecimal("0.0550"), book.rate(USD, "Brazil", MARKETING, t("2024-09-08T03:59:59Z"), SANTIAGO));
        assertEquals(new BigDecimal("0.0600"), book.rate(USD, "Brazil", MARKETING, t("2024-09-08T04:00:00Z"), SANTIAGO));

        assertTrue(BEIRUT.getRules().getValidOffsets(LocalDate.of(2024, 3, 31).atStartOfDay()).isEmpty(), "midnight is in the gap");
        assertEquals(t("2024-03-30T22:00:00Z"), book.cards(USD).get(LocalDate.of(2024, 3, 31)).startsAt(BEIRUT));
        // 21:59:59Z is 2024-03-30 23:59:59 +02:00 in Beirut
        assertEquals(new BigDecimal("0.0500"), book.rate(USD, "Brazil", MARKETING, t("2024-03-30T21:59:59Z"), BEIRUT));
        assertEquals(new BigDecimal("0.0550"), book.rate(USD, "Brazil", MARKETING, t("2024-03-30T22:00:00Z"), BEIRUT));
    }

    // ---------------------------------------------------------------- volume tiers

    @Test
    void tierBoundariesOfTheReferenceTiers() {
        // 2025-07-01.tiers.csv: India UTILITY messages 1..3 at 0.0014, 4.. at 0.0010
        Instant aug = t("2025-08-05T10:00:00Z");
        assertEquals(new BigDecimal("0.0014"), reference.tierRate(USD, "India", UTILITY, aug, SAO_PAULO, 1));
        assertEquals(new BigDecimal("0.0014"), reference.tierRate(USD, "India", UTILITY, aug, SAO_PAULO, 3));
        assertEquals(new BigDecimal("0.0010"), reference.tierRate(USD, "India", UTILITY, aug, SAO_PAULO, 4));
        assertEquals(new BigDecimal("0.0010"), reference.tierRate(USD, "India", UTILITY, aug, SAO_PAULO, 1_000_000));
        assertTrue(reference.hasTiers(USD, "India", UTILITY, aug, SAO_PAULO));
        // no tiers for India marketing or Brazil utility: the card's amount at any position
        assertEquals(new BigDecimal("0.0118"), reference.tierRate(USD, "India", MARKETING, aug, SAO_PAULO, 4));
        assertEquals(new BigDecimal("0.0068"), reference.tierRate(USD, "Brazil", UTILITY, aug, SAO_PAULO, 4));
        assertFalse(reference.hasTiers(USD, "Brazil", UTILITY, aug, SAO_PAULO));
        // the August 2024 card has no tiers file: 0.0014 at position 4
        assertEquals(new BigDecimal("0.0014"), reference.tierRate(USD, "India", UTILITY, t("2024-08-05T10:00:00Z"), SAO_PAULO, 4));
        assertThrows(IllegalArgumentException.class, () -> reference.tierRate(USD, "India", UTILITY, aug, SAO_PAULO, 0));
        assertThrows(MissingRateException.class, () -> reference.tierRate(USD, "Atlantis", UTILITY, aug, SAO_PAULO, 1));
    }

    @Test
    void positionsBetweenTiersTakeTheCardAmount() {
        card("2025-07-01", "0.0625"); // Brazil utility 0.0080
        Reference.write(dir, "USD/2025-07-01.tiers.csv", "Market,Category,From,To,Rate\n"
                + "brazil,utility,11,20,0.0050\n"
                + "Brazil,UTILITY,1,5,0.0070\n"
                + "Brazil,UTILITY,21,,0.0040\n");
        RateCardBook book = RateCardBook.load(dir);
        Instant at = t("2025-08-01T12:00:00Z");
        assertEquals(new BigDecimal("0.0070"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 5));
        assertEquals(new BigDecimal("0.0080"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 6), "6..10: no tier");
        assertEquals(new BigDecimal("0.0080"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 10));
        assertEquals(new BigDecimal("0.0050"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 11));
        assertEquals(new BigDecimal("0.0050"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 20));
        assertEquals(new BigDecimal("0.0040"), book.tierRate(USD, "Brazil", UTILITY, at, OSLO, 21));
    }

    @Test
    void authenticationInternationalHasItsOwnColumnAndTiers() {
        Reference.write(dir, "USD/2026-10-01.csv", HEADER
                + "India,$US,0.0118,0.0014,0.0014,0.0280,0.0014\n"
                + "Brazil,$US,0.0625,0.0068,0.0068,n/a,0.0068\n");
        Reference.write(dir, "USD/2026-10-01.tiers.csv", "Market,Category,From,To,Rate\n"
                + "India,AUTHENTICATION_INTERNATIONAL,4,,0.0240\n");
        RateCardBook book = RateCardBook.load(dir);
        Instant oct = t("2026-10-15T12:00:00Z");
        assertEquals(new BigDecimal("0.0280"), book.rate(USD, "India", AUTHENTICATION_INTERNATIONAL, oct, OSLO));
        assertEquals(new BigDecimal("0.0280"), book.tierRate(USD, "India", AUTHENTICATION_INTERNATIONAL, oct, OSLO, 3));
        assertEquals(new BigDecimal("0.0240"), book.tierRate(USD, "India", AUTHENTICATION_INTERNATIONAL, oct, OSLO, 4));
        MissingRateException e = assertThrows(MissingRateException.class,
                () -> book.rate(USD, "Brazil", AUTHENTICATION_INTERNATIONAL, oct, OSLO));
        assertTrue(e.getMessage().contains("n/a (not offered) for Authentication-International"), e.getMessage());
        assertNull(book.rateIfOffered(USD, "Brazil", AUTHENTICATION_INTERNATIONAL, oct, OSLO));
        assertEquals(new BigDecimal("0.0068"), book.rateIfOffered(USD, "Brazil", SERVICE, oct, OSLO));
        assertNull(book.rateIfOffered(USD, "Atlantis", SERVICE, oct, OSLO), "market missing");
        assertNull(book.rateIfOffered(USD, "Brazil", SERVICE, t("2026-09-01T12:00:00Z"), OSLO), "no card in force");
    }

    @Test
    void aCardWithoutTheAuthenticationInternationalColumnOffersItNowhere() {
        Reference.write(dir, "USD/2024-01-01.csv", "Market,Currency,Marketing,Utility,Authentication,Service\n"
                + "India,$US,0.0099,0.0042,0.0042,0.0040\n");
        RateCardBook book = RateCardBook.load(dir);
        Instant at = t("2024-02-01T12:00:00Z");
        assertEquals(new BigDecimal("0.0042"), book.rate(USD, "India", AUTHENTICATION, at, OSLO));
        assertThrows(MissingRateException.class, () -> book.rate(USD, "India", AUTHENTICATION_INTERNATIONAL, at, OSLO));
    }

    // ---------------------------------------------------------------- malformed files

    @Test
    void malformedCardsAreErrorsNamingFileAndLine() {
        assertCardError("Brazil,$US,abc,0.0080,0.0315,n/a,0.0000\n", 2, "Marketing 'abc' is not an amount");
        assertCardError("Brazil,$US,-0.0625,0.0080,0.0315,n/a,0.0000\n", 2, "Marketing '-0.0625' is not an amount");
        assertCardError("Brazil,$US,$0.0625,0.0080,0.0315,n/a,0.0000\n", 2, "is not an amount");
        assertCardError("Brazil,$US,0.0625,,0.0315,n/a,0.0000\n", 2, "Utility '' is not an amount");
        assertCardError("Brazil,$US,0.0625,0.0080,0.0315,n/a,0.0000\nbrazil,$US,0.0625,0.0080,0.0315,n/a,0.0000\n", 3,
                "market 'brazil' appears twice (first on line 2)");
        assertCardError(",$US,0.0625,0.0080,0.0315,n/a,0.0000\n", 2, "Market is empty");
        assertCardError("Brazil,$US,0.0625,0.0080\n", 2, "expected 7 fields");

        Path f = Reference.write(dir, "USD/2024-01-01.csv", "Market,Currency,Marketing,Utility,Authentication\nBrazil,$US,1,1,1\n");
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains("missing column 'Service'"), e.getMessage());
    }

    @Test
    void malformedDirectoriesAndNames() {
        Reference.write(dir, "USD/README.md", "notes are ignored");
        card("2024-01-01", "0.0500");
        assertEquals(1, RateCardBook.load(dir).cards(USD).size());

        Path bad = Reference.write(dir, "USD/latest.csv", HEADER);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(bad, e.file());
        bad.toFile().delete();

        bad = Reference.write(dir, "USD/2024-02-30.csv", HEADER);
        e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(bad, e.file());
        bad.toFile().delete();

        Reference.write(dir, "usd/2024-01-01.csv", HEADER);
        e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(dir.resolve("usd"), e.file());
        assertTrue(e.getMessage().contains("ISO 4217"), e.getMessage());

        e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void malformedTiersAreErrorsNamingFileAndLine() {
        assertTierError("Brazil,UTILITY,1,3,0.0500\nBrazil,UTILITY,3,,0.0400\n", 3, "tier overlaps the tier on line 2");
        assertTierError("Brazil,UTILITY,1,,0.0500\nBrazil,UTILITY,100,,0.0400\n", 3, "tier overlaps the tier on line 2");
        assertTierError("Atlantis,UTILITY,1,3,0.0500\n", 2, "market 'Atlantis' is not on the rate card");
        assertTierError("Brazil,REFERRAL_CONVERSION,1,3,0.0500\n", 2, "Category 'REFERRAL_CONVERSION' is not one of");
        assertTierError("Brazil,PROMO,1,3,0.0500\n", 2, "Category 'PROMO' is not one of");
        assertTierError("Brazil,UTILITY,0,3,0.0500\n", 2, "From '0' is not a message number");
        assertTierError("Brazil,UTILITY,5,3,0.0500\n", 2, "To '3' is not empty or a message number at least From (5)");
        assertTierError("Brazil,UTILITY,1,3,n/a\n", 2, "Rate 'n/a' is not an amount");
        // SPEC 1.2: tiers exist for utility and the authentication family, never for marketing or service
        assertTierError("Brazil,UTILITY,1,3,0.0050\nBrazil,MARKETING,1,3,0.0500\n", 3, "Category 'MARKETING' has no volume tiers");
        assertTierError("Brazil,service,1,3,0.0500\n", 2, "Category 'service' has no volume tiers");

        Path orphan = Reference.write(dir, "USD/2025-01-01.tiers.csv", "Market,Category,From,To,Rate\n");
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(orphan, e.file());
        assertTrue(e.getMessage().contains("without a rate card 2025-01-01.csv"), e.getMessage());
    }

    private void assertCardError(String rows, long line, String text) {
        Path f = Reference.write(dir, "USD/2024-01-01.csv", HEADER + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(f, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    private void assertTierError(String rows, long line, String text) {
        card("2025-07-01", "0.0625");
        Path f = Reference.write(dir, "USD/2025-07-01.tiers.csv", "Market,Category,From,To,Rate\n" + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> RateCardBook.load(dir));
        assertEquals(f, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void categoriesWithoutColumnsAreNotSilentlyPriced() {
        // every column its own amount, so that a category read from another column shows
        Reference.write(dir, "USD/2024-01-01.csv", HEADER + "Brazil,$US,0.0101,0.0202,0.0303,0.0404,0.0505\n");
        RateCardBook book = RateCardBook.load(dir);
        Instant at = t("2024-02-01T12:00:00Z");
        java.util.Map<Category, String> columnAmount = java.util.Map.of(
                MARKETING, "0.0101", UTILITY, "0.0202", AUTHENTICATION, "0.0303",
                AUTHENTICATION_INTERNATIONAL, "0.0404", SERVICE, "0.0505");
        for (Category c : Category.values()) {
            String expected = columnAmount.get(c);
            if (expected != null) {
                assertEquals(new BigDecimal(expected), book.rate(USD, "Brazil", c, at, SAO_PAULO), c + " reads its own column");
            } else {
                // a category without a column (REFERRAL_CONVERSION, and any added later) is an error, never a price
                MissingRateException e = assertThrows(MissingRateException.class,
                        () -> book.rate(USD, "Brazil", c, at, SAO_PAULO), c + " has no column");
                assertEquals(c, e.category());
                assertTrue(e.getMessage().contains("rate cards have no amount for category " + c), e.getMessage());
            }
        }
        assertEquals(5, columnAmount.size());
        assertThrows(MissingRateException.class, () -> book.tierRate(USD, "Brazil", REFERRAL_CONVERSION, at, SAO_PAULO, 1));
    }
}
