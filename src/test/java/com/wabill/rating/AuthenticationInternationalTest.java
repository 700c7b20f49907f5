package com.wabill.rating;

import static com.wabill.engine.Category.AUTHENTICATION;
import static com.wabill.engine.Category.AUTHENTICATION_INTERNATIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Category;
import com.wabill.testsupport.FastTest;

/** SPEC 2.11: when an authentication item is charged as authentication-international. */
@FastTest
class AuthenticationInternationalTest {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final Currency USD = Currency.getInstance("USD");

    @TempDir
    Path dir;

    @Test
    void allFourConditionsOrAuthentication() {
        Reference.write(dir, "USD/2026-10-01.csv",
                "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n"
                        + "India,$US,0.0118,0.0014,0.0014,0.0280,0.0014\n"
                        + "Indonesia,$US,0.0411,0.0250,0.0250,0.1360,0.0250\n"
                        + "Brazil,$US,0.0625,0.0068,0.0068,n/a,0.0068\n"
                        + "Other,$US,0.0604,0.0077,0.0077,n/a,0.0077\n");
        Reference.write(dir, "USD/2026-11-01.csv",
                "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n"
                        + "Other,$US,0.0604,0.0077,0.0077,0.0900,0.0077\n");
        RateCardBook book = RateCardBook.load(dir);
        RateCard oct = book.cardInForce(USD, LocalDate.of(2026, 10, 20)).orElseThrow();
        RateCard nov = book.cardInForce(USD, LocalDate.of(2026, 11, 20)).orElseThrow();
        LocalDate start = LocalDate.of(2026, 10, 15);
        Account eligible = new Account("w3", "", KOLKATA, USD, null, null, true, "IN", start, null);
        Account countryOnly = new Account("w3", "", KOLKATA, USD, null, null, true, "IN", null, null);
        Account dateOnly = new Account("w3", "", KOLKATA, USD, null, null, true, null, start, null);
        Object[][] table = {
                // account, contact country, local date, card, market => category
                {eligible, "ID", start, oct, "Indonesia", AUTHENTICATION_INTERNATIONAL},   // all four hold
                {eligible, "ID", start.minusDays(1), oct, "Indonesia", AUTHENTICATION},    // before the start date
                {eligible, "IN", start, oct, "India", AUTHENTICATION},                     // domestic contact
                {eligible, "BR", start, oct, "Brazil", AUTHENTICATION},                    // the card gives n/a
                {eligible, null, start, oct, "Other", AUTHENTICATION},                     // no country; Other n/a
                {eligible, null, start.plusMonths(1), nov, "Other", AUTHENTICATION_INTERNATIONAL}, // Other offered later
                {eligible, "ID", start, null, "Indonesia", AUTHENTICATION},                // no card in force
                {countryOnly, "ID", start, oct, "Indonesia", AUTHENTICATION},              // no start date
                {dateOnly, "ID", start, oct, "Indonesia", AUTHENTICATION},                 // no primary country
        };
        for (Object[] row : table) {
            assertEquals(row[5], AuthenticationInternational.categoryOf((Account) row[0], (String) row[1],
                    (LocalDate) row[2], (RateCard) row[3], (String) row[4]),
                    row[1] + " on " + row[2] + " in " + row[4]);
        }
        assertEquals(Category.AUTHENTICATION, AuthenticationInternational.categoryOf(Account.beforeFirstRow("w3", KOLKATA),
                "ID", start, oct, "Indonesia"), "before a WABA's rows: no 2.11");
    }
}
