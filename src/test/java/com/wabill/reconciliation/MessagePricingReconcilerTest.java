package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.wabill.testsupport.FastTest;

/**
 * SPEC 4, Messages. waba-1 bills in São Paulo (UTC-3 in October 2026): its day 2026-10-02 runs from
 * 2026-10-02T03:00Z to 2026-10-03T03:00Z.
 */
@FastTest
class MessagePricingReconcilerTest {

    static final Instant DAY2 = t("2026-10-02T03:00:00Z"); // local midnight of 2026-10-02

    static MessagePricing msg(String id, int minutes, Category c, ConversationType type, String amount,
            String metaCat, String metaType) {
        return new MessagePricing(id, WABA_1, PHONE_A, DAY2.plusSeconds(60L * minutes), c, type, d(amount), "USD",
                metaCat, metaType);
    }

    /** The 2.10 history Meta agrees with: charged utility in the window, free and charged service, an auth-intl. */
    static List<MessagePricing> agreed() {
        List<MessagePricing> l = new ArrayList<>();
        l.add(msg("u1", 0, UTILITY, REGULAR, "0.0080", "utility", "regular"));
        l.add(msg("s1", 1, SERVICE, FREE_CUSTOMER_SERVICE, "0", "service", "free_customer_service"));
        l.add(msg("s2", 2, SERVICE, REGULAR, "0.0080", "SERVICE", "REGULAR"));
        l.add(msg("a1", 3, AUTHENTICATION_INTERNATIONAL, REGULAR, "0.0280", "authentication-international", "regular"));
        l.add(msg("a2", 4, AUTHENTICATION_INTERNATIONAL, REGULAR, "0.0280", "authentication_international", "regular"));
        l.add(msg("k1", 5, MARKETING, REGULAR, "0.0625", "marketing_lite", "regular"));
        l.add(msg("f1", 6, REFERRAL_CONVERSION, FREE_ENTRY_POINT, "0", "referral_conversion", "free_entry_point"));
        return l;
    }

    static Discrepancy single(List<Discrepancy> rows) {
        assertEquals(1, rows.size(), () -> DiscrepancyCsv.toString(rows));
        return rows.get(0);
    }

    @Test
    void metasNamesAreMatchedCaseInsensitivelyWithAuthenticationInternationalAndMarketingLite() {
        MessagePricingReconciler r = new MessagePricingReconciler(ZONES);
        agreed().forEach(r);
        r.accept(msg("x1", 7, UTILITY, REGULAR, "0.0080", null, " "));
        assertEquals(List.of(), r.finish());
        assertEquals(7, r.compared());
        assertEquals(1, r.notCompared(), "x1 has neither of Meta's columns");
    }

    @Test
    void serviceMetaGaveFreeThatTheReplayChargedIsOneRowWithItsCountAndAmount() {
        // the replay counted s2..s4 past the phone number's 1,000 free service messages; Meta kept them free
        List<MessagePricing> l = agreed();
        l.add(msg("s3", 10, SERVICE, REGULAR, "0.0080", "service", "free_customer_service"));
        l.add(msg("s4", 11, SERVICE, REGULAR, "0.0080", "service", "FREE_CUSTOMER_SERVICE"));
        l.set(2, msg("s2", 2, SERVICE, REGULAR, "0.0080", "service", "free_customer_service"));
        Discrepancy d = single(MessagePricingReconciler.reconcile(l, ZONES));
        assertEquals(DiscrepancyKind.PRICING_MISMATCH, d.kind());
        assertEquals(WABA_1, d.wabaId());
        assertEquals(PHONE_A_DIGITS, d.phoneNumber());
        assertEquals(DAY2, d.periodStart());
        assertEquals(t("2026-10-03T03:00:00Z"), d.periodEnd());
        assertEquals(SERVICE, d.category());
        assertEquals(REGULAR, d.type());
        assertEquals(3L, d.expectedCount());
        assertEquals(3L, d.billedCount());
        // 3 × 0.0080 = 0.0240 charged by the replay; Meta's per-message amount is unknown
        assertEquals(0, d.expectedAmount().compareTo(d("0.0240")), d.expectedAmount().toPlainString());
        assertNull(d.billedAmount());
        assertNull(d.difference());
        assertEquals("Meta priced 3 message(s) as SERVICE/FREE_CUSTOMER_SERVICE, the replay as SERVICE/REGULAR"
                + " (charged 0.0240 USD) on 2026-10-02 (America/Sao_Paulo); messages: s2, s3, s4", d.detail());
    }

    @Test
    void rowsSplitByDayInTheWabasZoneAndByPair() {
        List<MessagePricing> l = agreed();
        // 23:59 local on 10-02 is 02:59Z on 10-03 (same local day); 00:00 local on 10-03 is the next day
        l.add(msg("u2", 23 * 60 + 59, UTILITY, REGULAR, "0.0080", "utility", "free_customer_service"));
        l.add(msg("u3", 24 * 60, UTILITY, REGULAR, "0.0080", "utility", "free_customer_service"));
        // the other way round on 10-02: Meta charged a utility template the replay gave free
        l.add(msg("u4", 30, UTILITY, FREE_CUSTOMER_SERVICE, "0", "utility", "regular"));
        // an authentication template Meta charged as international, the replay as domestic
        l.add(msg("a3", 40, AUTHENTICATION, REGULAR, "0.0135", "authentication-international", "regular"));
        List<Discrepancy> rows = MessagePricingReconciler.reconcile(l, ZONES);
        assertEquals(4, rows.size(), () -> DiscrepancyCsv.toString(rows));
        // canonical order: period start, then category, then type (enum orders: REGULAR before FREE_CUSTOMER_SERVICE)
        assertEquals(List.of("u2", "u4", "a3", "u3"), rows.stream()
                .map(r -> r.detail().substring(r.detail().lastIndexOf(' ') + 1)).toList());
        assertEquals(UTILITY, rows.get(0).category());
        assertEquals(REGULAR, rows.get(0).type());
        assertEquals(FREE_CUSTOMER_SERVICE, rows.get(1).type());
        assertEquals(0, rows.get(1).expectedAmount().signum());
        assertTrue(rows.get(2).detail().contains("as AUTHENTICATION_INTERNATIONAL/REGULAR, the replay as"
                + " AUTHENTICATION/REGULAR"), rows.get(2).detail());
        assertEquals(t("2026-10-03T03:00:00Z"), rows.get(3).periodStart());
    }

    @Test
    void atMostTenIdsByTimeThenId() {
        List<MessagePricing> l = new ArrayList<>();
        // 12 messages given in reverse: the first ten by event time are m00..m09
        for (int i = 11; i >= 0; i--) {
            l.add(msg(String.format("m%02d", i), i, MARKETING, REGULAR, "0.0625", "marketing", "free_entry_point"));
        }
        Discrepancy d = single(MessagePricingReconciler.reconcile(l, ZONES));
        assertEquals(12L, d.expectedCount());
        // 12 × 0.0625 = 0.7500
        assertEquals(0, d.expectedAmount().compareTo(d("0.75")));
        assertTrue(d.detail().endsWith("messages: m00, m01, m02, m03, m04, m05, m06, m07, m08, m09 and 2 more"),
                d.detail());
    }

    @Test
    void anUnknownMetaNameIsReportedAsWrittenAndOnlyTheGivenColumnIsCompared() {
        List<MessagePricing> l = agreed();
        l.add(msg("n1", 20, MARKETING, REGULAR, "0.0625", "Marketing_Premium", null));
        l.add(msg("n2", 21, MARKETING, REGULAR, "0.0625", null, "regular")); // type only: equal
        Discrepancy d = single(MessagePricingReconciler.reconcile(l, ZONES));
        assertEquals(MARKETING, d.category());
        assertTrue(d.detail().startsWith("Meta priced 1 message(s) as marketing_premium/-, the replay as"
                + " MARKETING/REGULAR"), d.detail());
    }

    @Test
    void phoneNumbersAreComparedByTheirDigits() {
        List<MessagePricing> l = new ArrayList<>();
        l.add(msg("p1", 0, SERVICE, REGULAR, "0.0080", "service", "free_customer_service"));
        l.add(new MessagePricing("p2", WABA_1, PHONE_A_DIGITS, DAY2.plusSeconds(60), SERVICE, REGULAR,
                new BigDecimal("0.0080"), "USD", "service", "free_customer_service"));
        assertEquals(2L, single(MessagePricingReconciler.reconcile(l, ZONES)).expectedCount());
    }
}
