package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class AggregateReconcilerTest {

    @TempDir
    Path dir;

    final List<ReplayItem> items = ledger();
    final MetaExportWriter writer = new MetaExportWriter(ZONES);
    final List<MetaBucket> buckets = new ArrayList<>(writer.buckets(items));
    final List<MetaInvoiceLine> lines = writer.invoiceLines(items);

    private int index(String waba, PricingModel model, String localDayStartUtc, String phoneDigits, String country,
                      Category c, ConversationType type) {
        for (int i = 0; i < buckets.size(); i++) {
            MetaBucket b = buckets.get(i);
            if (b.wabaId().equals(waba) && b.model() == model && b.start().equals(t(localDayStartUtc))
                    && phoneDigits.equals(b.phoneNumber()) && country.equals(b.country()) && b.category() == c
                    && b.type() == type) return i;
        }
        throw new AssertionError("no such bucket");
    }

    private static Discrepancy single(List<Discrepancy> rows) {
        assertEquals(1, rows.size(), () -> "expected exactly one row, got " + DiscrepancyCsv.toString(rows));
        return rows.get(0);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertNotNull(actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }

    @Test
    void anExportGeneratedFromTheLedgerReconcilesClean() throws IOException {
        assertTrue(buckets.stream().anyMatch(b -> b.model() == PricingModel.CBP));
        assertTrue(buckets.stream().anyMatch(b -> b.model() == PricingModel.PMP));
        List<Discrepancy> rows = reconcileThroughFiles(dir, buckets, lines, items);
        assertEquals(List.of(), rows, () -> DiscrepancyCsv.toString(rows));
    }

    @Test
    void bucketsFollowTheWabasLocalDays() {
        // 23:30 local on 2024-03-04 in São Paulo is 02:30Z on 03-05, yet it is in the 03-04 local bucket
        int i = index(WABA_1, PricingModel.CBP, "2024-03-04T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        MetaBucket b = buckets.get(i);
        assertEquals(t("2024-03-05T03:00:00Z"), b.end());
        assertEquals(3, b.count());
        assertAmount("0.1875", b.cost());
    }

    @Test
    void aMissingBucketIsMissingAtMeta() throws IOException {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-06T03:00:00Z", PHONE_B, "BR", UTILITY, REGULAR);
        buckets.remove(i);
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, items));
        assertEquals(DiscrepancyKind.MISSING_AT_META, d.kind());
        assertEquals(WABA_1, d.wabaId());
        assertEquals(PHONE_B, d.phoneNumber());
        assertEquals(t("2024-03-06T03:00:00Z"), d.periodStart());
        assertEquals(t("2024-03-07T03:00:00Z"), d.periodEnd());
        assertEquals("BR", d.country());
        assertEquals(UTILITY, d.category());
        assertEquals(REGULAR, d.type());
        assertEquals(3L, d.expectedCount());
        assertEquals(0L, d.billedCount());
        assertAmount("0.0240", d.expectedAmount());
        assertAmount("0", d.billedAmount());
        assertAmount("-0.0240", d.difference());
        assertTrue(d.detail().contains("conv-m"), d.detail());
    }

    @Test
    void aBucketWithoutReplayItemsIsMissingInLogs() throws IOException {
        buckets.add(new MetaBucket(WABA_1, PricingModel.CBP, t("2024-03-05T03:00:00Z"), t("2024-03-06T03:00:00Z"),
                PHONE_A_DIGITS, "DE", MARKETING, REGULAR, 2, d("0.2730"), null));
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, items));
        assertEquals(DiscrepancyKind.MISSING_IN_LOGS, d.kind());
        assertEquals(PHONE_A_DIGITS, d.phoneNumber());
        assertEquals("DE", d.country());
        assertEquals(MARKETING, d.category());
        assertEquals(0L, d.expectedCount());
        assertEquals(2L, d.billedCount());
        assertAmount("0", d.expectedAmount());
        assertAmount("0.2730", d.billedAmount());
        assertAmount("0.2730", d.difference());
        assertTrue(d.detail().contains("waba-1.json"), d.detail());
    }

    @Test
    void anEmptyMetaBucketIsNotReported() throws IOException {
        buckets.add(new MetaBucket(WABA_1, PricingModel.CBP, t("2024-03-05T03:00:00Z"), t("2024-03-06T03:00:00Z"),
                PHONE_A_DIGITS, "DE", MARKETING, REGULAR, 0, d("0"), null));
        assertEquals(List.of(), reconcileThroughFiles(dir, buckets, lines, items));
    }

    @Test
    void oneConversationMoreAtMetaIsACountMismatch() throws IOException {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        MetaBucket b = buckets.get(i);
        buckets.set(i, b.withCount(b.count() + 1).withCost(b.cost().add(d("0.0625"))));
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, items));
        assertEquals(DiscrepancyKind.COUNT_MISMATCH, d.kind());
        assertEquals(PHONE_A_DIGITS, d.phoneNumber());
        assertEquals(t("2024-03-05T03:00:00Z"), d.periodStart());
        assertEquals(3L, d.expectedCount());
        assertEquals(4L, d.billedCount());
        assertAmount("0.1875", d.expectedAmount());
        assertAmount("0.2500", d.billedAmount());
        assertAmount("0.0625", d.difference());
    }

    @Test
    void aWrongPriceIsAnAmountMismatch_pmp() throws IOException {
        int i = index(WABA_1, PricingModel.PMP, "2025-07-08T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        buckets.set(i, buckets.get(i).withCost(d("0.2600")));
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, items));
        assertEquals(DiscrepancyKind.AMOUNT_MISMATCH, d.kind());
        assertEquals(MARKETING, d.category());
        assertEquals(REGULAR, d.type());
        assertEquals(4L, d.expectedCount());
        assertEquals(4L, d.billedCount());
        assertAmount("0.2500", d.expectedAmount());
        assertAmount("0.2600", d.billedAmount());
        assertAmount("0.0100", d.difference());
        assertTrue(d.detail().contains("message(s)"), d.detail());
    }

    @Test
    void aDifferenceWithinTheToleranceIsNotReported() throws IOException {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        buckets.set(i, buckets.get(i).withCost(d("0.1925"))); // 0.1875 + 0.005: exactly the tolerance
        int j = index(WABA_2, PricingModel.CBP, "2024-03-05T18:30:00Z", PHONE_C, "IN", UTILITY, REGULAR);
        buckets.set(j, buckets.get(j).withCost(d("0.11"))); // 0.1150 rounded down by 0.005 INR
        assertEquals(List.of(), reconcileThroughFiles(dir, buckets, lines, items));

        buckets.set(i, buckets.get(i).withCost(d("0.1926")));
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, items));
        assertEquals(DiscrepancyKind.AMOUNT_MISMATCH, d.kind());
        assertAmount("0.0051", d.difference());
    }

    @Test
    void aConfiguredToleranceApplies() {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        buckets.set(i, buckets.get(i).withCost(d("0.1975")));
        assertEquals(List.of(), AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.fixed(d("0.01"))));
        assertEquals(1, AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.fixed(d("0"))).size());
    }

    @Test
    void itemsWithoutBusinessPhoneNumberAreMatchedPerWaba() throws IOException {
        List<ReplayItem> phoneless = items.stream().map(i -> i.wabaId().equals(WABA_1)
                ? new ReplayItem(i.kind(), i.id(), i.wabaId(), null, i.country(), i.category(), i.type(), i.at(),
                i.amount(), i.currency()) : i).toList();
        // Meta's export keeps the phone numbers; the comparison drops them for waba-1 only
        assertEquals(List.of(), reconcileThroughFiles(dir, buckets, lines, phoneless));

        // Meta has one more US service conversation on PHONE_A on 03-05: found once, without the phone number
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "US", SERVICE, FREE_TIER);
        buckets.set(i, buckets.get(i).withCount(buckets.get(i).count() + 1));
        Discrepancy d = single(reconcileThroughFiles(dir, buckets, lines, phoneless));
        assertEquals(DiscrepancyKind.COUNT_MISMATCH, d.kind());
        assertNull(d.phoneNumber());
        assertEquals("US", d.country());
        assertEquals(SERVICE, d.category());
        assertEquals(FREE_TIER, d.type());
        assertEquals(3L, d.expectedCount());
        assertEquals(4L, d.billedCount());
        assertTrue(d.detail().contains("without the phone number"), d.detail());
    }

    @Test
    void bucketsOfTwoPhonesAreAddedWhenComparingWithoutPhone() {
        // both phones have BR marketing on the same day: the merged bucket holds the sum
        List<ReplayItem> phoneless = new ArrayList<>();
        List<MetaBucket> meta = new ArrayList<>();
        Instant day = t("2024-03-05T03:00:00Z");
        for (String phone : List.of(PHONE_A_DIGITS, PHONE_B)) {
            meta.add(new MetaBucket(WABA_1, PricingModel.CBP, day, day.plusSeconds(86400), phone, "BR", MARKETING,
                    REGULAR, 2, d("0.1250"), null));
        }
        for (int k = 0; k < 4; k++) {
            phoneless.add(conv(900 + k, WABA_1, null, "BR", MARKETING, REGULAR, day.plusSeconds(3600L * k),
                    "0.0625", "USD"));
        }
        assertEquals(List.of(), AggregateReconciler.reconcile(meta, phoneless, ZONES, Tolerance.halfMinorUnit()));
    }

    @Test
    void anExportWithoutPhoneNumbersIsComparedPerWaba() throws IOException {
        List<MetaBucket> noPhone = new MetaExportWriter(ZONES).buckets(items.stream().map(i ->
                new ReplayItem(i.kind(), i.id(), i.wabaId(), null, i.country(), i.category(), i.type(), i.at(),
                        i.amount(), i.currency())).toList());
        assertTrue(noPhone.stream().allMatch(b -> b.phoneNumber() == null));
        assertEquals(List.of(), reconcileThroughFiles(dir, noPhone, lines, items));
    }

    @Test
    void itemsOutsideTheExportedPeriodAreNotCompared() {
        List<ReplayItem> more = new ArrayList<>(items);
        more.add(conv(1000, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t("2024-03-20T12:00:00Z"), "0.0625", "USD"));
        more.add(conv(1001, "waba-unknown", PHONE_A, "BR", MARKETING, REGULAR, t("2024-03-05T12:00:00Z"), "0.0625", "USD"));
        AggregateReconciler r = new AggregateReconciler(buckets, ZONES);
        more.forEach(r);
        assertEquals(List.of(), r.finish());
        assertEquals(2, r.notCompared());
        assertEquals(items.size(), r.compared());
    }

    @Test
    void anItemInsideThePeriodButInNoBucketIsMissingAtMetaPerLocalDay() {
        List<ReplayItem> more = new ArrayList<>(items);
        // 01:00Z on 03-06 is 22:00 on 03-05 in São Paulo
        more.add(conv(2000, WABA_1, PHONE_A, "AR", MARKETING, REGULAR, t("2024-03-06T01:00:00Z"), "0.0618", "USD"));
        more.add(conv(2001, WABA_1, PHONE_A, "AR", MARKETING, REGULAR, t("2024-03-05T04:00:00Z"), "0.0618", "USD"));
        Discrepancy d = single(AggregateReconciler.reconcile(buckets, more, ZONES, Tolerance.halfMinorUnit()));
        assertEquals(DiscrepancyKind.MISSING_AT_META, d.kind());
        assertEquals(t("2024-03-05T03:00:00Z"), d.periodStart());
        assertEquals(2L, d.expectedCount());
        assertAmount("0.1236", d.expectedAmount());
        assertTrue(d.detail().contains("conv-m2001, conv-m2000"), d.detail());
    }

    @Test
    void anUnknownMetaCategoryIsReportedAndItsReplayItemsShowUp() throws IOException {
        // Meta names the authentication conversations of 03-05 with a name the replay does not know
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", AUTHENTICATION, REGULAR);
        buckets.set(i, buckets.get(i).withMetaCategory("BUSINESS_INITIATED").withCost(d("0.1360")));
        List<Discrepancy> rows = reconcileThroughFiles(dir, buckets, lines, items);
        assertEquals(2, rows.size(), () -> DiscrepancyCsv.toString(rows));
        Discrepancy missing = rows.get(0);
        assertEquals(DiscrepancyKind.MISSING_AT_META, missing.kind());
        assertEquals(AUTHENTICATION, missing.category());
        assertEquals(1L, missing.expectedCount());
        Discrepancy unknown = rows.get(1);
        assertEquals(DiscrepancyKind.UNKNOWN_META_CATEGORY, unknown.kind());
        assertNull(unknown.category());
        assertEquals(REGULAR, unknown.type());
        assertEquals(1L, unknown.billedCount());
        assertAmount("0.1360", unknown.billedAmount());
        assertTrue(unknown.detail().contains("BUSINESS_INITIATED"), unknown.detail());
    }

    /**
     * SPEC 4: Meta's AUTHENTICATION_INTERNATIONAL is compared like any category: the replay charged the 03-05
     * authentication conversations as domestic, so Meta's data point holds nothing of the replay's (MISSING_IN_LOGS)
     * and the replay's have no data point (MISSING_AT_META).
     */
    @Test
    void authenticationInternationalIsACategoryOfItsOwn() {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", AUTHENTICATION, REGULAR);
        buckets.set(i, buckets.get(i).withMetaCategory("authentication-international"));
        List<Discrepancy> rows = AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit());
        assertEquals(2, rows.size(), () -> DiscrepancyCsv.toString(rows));
        assertEquals(DiscrepancyKind.MISSING_AT_META, rows.get(0).kind());
        assertEquals(AUTHENTICATION, rows.get(0).category());
        assertEquals(DiscrepancyKind.MISSING_IN_LOGS, rows.get(1).kind());
        assertEquals(AUTHENTICATION_INTERNATIONAL, rows.get(1).category());
        assertEquals(rows.get(0).expectedCount(), rows.get(1).billedCount());
    }

    /** marketing_lite (the Marketing Messages API) is priced as marketing: its data point holds the marketing items. */
    @Test
    void marketingLiteIsMarketing() {
        int i = index(WABA_1, PricingModel.PMP, "2025-07-08T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        buckets.set(i, buckets.get(i).withMetaCategory("marketing_lite"));
        assertEquals(List.of(), AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit()));
    }

    @Test
    void dataPointsSplitByTierAreAddedTogether() {
        int i = index(WABA_1, PricingModel.PMP, "2025-07-08T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        MetaBucket b = buckets.get(i);
        buckets.set(i, b.withCount(1).withCost(d("0.0625")));
        buckets.add(b.withCount(3).withCost(d("0.1875")));
        assertEquals(List.of(), AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit()));
    }

    @Test
    void aBucketWithoutCostIsComparedOnCountsOnly() {
        int i = index(WABA_1, PricingModel.CBP, "2024-03-05T03:00:00Z", PHONE_A_DIGITS, "BR", MARKETING, REGULAR);
        buckets.set(i, buckets.get(i).withCost(null));
        assertEquals(List.of(), AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit()));
        buckets.set(i, buckets.get(i).withCount(2));
        Discrepancy d = single(AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit()));
        assertEquals(DiscrepancyKind.COUNT_MISMATCH, d.kind());
        assertNull(d.billedAmount());
        assertNull(d.difference());
    }

    @Test
    void overlappingBucketsCountAnItemOnce() {
        // a MONTHLY data point beside the DAILY ones: every item goes into its daily bucket, the monthly one is empty
        buckets.add(new MetaBucket(WABA_1, PricingModel.CBP, t("2024-03-01T03:00:00Z"), t("2024-04-01T03:00:00Z"),
                PHONE_A_DIGITS, "BR", MARKETING, REGULAR, 15, d("0.9375"), null));
        Discrepancy d = single(AggregateReconciler.reconcile(buckets, items, ZONES, Tolerance.halfMinorUnit()));
        assertEquals(DiscrepancyKind.MISSING_IN_LOGS, d.kind());
        assertEquals(15L, d.billedCount());
    }

    @Test
    void streamsManyItemsKeepingOnlyAggregates() {
        Instant day = t("2024-03-05T03:00:00Z");
        long n = 300_000;
        List<MetaBucket> meta = List.of(new MetaBucket(WABA_1, PricingModel.PMP, day, day.plusSeconds(86400),
                PHONE_A_DIGITS, "BR", MARKETING, REGULAR, n, d("0.0625").multiply(BigDecimal.valueOf(n)), null));
        AggregateReconciler r = new AggregateReconciler(meta, ZONES);
        BigDecimal rate = d("0.0625");
        java.util.stream.LongStream.range(0, n).mapToObj(k -> new ReplayItem(ReplayItem.Kind.MESSAGE, "m" + k,
                WABA_1, PHONE_A, "BR", MARKETING, REGULAR, day.plusMillis(k), rate, "USD")).forEach(r);
        assertEquals(List.of(), r.finish());
        assertEquals(n, r.compared());
    }
}
