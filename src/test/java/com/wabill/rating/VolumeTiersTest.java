package com.wabill.rating;

import static com.wabill.engine.Category.AUTHENTICATION;
import static com.wabill.engine.Category.AUTHENTICATION_INTERNATIONAL;
import static com.wabill.engine.Category.MARKETING;
import static com.wabill.engine.Category.SERVICE;
import static com.wabill.engine.Category.UTILITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Category;
import com.wabill.testsupport.FastTest;

/**
 * SPEC 1.2 and 2.9.7: volume tiers count the charged messages of a portfolio, market and family in the local month,
 * whatever their currency; each is charged the tier rate of its own category in its own currency's card.
 */
@FastTest
class VolumeTiersTest {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final String HEADER = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n";

    @TempDir
    Path dir;
    RateCard usd;
    RateCard brl;

    @BeforeEach
    void cards() {
        // USD: India auth 1-3 at 0.0014, 4.. at 0.0010; auth-international only from 4 on (0.0240); utility as auth
        Reference.write(dir, "USD/2026-10-01.csv", HEADER
                + "India,$US,0.0118,0.0014,0.0014,0.0280,0.0014\n"
                + "Brazil,$US,0.0625,0.0068,0.0068,n/a,0.0068\n");
        Reference.write(dir, "USD/2026-10-01.tiers.csv", "Market,Category,From,To,Rate\n"
                + "India,UTILITY,1,3,0.0014\nIndia,UTILITY,4,,0.0010\n"
                + "India,AUTHENTICATION,1,3,0.0014\nIndia,AUTHENTICATION,4,,0.0010\n"
                + "India,AUTHENTICATION_INTERNATIONAL,4,,0.0240\n");
        // BRL: India auth 1-2 at 0.0060, 3.. at 0.0050; auth-international from 3 on at 0.1300
        Reference.write(dir, "BRL/2026-10-01.csv", HEADER + "India,R$,0.0590,0.0070,0.0070,0.1400,0.0070\n");
        Reference.write(dir, "BRL/2026-10-01.tiers.csv", "Market,Category,From,To,Rate\n"
                + "India,AUTHENTICATION,1,2,0.0060\nIndia,AUTHENTICATION,3,,0.0050\n"
                + "India,AUTHENTICATION_INTERNATIONAL,3,,0.1300\n");
        RateCardBook book = RateCardBook.load(dir);
        usd = book.cards(Currency.getInstance("USD")).get(LocalDate.of(2026, 10, 1));
        brl = book.cards(Currency.getInstance("BRL")).get(LocalDate.of(2026, 10, 1));
    }

    @Test
    void theRateOfAPositionIsItsCategorysTierElseTheCardAmount() {
        Object[][] table = {
                // category, position, rate
                {AUTHENTICATION, 1, "0.0014"},
                {AUTHENTICATION, 4, "0.0010"},
                {AUTHENTICATION_INTERNATIONAL, 3, "0.0280"}, // no tier row of its own for 3: the card's amount
                {AUTHENTICATION_INTERNATIONAL, 4, "0.0240"},
                {UTILITY, 3, "0.0014"},
                {UTILITY, 1_000_000, "0.0010"},
                {MARKETING, 5, "0.0118"},                    // no tiers: the card's amount
        };
        for (Object[] row : table) {
            assertEquals(new BigDecimal((String) row[2]), VolumeTiers.rateAt(usd, "India", (Category) row[0], (int) row[1]),
                    row[0] + " #" + row[1]);
        }
        assertNull(VolumeTiers.rateAt(usd, "Brazil", AUTHENTICATION_INTERNATIONAL, 1), "n/a: no rate");
        assertNull(VolumeTiers.rateAt(usd, "Atlantis", UTILITY, 1), "market missing: no rate");
        assertNull(VolumeTiers.rateAt(null, "India", UTILITY, 1), "no card in force: no rate");
        assertThrows(IllegalArgumentException.class, () -> VolumeTiers.rateAt(usd, "India", UTILITY, 0));
    }

    @Test
    void aPortfolioCountsTheAuthenticationFamilyAcrossCurrenciesAndChargesEachInItsOwn() {
        VolumeTiers tiers = new VolumeTiers();
        Instant t = Instant.parse("2026-10-10T06:00:00Z");
        // portfolio p1: w1 bills USD, w2 BRL, both in Kolkata; all contacts in India; one count for auth + auth-int
        Object[][] stream = {
                // message, WABA, portfolio, minutes after t, category, card => family position, rate
                {"m1", "w1", "p1", 0, AUTHENTICATION, usd, 1, "0.0014"},                 // USD auth tier 1-3
                {"m2", "w2", "p1", 1, AUTHENTICATION, brl, 2, "0.0060"},                 // BRL auth tier 1-2
                {"m3", "w2", "p1", 2, AUTHENTICATION_INTERNATIONAL, brl, 3, "0.1300"},   // BRL auth-int tier 3..
                {"m4", "w1", "p1", 3, AUTHENTICATION_INTERNATIONAL, usd, 4, "0.0240"},   // USD auth-int tier 4..
                {"m5", "w1", "p1", 4, UTILITY, usd, 1, "0.0014"},                        // utility: its own count
                {"m6", "w1", "p1", 5, MARKETING, usd, 0, "0.0118"},                      // no tiers, not counted
                {"m7", "w1", "p1", 6, SERVICE, usd, 0, "0.0014"},                        // charged service: no tiers
                {"m8", "w3", "p2", 7, AUTHENTICATION, usd, 1, "0.0014"},                 // another portfolio
                {"m9", "w2", "p1", 8, AUTHENTICATION, brl, 5, "0.0050"},                 // BRL auth tier 3..
                // same instant and message id: by WABA id, w1 before w2
                {"x", "w1", "p1", 9, UTILITY, usd, 2, "0.0014"},
                {"x", "w2", "p1", 9, UTILITY, brl, 3, "0.0070"},                         // BRL has no utility tiers
                {"m10", "w1", "p1", 10, UTILITY, usd, 4, "0.0010"},                      // 4th utility: tier 4..
        };
        for (Object[] row : stream) {
            VolumeTiers.Charge c = tiers.next((String) row[2], (String) row[1], (String) row[0],
                    t.plusSeconds(60L * (int) row[3]), KOLKATA, "India", (Category) row[4], (RateCard) row[5]);
            assertEquals((int) row[6], c.position(), row[0] + " position");
            assertEquals(new BigDecimal((String) row[7]), c.rate(), row[0] + " rate");
            assertEquals(c.rate(), c.amount());
        }
        // a market counts on its own: Brazil authentication has no tiers, the card's amount at position 1
        VolumeTiers.Charge brazil = tiers.next("p1", "w1", "b1", t.plusSeconds(3600), KOLKATA, "Brazil", AUTHENTICATION, usd);
        assertEquals(1, brazil.position());
        assertEquals(new BigDecimal("0.0068"), brazil.rate());
    }

    @Test
    void eachMessageCountsInTheMonthOfItsOwnWabasZone() {
        VolumeTiers tiers = new VolumeTiers();
        // 2026-10-31T18:30Z is 1 November 00:00 in Kolkata (UTC+5:30) but still 31 October in UTC
        Instant t = Instant.parse("2026-10-31T18:29:00Z");
        assertEquals(1, tiers.next("p1", "w1", "a", t, KOLKATA, "India", UTILITY, usd).position());
        assertEquals(1, tiers.next("p1", "w1", "b", t.plusSeconds(60), KOLKATA, "India", UTILITY, usd).position(),
                "November in Kolkata: a new count");
        assertEquals(2, tiers.next("p1", "w2", "c", t.plusSeconds(120), ZoneOffset.UTC, "India", UTILITY, usd).position(),
                "still October for a WABA in UTC: a's count goes on");
    }

    @Test
    void aChargedMessageWithoutRateAndMessagesOutOfOrder() {
        VolumeTiers tiers = new VolumeTiers();
        Instant t = Instant.parse("2026-10-10T06:00:00Z");
        VolumeTiers.Charge na = tiers.next("p1", "w1", "a", t, KOLKATA, "Brazil", AUTHENTICATION_INTERNATIONAL, usd);
        assertTrue(na.rateMissing());
        assertEquals(1, na.position(), "it still holds its place in the count");
        assertTrue(tiers.next("p1", "w1", "b", t, KOLKATA, "India", UTILITY, null).rateMissing(), "no card in force");
        tiers.next("p1", "w1", "m2", t.plusSeconds(60), KOLKATA, "India", UTILITY, usd);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiers.next("p1", "w1", "m1", t.plusSeconds(30), KOLKATA, "India", UTILITY, usd));
        assertTrue(e.getMessage().contains("m1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> tiers.next("p1", "w1", "m2", t.plusSeconds(60), KOLKATA, "India", UTILITY, usd), "given twice");
    }

    @Test
    void familiesOfCategories() {
        assertEquals(TierFamily.UTILITY, TierFamily.of(UTILITY));
        assertEquals(TierFamily.AUTHENTICATION, TierFamily.of(AUTHENTICATION));
        assertEquals(TierFamily.AUTHENTICATION, TierFamily.of(AUTHENTICATION_INTERNATIONAL));
        assertNull(TierFamily.of(MARKETING));
        assertNull(TierFamily.of(SERVICE));
        assertNull(TierFamily.of(Category.REFERRAL_CONVERSION));
    }
}
