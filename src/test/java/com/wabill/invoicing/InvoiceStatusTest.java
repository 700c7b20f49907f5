package com.wabill.invoicing;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.wabill.testsupport.FastTest;

import static com.wabill.invoicing.InvoiceStatus.CLOSED;
import static com.wabill.invoicing.InvoiceStatus.OPEN;
import static com.wabill.invoicing.InvoiceStatus.statusFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

@FastTest
class InvoiceStatusTest {

    @Test
    void westOfUtcTheMonthEndsAfterTheUtcDay() {
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        // October 2024 in Sao Paulo ends 2024-11-01 00:00-03:00 = 2024-11-01T03:00Z
        // billed through UTC day Oct 31 (ends 2024-11-01T00:00Z): three local hours are missing
        assertEquals(OPEN, statusFor(YearMonth.of(2024, 10), saoPaulo, LocalDate.of(2024, 10, 31)));
        // billed through UTC day Nov 1 (ends 2024-11-02T00:00Z): closed
        assertEquals(CLOSED, statusFor(YearMonth.of(2024, 10), saoPaulo, LocalDate.of(2024, 11, 1)));
    }

    @Test
    void eastOfUtcTheMonthEndsBeforeTheUtcDay() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        // January 2025 in Oslo ends 2025-02-01 00:00+01:00 = 2025-01-31T23:00Z, within UTC day Jan 31
        assertEquals(CLOSED, statusFor(YearMonth.of(2025, 1), oslo, LocalDate.of(2025, 1, 31)));
        assertEquals(OPEN, statusFor(YearMonth.of(2025, 1), oslo, LocalDate.of(2025, 1, 30)));
        // July 2025 (summer time) ends 2025-08-01 00:00+02:00 = 2025-07-31T22:00Z
        assertEquals(CLOSED, statusFor(YearMonth.of(2025, 7), oslo, LocalDate.of(2025, 7, 31)));
    }

    @Test
    void inUtcTheMonthEndsWithItsLastDay() {
        // ends 2024-03-01T00:00Z = the end of UTC day Feb 29 (leap year)
        assertEquals(CLOSED, statusFor(YearMonth.of(2024, 2), ZoneOffset.UTC, LocalDate.of(2024, 2, 29)));
        assertEquals(OPEN, statusFor(YearMonth.of(2024, 2), ZoneOffset.UTC, LocalDate.of(2024, 2, 28)));
        assertEquals(CLOSED, statusFor(YearMonth.of(2024, 2), ZoneOffset.UTC, LocalDate.of(2024, 5, 1)));
        assertEquals(OPEN, statusFor(YearMonth.of(2024, 2), ZoneOffset.UTC, null));
    }
}
