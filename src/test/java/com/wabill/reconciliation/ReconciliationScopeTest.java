package com.wabill.reconciliation;

import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class ReconciliationScopeTest {

    static final YearMonth JUNE = YearMonth.of(2025, 6);
    static final YearMonth JULY = YearMonth.of(2025, 7);

    /** UTC days from..to, inclusive. */
    static List<LocalDate> days(String from, String to) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) out.add(d);
        return out;
    }

    static MetaBucket bucket(String waba, PricingModel model, String start, String end) {
        return new MetaBucket(waba, model, t(start), t(end), PHONE_A_DIGITS, "BR", MARKETING, REGULAR, 1,
                d("0.0625"), null);
    }

    @Test
    void aDataPointIsComparedWhenItsMonthsAreInScopeAndItsUtcDaysBilled() {
        // São Paulo is UTC-3: its local 2025-06-10 is 2025-06-10T03:00Z..2025-06-11T03:00Z, two UTC days
        ReconciliationScope scope = new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)),
                days("2025-06-01", "2025-06-10"), ZONES);
        assertTrue(scope.covers(WABA_1, t("2025-06-09T03:00:00Z"), t("2025-06-10T03:00:00Z")));
        assertFalse(scope.covers(WABA_1, t("2025-06-10T03:00:00Z"), t("2025-06-11T03:00:00Z")),
                "2025-06-11 (UTC) is not billed");
        assertFalse(scope.covers(WABA_2, t("2025-06-09T00:00:00Z"), t("2025-06-10T00:00:00Z")), "WABA not in scope");
        // a data point of the local month of July, not in scope
        assertFalse(new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)), days("2025-06-01", "2025-07-10"), ZONES)
                .covers(WABA_1, t("2025-07-01T03:00:00Z"), t("2025-07-02T03:00:00Z")));
        // a MONTHLY data point needs every UTC day it overlaps
        ReconciliationScope whole = new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)),
                days("2025-06-01", "2025-07-01"), ZONES);
        assertTrue(whole.covers(WABA_1, t("2025-06-01T03:00:00Z"), t("2025-07-01T03:00:00Z")));
        assertTrue(whole.monthComplete(WABA_1, JUNE));
        assertFalse(new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)), days("2025-06-01", "2025-06-30"), ZONES)
                .monthComplete(WABA_1, JUNE), "the last local hours of June lie on 2025-07-01 (UTC)");
        assertFalse(whole.monthComplete(WABA_1, JULY), "not in scope");
        // a gap in the billed days
        List<LocalDate> gap = days("2025-06-01", "2025-07-01");
        gap.remove(LocalDate.parse("2025-06-15"));
        assertFalse(new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)), gap, ZONES).monthComplete(WABA_1, JUNE));
    }

    @Test
    void itemsInsideALeftOutDataPointAreNotCompared() {
        ReconciliationScope scope = new ReconciliationScope(Map.of(WABA_1, Set.of(JUNE)),
                days("2025-06-01", "2025-06-10"), ZONES);
        MetaBucket inside = bucket(WABA_1, PricingModel.CBP, "2025-06-09T03:00:00Z", "2025-06-10T03:00:00Z");
        MetaBucket straddling = bucket(WABA_1, PricingModel.CBP, "2025-06-10T03:00:00Z", "2025-06-11T03:00:00Z");
        assertEquals(List.of(inside), scope.select(List.of(inside, straddling)));
        ReplayItem billedHalf = conv(1, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t("2025-06-10T20:00:00Z"),
                "0.0625", "USD");
        ReplayItem before = conv(2, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t("2025-06-09T20:00:00Z"),
                "0.0625", "USD");
        ReplayItem message = msg(3, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t("2025-06-10T20:00:00Z"),
                "0.0625", "USD");
        ReplayItem otherMonth = conv(4, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t("2025-07-01T04:00:00Z"),
                "0.0625", "USD");
        assertFalse(scope.compares(billedHalf), "its data point is left out: not MISSING_AT_META");
        assertTrue(scope.compares(before));
        assertTrue(scope.compares(message), "another model's data points");
        assertFalse(scope.compares(otherMonth));
        assertTrue(scope.excluded(WABA_1, PricingModel.CBP, t("2025-06-11T02:59:59Z")));
        assertFalse(scope.excluded(WABA_1, PricingModel.CBP, t("2025-06-11T03:00:00Z")));
    }

    @Test
    void theMonthsAnExportCovers() {
        List<MetaBucket> buckets = List.of(
                bucket(WABA_1, PricingModel.CBP, "2025-06-01T03:00:00Z", "2025-06-02T03:00:00Z"),
                bucket(WABA_1, PricingModel.PMP, "2025-07-31T03:00:00Z", "2025-08-01T03:00:00Z"),
                bucket(WABA_2, PricingModel.CBP, "2025-06-30T18:30:00Z", "2025-07-01T18:30:00Z"));
        List<MetaInvoiceLine> lines = List.of(new MetaInvoiceLine("waba-9", YearMonth.of(2025, 5), "USD",
                new BigDecimal("1.00")));
        MetaBillingExport export = new MetaBillingExport(buckets, lines);
        Map<String, Set<YearMonth>> covered = ReconciliationScope.coveredBy(export,
                List.of("waba-1|2025-06", "waba-7|2025-05", "waba-7|2025-04"), ZONES);
        assertEquals(Map.of(
                WABA_1, Set.of(JUNE, JULY),             // the span between its data points
                WABA_2, Set.of(JULY),                   // Kolkata: 2025-07-01 00:00 local
                "waba-9", Set.of(YearMonth.of(2025, 5)), // its invoice line
                "waba-7", Set.of(YearMonth.of(2025, 5))  // in the ledger in a month invoices.csv covers
        ), covered);
    }

    @Test
    void theMonthsUtcDaysTouch() {
        Map<String, Set<YearMonth>> m = ReconciliationScope.monthsTouching(List.of(WABA_1, WABA_2, "waba-utc"),
                LocalDate.parse("2025-07-01"), LocalDate.parse("2025-07-31"), ZONES);
        assertEquals(Set.of(JUNE, JULY), m.get(WABA_1), "2025-07-01T00:00Z is June 30 in São Paulo");
        assertEquals(Set.of(JULY, YearMonth.of(2025, 8)), m.get(WABA_2), "2025-07-31T23:00Z is August 1 in Kolkata");
        assertEquals(Set.of(JULY), m.get("waba-utc"));
    }

    @Test
    void wabaMonthPairs() {
        Map<String, Set<YearMonth>> m = ReconciliationScope.parseWabaMonths(
                List.of("waba-1|2025-07", "waba-1|2025-06", "a|b|2025-06"));
        assertEquals(Map.of("waba-1", Set.of(JUNE, JULY), "a|b", Set.of(JUNE)), m);
        ReconciliationScope scope = new ReconciliationScope(m, List.of(), ZONES);
        assertEquals(List.of("a|b|2025-06", "waba-1|2025-06", "waba-1|2025-07"), scope.wabaMonths());
        assertThrows(IllegalArgumentException.class, () -> ReconciliationScope.parseWabaMonths(List.of("2025-06")));
    }
}
