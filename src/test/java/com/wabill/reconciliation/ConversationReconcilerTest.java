package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class ConversationReconcilerTest {

    static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");

    /** A CBP message at T0 + minutes. */
    static ConversationLink cbp(String msg, int minutes, String metaId, String metaCat, String convId, Category c,
                                ConversationType type) {
        return new ConversationLink(msg, "waba-1", metaId, metaCat, convId, c, type, T0.plusSeconds(60L * minutes),
                PricingModel.CBP);
    }

    static ConversationLink pmp(String msg, int minutes, String metaId, String metaCat, String convId, Category c,
                                ConversationType type) {
        return new ConversationLink(msg, "waba-1", metaId, metaCat, convId, c, type, T0.plusSeconds(60L * minutes),
                PricingModel.PMP);
    }

    /** A clean history: marketing (2 messages), utility, service, a free entry point conversation. */
    static List<ConversationLink> clean() {
        List<ConversationLink> l = new ArrayList<>();
        l.add(cbp("m1", 0, "M1", "marketing", "conv-m1", MARKETING, REGULAR));
        l.add(cbp("m2", 5, "M1", "marketing", "conv-m1", MARKETING, REGULAR));
        l.add(cbp("m3", 10, "M2", "utility", "conv-m3", UTILITY, REGULAR));
        l.add(cbp("m4", 20, "M3", "SERVICE", "conv-m4", SERVICE, FREE_TIER));
        l.add(cbp("m5", 30, "M4", "referral_conversion", "conv-m5", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        l.add(cbp("m6", 40, "M4", "referral_conversion", "conv-m5", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        // PMP: per-message ids (Graph API v23), a charged marketing and a free utility template
        l.add(pmp("m7", 50, "P1", "marketing", null, MARKETING, REGULAR));
        l.add(pmp("m8", 55, "P2", "utility", null, UTILITY, FREE_CUSTOMER_SERVICE));
        // PMP free entry point window: one replay window, per-message Meta ids
        l.add(pmp("m9", 60, "P3", "referral_conversion", "conv-m9", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        l.add(pmp("m10", 61, "P4", "referral_conversion", "conv-m9", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        return l;
    }

    static Discrepancy single(List<Discrepancy> rows) {
        assertEquals(1, rows.size(), () -> DiscrepancyCsv.toString(rows));
        return rows.get(0);
    }

    @Test
    void matchingConversationsAreClean() {
        assertEquals(List.of(), ConversationReconciler.reconcile(clean()));
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<ConversationLink> l = clean();
        l.set(2, cbp("m3", 10, "M2", "marketing", "conv-m3", UTILITY, REGULAR));
        List<ConversationLink> reversed = new ArrayList<>(l);
        java.util.Collections.reverse(reversed);
        assertEquals(ConversationReconciler.reconcile(l), ConversationReconciler.reconcile(reversed));
    }

    @Test
    void aCategorySwapIsACategoryMismatch() {
        List<ConversationLink> l = clean();
        l.set(2, cbp("m3", 10, "M2", "marketing", "conv-m3", UTILITY, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.CATEGORY_MISMATCH, d.kind());
        assertEquals("waba-1", d.wabaId());
        assertEquals(UTILITY, d.category());
        assertEquals(REGULAR, d.type());
        assertEquals(1L, d.expectedCount());
        assertEquals(1L, d.billedCount());
        assertNull(d.difference());
        assertTrue(d.detail().contains("'marketing'") && d.detail().contains("m3"), d.detail());
        assertEquals(T0.plusSeconds(600), d.periodStart());
    }

    @Test
    void aFreeEntryPointMetaDidNotGrant() {
        List<ConversationLink> l = clean();
        l.set(4, cbp("m5", 30, "M4", "marketing", "conv-m5", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        l.set(5, cbp("m6", 40, "M4", "marketing", "conv-m5", REFERRAL_CONVERSION, FREE_ENTRY_POINT));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.FREE_ENTRY_POINT_MISMATCH, d.kind());
        assertEquals(REFERRAL_CONVERSION, d.category());
        assertEquals(FREE_ENTRY_POINT, d.type());
        assertEquals(1L, d.expectedCount());
        assertTrue(d.detail().startsWith("the replay gave a free entry point where Meta did not"), d.detail());
        assertTrue(d.detail().endsWith("messages: m5"), d.detail());
    }

    @Test
    void aFreeEntryPointTheReplayDidNotGive() {
        List<ConversationLink> l = clean();
        l.set(2, cbp("m3", 10, "M2", "referral_conversion", "conv-m3", UTILITY, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.FREE_ENTRY_POINT_MISMATCH, d.kind());
        assertEquals(UTILITY, d.category());
        assertTrue(d.detail().startsWith("Meta gave a free entry point"), d.detail());
    }

    @Test
    void aPmpMessageIsComparedOnItsOwn() {
        List<ConversationLink> l = clean();
        l.set(6, pmp("m7", 50, "P1", "utility", null, MARKETING, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.CATEGORY_MISMATCH, d.kind());
        assertEquals(MARKETING, d.category());
        assertTrue(d.detail().contains("message(s)"), d.detail());
    }

    @Test
    void unknownMetaCategoriesAreOneRowPerValueAndWaba() {
        List<ConversationLink> l = clean();
        l.add(cbp("a1", 70, "M9", "business_initiated", "conv-a1", AUTHENTICATION, REGULAR));
        l.add(cbp("a2", 71, "M9", "BUSINESS_INITIATED", "conv-a1", AUTHENTICATION, REGULAR));
        l.add(pmp("a3", 72, "P9", "business_initiated", null, AUTHENTICATION, REGULAR));
        l.add(new ConversationLink("b1", "waba-2", "X1", "business_initiated", "conv-b1", AUTHENTICATION,
                REGULAR));
        l.add(cbp("c1", 80, "M10", "user_initiated", "conv-c1", SERVICE, REGULAR));
        List<Discrepancy> rows = ConversationReconciler.reconcile(l);
        assertEquals(3, rows.size(), () -> DiscrepancyCsv.toString(rows));
        assertTrue(rows.stream().allMatch(r -> r.kind() == DiscrepancyKind.UNKNOWN_META_CATEGORY));
        Discrepancy unknown = rows.get(0);
        assertEquals("waba-1", unknown.wabaId());
        assertEquals(3L, unknown.billedCount());
        assertNull(unknown.category());
        assertTrue(unknown.detail().contains("'business_initiated'"), unknown.detail());
        assertTrue(unknown.detail().endsWith("a1, a2, a3"), unknown.detail());
        assertEquals(1L, rows.get(1).billedCount());
        assertTrue(rows.get(1).detail().contains("user_initiated"));
        assertEquals("waba-2", rows.get(2).wabaId());
    }

    /** SPEC 4: authentication-international (either spelling) and marketing_lite are categories the replay knows. */
    @Test
    void authenticationInternationalAndMarketingLiteAreKnown() {
        List<ConversationLink> l = clean();
        l.add(cbp("a1", 70, "M9", "authentication_international", "conv-a1", AUTHENTICATION_INTERNATIONAL, REGULAR));
        l.add(pmp("a2", 72, "P9", "authentication-international", null, AUTHENTICATION_INTERNATIONAL, REGULAR));
        l.add(pmp("k1", 74, "P10", "marketing_lite", null, MARKETING, REGULAR));
        assertEquals(List.of(), ConversationReconciler.reconcile(l));
        // the replay charged a3 as domestic authentication: Meta's international category differs
        l.add(pmp("a3", 76, "P11", "AUTHENTICATION-INTERNATIONAL", null, AUTHENTICATION, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.CATEGORY_MISMATCH, d.kind());
        assertEquals(AUTHENTICATION, d.category());
    }

    @Test
    void theReplayOpenedAConversationMetaDidNot() {
        // Meta kept m2 in the marketing conversation M1; the replay opened a second conversation at m2
        List<ConversationLink> l = clean();
        l.set(1, cbp("m2", 5, "M1", "marketing", "conv-m2", MARKETING, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.MISSING_AT_META, d.kind());
        assertEquals(MARKETING, d.category());
        assertEquals(1L, d.expectedCount());
        assertEquals(0L, d.billedCount());
        assertTrue(d.detail().endsWith("opening messages: m2"), d.detail());
    }

    @Test
    void metaOpenedAConversationTheReplayDidNot() {
        // Meta opened a new marketing conversation at m2; the replay kept m2 in conv-m1
        List<ConversationLink> l = clean();
        l.set(1, cbp("m2", 5, "M1b", "marketing", "conv-m1", MARKETING, REGULAR));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.MISSING_IN_LOGS, d.kind());
        assertEquals(MARKETING, d.category());
        assertEquals(0L, d.expectedCount());
        assertEquals(1L, d.billedCount());
        assertTrue(d.detail().endsWith("Meta's opening messages: m2"), d.detail());
    }

    @Test
    void aMessageTheReplayPutInNoConversation() {
        List<ConversationLink> l = clean();
        l.add(cbp("r1", 90, "M20", "service", null, null, null));
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.MISSING_IN_LOGS, d.kind());
        assertEquals(SERVICE, d.category());
        assertTrue(d.detail().contains("r1"), d.detail());
    }

    @Test
    void conversationsOpenedAtDifferentMessagesArePairedByASharedMessage() {
        // Meta opened M1 at m1 (which the replay refused), the replay opened conv-m2 at m2: one conversation each
        List<ConversationLink> l = new ArrayList<>();
        l.add(cbp("m1", 0, "M1", "service", null, null, null));
        l.add(cbp("m2", 1, "M1", "service", "conv-m2", SERVICE, REGULAR));
        assertEquals(List.of(), ConversationReconciler.reconcile(l));
    }

    @Test
    void detailNamesTheFirstFiveMessagesThenHowManyMore() {
        List<ConversationLink> l = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            l.add(cbp("x" + i, i, "MX" + i, "marketing", "conv-x" + i, UTILITY, REGULAR));
        }
        Discrepancy d = single(ConversationReconciler.reconcile(l));
        assertEquals(DiscrepancyKind.CATEGORY_MISMATCH, d.kind());
        assertEquals(7L, d.expectedCount());
        assertEquals(7L, d.billedCount());
        assertTrue(d.detail().endsWith("messages: x0, x1, x2, x3, x4 and 2 more"), d.detail());
        assertEquals(T0, d.periodStart());
        assertEquals(T0.plusSeconds(360), d.periodEnd());
    }

    @Test
    void aBlankMetaCategoryIsNotCompared() {
        List<ConversationLink> l = clean();
        l.set(2, cbp("m3", 10, "M2", " ", "conv-m3", UTILITY, REGULAR));
        assertEquals(List.of(), ConversationReconciler.reconcile(l));
    }
}
