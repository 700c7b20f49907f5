package com.wabill.rating;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import com.wabill.testsupport.FastTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class MoneyTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency BHD = Currency.getInstance("BHD");

    @Test
    void roundsHalfUpOnceAtTheTotal() {
        // three Brazil marketing conversations and one Brazil utility conversation (August 2024 card):
        // 3 x 0.0625 = 0.1875; + 0.0080 = 0.1955; rounded to cents half-up: 0.20
        BigDecimal total = new BigDecimal("0.0625").multiply(BigDecimal.valueOf(3)).add(new BigDecimal("0.0080"));
        assertEquals(new BigDecimal("0.1955"), total);
        assertEquals(new BigDecimal("0.20"), Money.roundTotal(total, USD));
        // rounding each conversation first would give 3 x 0.06 + 0.01 = 0.19: wrong, rounding happens once
        BigDecimal roundedEach = Money.roundTotal(new BigDecimal("0.0625"), USD).multiply(BigDecimal.valueOf(3))
                .add(Money.roundTotal(new BigDecimal("0.0080"), USD));
        assertEquals(new BigDecimal("0.19"), roundedEach);
    }

    @Test
    void halfUpAtTheMinorUnit() {
        assertEquals(new BigDecimal("0.01"), Money.roundTotal(new BigDecimal("0.005"), USD));
        assertEquals(new BigDecimal("0.00"), Money.roundTotal(new BigDecimal("0.0049"), USD));
        assertEquals(new BigDecimal("12.35"), Money.roundTotal(new BigDecimal("12.3450"), USD));
        assertEquals(new BigDecimal("13"), Money.roundTotal(new BigDecimal("12.5"), JPY));
        assertEquals(new BigDecimal("1.235"), Money.roundTotal(new BigDecimal("1.2345"), BHD));
        assertEquals("0.00", Money.roundTotal(BigDecimal.ZERO, USD).toPlainString());
    }

    @Test
    void minorUnits() {
        assertEquals(2, Money.minorUnitDigits(USD));
        assertEquals(new BigDecimal("0.01"), Money.minorUnit(USD));
        assertEquals(new BigDecimal("1"), Money.minorUnit(JPY));
        assertEquals(new BigDecimal("0.001"), Money.minorUnit(BHD));
        assertEquals(new BigDecimal("0.005"), Money.halfMinorUnit(USD));
        assertEquals(new BigDecimal("0.5"), Money.halfMinorUnit(JPY));
        assertThrows(IllegalArgumentException.class, () -> Money.minorUnitDigits(Currency.getInstance("XAU")));
    }

    @Test
    void comparedByValue() {
        assertTrue(Money.sameValue(BigDecimal.ZERO, new BigDecimal("0.0000")));
        assertTrue(Money.sameValue(new BigDecimal("0.0080"), new BigDecimal("0.008")));
        assertFalse(Money.sameValue(new BigDecimal("0.0080"), null));
        assertTrue(Money.sameValue(null, null));
        assertFalse(Money.isPositive(new BigDecimal("0.0000")));
        assertTrue(Money.isPositive(new BigDecimal("0.0001")));
    }
}
