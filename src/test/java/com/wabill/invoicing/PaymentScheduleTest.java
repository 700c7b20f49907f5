package com.wabill.invoicing;

import com.wabill.rating.Account;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static com.wabill.invoicing.PaymentReason.MONTH_END;
import static com.wabill.invoicing.PaymentReason.THRESHOLD;
import static com.wabill.invoicing.TestCharges.USD;
import static com.wabill.invoicing.TestCharges.charged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class PaymentScheduleTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** waba-2 of the reference accounts: Oslo, USD, threshold 25.00. */
    static final Account NORDIC = new Account("waba-2", "Nordic Goods", OSLO, USD, new BigDecimal("25.00"), "waba-2", true);
    static final YearMonth JAN = YearMonth.of(2025, 1);
    /** The first instant of February 2025 in Oslo (UTC+1). */
    static final Instant FEB_1_OSLO = Instant.parse("2025-01-31T23:00:00Z");
    static final Instant T0 = Instant.parse("2025-01-05T00:00:00Z");

    /** {@code n} Germany marketing conversations at 0.1365, charge i at T0 + i minutes; the month's payments. */
    private static List<Payment> germanyMarketing(Account account, int n, InvoiceStatus status) {
        PaymentSchedule schedule = new PaymentSchedule(account, JAN);
        InvoiceBuilder invoice = new InvoiceBuilder(account, JAN);
        for (int i = 1; i <= n; i++) {
            Charge c = charged(account.wabaId(), String.format("conv-%04d", i), T0.plus(Duration.ofMinutes(i)), "0.1365");
            schedule.accept(c);
            invoice.accept(c);
        }
        return schedule.finish(invoice.build(status, 1));
    }

    private static Payment payment(String at, String amount, PaymentReason reason) {
        return new Payment("waba-2", JAN, Instant.parse(at), new BigDecimal(amount), reason);
    }

    @Test
    void neverReachesTheThreshold() {
        // 183 x 0.1365 = 24.9795 < 25.00: no threshold payment; month end 24.9795 -> 24.98
        assertEquals(List.of(payment("2025-01-31T23:00:00Z", "24.98", MONTH_END)), germanyMarketing(NORDIC, 183, InvoiceStatus.CLOSED));
    }

    @Test
    void reachesTheThresholdOnce() {
        // the 184th: 184 x 0.1365 = 25.1160 >= 25.00: pay 25.1160 rounded = 25.12 at T0 + 184 min = 03:04Z
        // 200 x 0.1365 = 27.3000: invoice total 27.30, month end 27.30 - 25.12 = 2.18
        assertEquals(List.of(
                payment("2025-01-05T03:04:00Z", "25.12", THRESHOLD),
                payment("2025-01-31T23:00:00Z", "2.18", MONTH_END)), germanyMarketing(NORDIC, 200, InvoiceStatus.CLOSED));
    }

    @Test
    void reachesTheThresholdSeveralTimes() {
        // 184: R 25.1160, pay 25.12 (paid 25.12)
        // next when R - 25.12 >= 25, R >= 50.12: 50.12 / 0.1365 = 367.2 -> the 368th, R 50.2320 -> 50.23, pay 25.11 (paid 50.23)
        // next when R >= 75.23: 75.23 / 0.1365 = 551.1 -> the 552nd, R 75.3480 -> 75.35, pay 25.12 (paid 75.35)
        // 600 x 0.1365 = 81.9000: month end 81.90 - 75.35 = 6.55; 25.12 + 25.11 + 25.12 + 6.55 = 81.90
        List<Payment> payments = germanyMarketing(NORDIC, 600, InvoiceStatus.CLOSED);
        assertEquals(List.of(
                payment("2025-01-05T03:04:00Z", "25.12", THRESHOLD),   // T0 + 184 min
                payment("2025-01-05T06:08:00Z", "25.11", THRESHOLD),   // T0 + 368 min
                payment("2025-01-05T09:12:00Z", "25.12", THRESHOLD),   // T0 + 552 min
                payment("2025-01-31T23:00:00Z", "6.55", MONTH_END)), payments);
        assertEquals(new BigDecimal("81.90"), payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void anOpenMonthHasOnlyItsThresholdPayments() {
        assertEquals(List.of(payment("2025-01-05T03:04:00Z", "25.12", THRESHOLD)), germanyMarketing(NORDIC, 200, InvoiceStatus.OPEN));
        assertEquals(List.of(), germanyMarketing(NORDIC, 183, InvoiceStatus.OPEN));
    }

    @Test
    void withoutThresholdOneMonthEndPayment() {
        Account noThreshold = NORDIC.withPaymentThreshold(null);
        assertEquals(List.of(payment("2025-01-31T23:00:00Z", "81.90", MONTH_END)), germanyMarketing(noThreshold, 600, InvoiceStatus.CLOSED));
        assertEquals(List.of(), germanyMarketing(noThreshold, 0, InvoiceStatus.CLOSED), "nothing to pay");
    }

    @Test
    void roundingUpAtTheThresholdLeavesNothingForTheMonthEnd() {
        // R = 25.0050 >= 25.00: pay 25.0050 rounded half-up = 25.01; invoice total round(25.0050) = 25.01: no month end
        PaymentSchedule s = new PaymentSchedule(NORDIC, JAN);
        InvoiceBuilder b = new InvoiceBuilder(NORDIC, JAN);
        for (Charge c : List.of(charged("waba-2", "a", T0, "20.0000"), charged("waba-2", "b", T0.plusSeconds(1), "5.0050"))) {
            s.accept(c);
            b.accept(c);
        }
        assertEquals(List.of(payment("2025-01-05T00:00:01Z", "25.01", THRESHOLD)), s.finish(b.build(InvoiceStatus.CLOSED, 1)));
    }

    @Test
    void oneChargeCrossingTwoThresholdsMakesOnePayment() {
        // 0.0500 then 60.0000: R 60.0500, R - 0 >= 25: one payment of 60.05 (not 25 + 25 + rest)
        PaymentSchedule s = new PaymentSchedule(NORDIC, JAN);
        assertTrue(s.accept(charged("waba-2", "a", T0, "0.0500")).isEmpty());
        assertEquals(payment("2025-01-05T00:01:00Z", "60.05", THRESHOLD), s.accept(charged("waba-2", "b", T0.plusSeconds(60), "60.0000")).orElseThrow());
        assertEquals(new BigDecimal("60.05"), s.paid());
    }

    @Test
    void monthEndIsTheFirstInstantOfTheNextLocalMonth() {
        // Oslo July 2025 (summer time): August 1 00:00+02:00 = 2025-07-31T22:00Z
        PaymentSchedule s = new PaymentSchedule(NORDIC, YearMonth.of(2025, 7));
        assertEquals(Instant.parse("2025-07-31T22:00:00Z"), s.monthEnd());
        assertEquals(FEB_1_OSLO, new PaymentSchedule(NORDIC, JAN).monthEnd());
    }

    @Test
    void chargesMustArriveInTimeThenIdOrder() {
        PaymentSchedule s = new PaymentSchedule(NORDIC, JAN);
        s.accept(charged("waba-2", "b", T0, "1.0000"));
        s.accept(charged("waba-2", "c", T0, "1.0000"));
        assertThrows(IllegalArgumentException.class, () -> s.accept(charged("waba-2", "a", T0, "1.0000")));
        assertThrows(IllegalArgumentException.class, () -> s.accept(charged("waba-2", "z", T0.minusSeconds(1), "1.0000")));
        assertThrows(IllegalArgumentException.class, () -> s.accept(charged("waba-2", "z", FEB_1_OSLO, "1.0000")), "February");
    }

    @Test
    void theInvoiceMustBeOfTheSameCharges() {
        PaymentSchedule s = new PaymentSchedule(NORDIC, JAN);
        s.accept(charged("waba-2", "a", T0, "1.0000"));
        InvoiceBuilder b = new InvoiceBuilder(NORDIC, JAN);
        b.accept(charged("waba-2", "a", T0, "1.0001"));
        assertThrows(IllegalArgumentException.class, () -> s.finish(b.build(InvoiceStatus.CLOSED, 1)));
    }

    @Test
    void paymentsAlwaysAboveZero() {
        List<Payment> all = new ArrayList<>(germanyMarketing(NORDIC, 600, InvoiceStatus.CLOSED));
        assertTrue(all.stream().allMatch(p -> p.amount().signum() > 0));
        assertThrows(IllegalArgumentException.class, () -> payment("2025-01-31T23:00:00Z", "0.00", MONTH_END));
    }
}
