package com.wabill.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private void assertError(String rows, long line, String text) {
        Path f = Reference.write(dir, "accounts.csv", HEADER + rows);
        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> AccountDirectory.load(f));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
