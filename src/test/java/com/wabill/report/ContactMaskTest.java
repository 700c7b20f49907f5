package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

import com.wabill.testsupport.FastTest;

@FastTest
class ContactMaskTest {

    @Test
    void keepsCallingCodeAndLastFour() {
        assertEquals("+55 *******0001", ContactMask.mask("5511987650001"));   // Brazil: 2-digit code
        assertEquals("+1 ******0123", ContactMask.mask("14155550123"));       // NANP: 1-digit code
        assertEquals("+7 ******4567", ContactMask.mask("79161234567"));       // Russia
        assertEquals("+353 *****5678", ContactMask.mask("353861235678"));     // Ireland: 3-digit code
        assertEquals("+44 ******0123", ContactMask.mask("447700900123"));
    }

    @Test
    void normalisesAndHandlesEdgeCases() {
        assertEquals("+55 *******0001", ContactMask.mask("+55 11 98765-0001"));
        assertNull(ContactMask.mask(null));
        assertEquals("***", ContactMask.mask(""));
        assertEquals("+****67", ContactMask.mask("234567"));
        assertEquals("+*1", ContactMask.mask("11"));
    }

    @Property
    void neverShowsTheWholeNumber(@ForAll @NumericChars @StringLength(min = 2, max = 15) String digits) {
        String masked = ContactMask.mask(digits);
        assertFalse(masked.replaceAll("[^0-9]", "").equals(digits), masked);
        assertTrue(masked.contains("*"), masked);
        assertTrue(digits.endsWith(masked.substring(masked.length() - Math.min(2, digits.length() / 2))));
    }
}
