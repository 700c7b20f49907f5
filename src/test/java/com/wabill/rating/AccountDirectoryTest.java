package com.wabill.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import com.wabill.testsupport.FastTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class AccountDirectoryTest {

    private static final String HEADER = "waba_id,name,timezone,currency,payment_threshold,portfolio_id\n";

    @TempDir
    Path dir;

    @Test
    void readsTheReferenceAccounts() {
        AccountDirectory accounts = AccountDirectory.load(Reference.accounts());
        Account loja = accounts.account("waba-1");
        assertEquals("Loja Azul", loja.name());
        assertEquals(ZoneId.of("America/Sao_Paulo"), loja.zone());
        assertEquals(Currency.getInstance("USD"), loja.currency());
        assertNull(loja.paymentThreshold());
        assertEquals("waba-1", loja.portfolioId(), "portfolio defaults to the WABA itself");
        assertTrue(loja.known());

        Account nordic = accounts.account("waba-2");
        assertEquals(ZoneId.of("Europe/Oslo"), nordic.zone());
        assertEquals(0, new BigDecimal("25").compareTo(nordic.paymentThreshold()));
        assertEquals("25.00", nordic.paymentThreshold().toPlainString());
        assertTrue(accounts.unknownWabas().isEmpty());
    }

    @Test
    void unknownWabaIsBilledInUtcAndUsdAndRemembered() {
        AccountDirectory accounts = AccountDirectory.load(Reference.accounts());
        Account a = accounts.account("waba-9");
        assertEquals(ZoneOffset.UTC, a.zone());
        assertEquals(Currency.getInstance("USD"), a.currency());
        assertNull(a.paymentThreshold());
        assertEquals("waba-9", a.portfolioId());
        assertFalse(a.known());
        accounts.account("waba-7");
        accounts.account("waba-9");
        accounts.account("waba-1");
        assertEquals(List.of("waba-7", "waba-9"), List.copyOf(accounts.unknownWabas()));
    }

    @Test
    void quotedNamesPortfoliosAndLowerCaseCurrency() {
        Path f = Reference.write(dir, "accounts.csv", HEADER
                + "w1,\"Loja, Azul \"\"Ltda\"\"\",America/Sao_Paulo,brl,1000,p-9\n"
                + "w2,,UTC,JPY,5000,\n");
        AccountDirectory accounts = AccountDirectory.load(f);
        Account w1 = accounts.account("w1");
        assertEquals("Loja, Azul \"Ltda\"", w1.name());
        assertEquals(Currency.getInstance("BRL"), w1.currency());
        assertEquals("p-9", w1.portfolioId());
        assertEquals(ZoneId.of("UTC"), accounts.account("w2").zone());
        assertEquals(Currency.getInstance("JPY"), accounts.account("w2").currency());
    }

    @Test
    void badRowsAreErrorsNamingFileAndLine() {
        assertError("w1,A,Mars/Olympus,USD,,\n", 2, "unknown time zone 'Mars/Olympus'");
        assertError("w1,A,+03:00,USD,,\n", 2, "unknown time zone '+03:00'");
        assertError("w1,A,,USD,,\n", 2, "timezone is empty");
        assertError("w1,A,UTC,USD,,\nw2,B,UTC,XYZ,,\n", 3, "unknown currency 'XYZ'");
        assertError("w1,A,UTC,DOLLARS,,\n", 2, "unknown currency 'DOLLARS'");
        assertError("w1,A,UTC,XAU,,\n", 2, "has no minor unit");
        assertError("w1,A,UTC,USD,0,\n", 2, "must be positive");
        assertError("w1,A,UTC,USD,0.00,\n", 2, "must be positive");
        assertError("w1,A,UTC,USD,-5,\n", 2, "not a positive decimal");
        assertError("w1,A,UTC,USD,25 USD,\n", 2, "not a positive decimal");
        assertError("w1,A,UTC,USD,1e3,\n", 2, "not a positive decimal");
        assertError("w1,A,UTC,USD,25.001,\n", 2, "finer than the minor unit of USD");
        assertError("w1,A,UTC,JPY,25.5,\n", 2, "finer than the minor unit of JPY");
        assertError("w1,A,UTC,USD,,\n\"w1\",B,UTC,USD,,\n", 3, "listed twice (first on line 2)");
        assertError(",A,UTC,USD,,\n", 2, "waba_id is empty");
    }

    @Test
    void trailingZerosOfAThresholdAreFine() {
        Path f = Reference.write(dir, "accounts.csv", HEADER + "w1,A,UTC,USD,25.0000,\n");
        assertEquals(0, new BigDecimal("25").compareTo(AccountDirectory.load(f).account("w1").paymentThreshold()));
    }

    // ---------------------------------------------------------------- SPEC v3: 2.11 columns and effective dates

    private static final String V3_HEADER =
            "waba_id,name,timezone,currency,payment_threshold,portfolio_id,primary_country,auth_international_from,effective_from\n";
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency INR = Currency.getInstance("INR");

    @Test
    void theColumnsOfAuthenticationInternational() {
        Path f = Reference.write(dir, "accounts.csv", V3_HEADER
                + "w3,Chennai Pay,Asia/Kolkata,USD,,,in,2026-10-15,\n"
                + "w5,Only Country,UTC,USD,,,BR,,\n");
        AccountDirectory accounts = AccountDirectory.load(f);
        Account w3 = accounts.account("w3");
        assertEquals("IN", w3.primaryCountry(), "upper-cased");
        assertEquals(java.time.LocalDate.of(2026, 10, 15), w3.authInternationalFrom());
        assertNull(w3.effectiveFrom());
        assertTrue(w3.authInternationalEligible());
        assertFalse(accounts.account("w5").authInternationalEligible(), "a primary country without a start date");
    }

    @Test
    void theRowInForceFollowsTheLocalDateAndBeforeTheFirstRowTheWabaIsBilledAsWithoutOne() {
        Path f = Reference.write(dir, "accounts.csv", V3_HEADER
                + "w4,Mumbai Mart,Asia/Kolkata,INR,50.00,,,,2026-11-15\n"
                + "w4,Mumbai Mart,Asia/Kolkata,USD,1.00,p-4,,,2026-06-01\n"
                + "w1,Loja Azul,America/Sao_Paulo,USD,,,,,\n");
        AccountDirectory accounts = AccountDirectory.load(f);
        // Kolkata is UTC+5:30: 15 November 2026 00:00 there is 14 November 18:30Z
        Account usd = accounts.accountAt("w4", Instant.parse("2026-11-14T18:29:59Z"));
        assertEquals(USD, usd.currency());
        assertEquals(0, new BigDecimal("1").compareTo(usd.paymentThreshold()));
        assertEquals("p-4", usd.portfolioId());
        Account inr = accounts.accountAt("w4", Instant.parse("2026-11-14T18:30:00Z"));
        assertEquals(INR, inr.currency());
        assertEquals("w4", inr.portfolioId(), "each row its own portfolio column");
        assertTrue(inr.known());
        // 1 June 2026 00:00 in Kolkata is 31 May 18:30Z: before it, the WABA's rows are not in force yet
        assertTrue(accounts.wabasBilledBeforeTheirRows().isEmpty());
        Account before = accounts.accountAt("w4", Instant.parse("2026-05-31T18:29:59Z"));
        assertEquals(USD, before.currency());
        assertEquals(KOLKATA, before.zone(), "billed as a WABA without a row, but in its rows' zone");
        assertNull(before.paymentThreshold());
        assertEquals("w4", before.portfolioId());
        assertFalse(before.known());
        assertFalse(before.authInternationalEligible());
        assertEquals(java.util.List.of("w4"), java.util.List.copyOf(accounts.wabasBilledBeforeTheirRows()));
        assertTrue(accounts.unknownWabas().isEmpty(), "w4 is listed: not an unknown WABA");
        // an undated row is in force always
        assertEquals("Loja Azul", accounts.accountAt("w1", Instant.parse("2020-01-01T00:00:00Z")).name());
        // rows by date, the zone of them all
        assertEquals(java.util.List.of(USD, INR), accounts.rows("w4").stream().map(Account::currency).toList());
        assertEquals(KOLKATA, accounts.zone("w4"));
        assertEquals(ZoneOffset.UTC, accounts.zone("w9"));
        assertEquals(java.util.List.of("w9"), java.util.List.copyOf(accounts.unknownWabas()));
        // a caller that does not follow dates must not get one row's currency for every instant
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> accounts.account("w4"));
        assertTrue(e.getMessage().contains("accountAt"), e.getMessage());
        assertEquals("Loja Azul", accounts.account("w1").name());
    }

    @Test
    void onlyTheRequiredColumnsInTheHeader() {
        Path f = Reference.write(dir, "accounts.csv", "currency,timezone,waba_id\nUSD,UTC,w1\n");
        Account w1 = AccountDirectory.load(f).account("w1");
        assertEquals("", w1.name());
        assertEquals("w1", w1.portfolioId());
        assertNull(w1.primaryCountry());
    }

    @Test
    void badRowsOfTheV3ColumnsAreErrorsNamingFileAndLines() {
        assertV3Error("w4,A,Asia/Kolkata,USD,,,,,\nw4,A,Asia/Kolkata,INR,,,,,\n", 3,
                "WABA 'w4' is listed twice (first on line 2) with the same effective_from (empty: always)");
        assertV3Error("w1,A,UTC,USD,,,,,\nw4,A,Asia/Kolkata,USD,,,,,2026-01-01\nw4,A,Asia/Kolkata,INR,,,,,2026-01-01\n", 4,
                "WABA 'w4' is listed twice (first on line 3) with the same effective_from (2026-01-01)");
        assertV3Error("w4,A,Asia/Kolkata,USD,,,,,\nw4,A,Asia/Calcutta,INR,,,,,2026-11-15\n", 3,
                "WABA 'w4' has time zone Asia/Calcutta here but Asia/Kolkata on line 2");
        assertV3Error("w3,A,UTC,USD,,,XX,2026-10-15,\n", 2, "unknown primary_country 'XX'");
        assertV3Error("w3,A,UTC,USD,,,India,2026-10-15,\n", 2, "unknown primary_country 'India'");
        assertV3Error("w3,A,UTC,USD,,,IN,15/10/2026,\n", 2, "auth_international_from '15/10/2026' is not a date");
        assertV3Error("w3,A,UTC,USD,,,IN,2026-02-30,\n", 2, "auth_international_from '2026-02-30' is not a date");
        assertV3Error("w3,A,UTC,USD,,,,,next month\n", 2, "effective_from 'next month' is not a date");
    }

    private void assertV3Error(String rows, long line, String text) {
        Path f = Reference.write(dir, "accounts.csv", V3_HEADER + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> AccountDirectory.load(f));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void accountsGivenByTheCallerFollowTheSameRules() {
        Account a = new Account("w4", "", KOLKATA, USD, null, null, true, null, null, null);
        Account b = new Account("w4", "", KOLKATA, INR, null, null, true, null, null, java.time.LocalDate.of(2026, 11, 15));
        AccountDirectory accounts = AccountDirectory.of(java.util.List.of(b, a));
        assertEquals(INR, accounts.accountAt("w4", Instant.parse("2026-11-15T00:00:00Z")).currency());
        assertEquals(USD, accounts.accountAt("w4", Instant.parse("2026-11-14T00:00:00Z")).currency());
        assertThrows(IllegalArgumentException.class, () -> AccountDirectory.of(java.util.List.of(a, a)));
        Account utc = new Account("w4", "", ZoneOffset.UTC, INR, null, null, true, null, null, java.time.LocalDate.of(2027, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> AccountDirectory.of(java.util.List.of(a, utc)));
    }

    private void assertError(String rows, long line, String text) {
        Path f = Reference.write(dir, "accounts.csv", HEADER + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> AccountDirectory.load(f));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
