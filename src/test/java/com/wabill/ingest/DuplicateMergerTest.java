package com.wabill.ingest;

import static com.wabill.ingest.TestRows.T0;
import static com.wabill.ingest.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.wabill.engine.DeliveryStatus;
import com.wabill.ingest.DuplicateMerger.Conflicting;
import com.wabill.ingest.DuplicateMerger.Merged;
import com.wabill.testsupport.FastTest;

@FastTest
class DuplicateMergerTest {

    private static LogRow at(String source, long row, Map<String, Object> values) {
        return (LogRow) RowValidator.validate(source, row, values);
    }

    private static Merged merged(LogRow... copies) {
        DuplicateMerger.Result r = DuplicateMerger.merge(List.of(copies));
        assertThat(r).isInstanceOf(Merged.class);
        return (Merged) r;
    }

    private static Conflicting conflicting(LogRow... copies) {
        DuplicateMerger.Result r = DuplicateMerger.merge(List.of(copies));
        assertThat(r).isInstanceOf(Conflicting.class);
        return (Conflicting) r;
    }

    @Test
    void aSingleRowIsItself() {
        LogRow a = at("a", 1, row());
        assertThat(merged(a)).isEqualTo(new Merged(a, 0));
    }

    @Test
    void exactCopiesMergeIntoTheFirst() {
        Map<String, Object> r = row("message_type", "TEMPLATE", "template_category", "UTILITY");
        LogRow a = at("b.parquet", 3, r);
        LogRow b = at("a.parquet", 9, r);
        LogRow c = at("a.parquet", 2, r);
        Merged m = merged(a, b, c);
        assertThat(m.mergedAway()).isEqualTo(2);
        assertThat(m.row()).isEqualTo(c);
        assertThat(a.sameContent(b)).isTrue();
    }

    @Test
    void statusUpdatesMergeIntoTheFurthestStatusEarliestDeliveryAndNonNullMeta() {
        LogRow sent = at("a", 1, row("status", "SENT", "meta_conversation_id", "c1"));
        LogRow delivered = at("a", 2, row("status", "DELIVERED", "delivered_at", T0.plusSeconds(20),
                "meta_conversation_category", "marketing", "meta_billable", true));
        LogRow read = at("a", 3, row("status", "read", "delivered_at", T0.plusSeconds(30), "meta_pricing_model", "CBP"));
        List<LogRow> copies = new ArrayList<>(List.of(read, sent, delivered));
        for (int i = 0; i < 3; i++) {
            Collections.rotate(copies, 1);
            Merged m = (Merged) DuplicateMerger.merge(copies);
            assertThat(m.mergedAway()).isEqualTo(2);
            LogRow r = m.row();
            assertThat(r.source()).isEqualTo("a");
            assertThat(r.rowNumber()).isEqualTo(1);
            assertThat(r.status()).isEqualTo(DeliveryStatus.READ);
            assertThat(r.deliveredAt()).isEqualTo(T0.plusSeconds(20));
            assertThat(r.eventTime()).isEqualTo(T0.plusSeconds(20));
            assertThat(r.metaConversationId()).isEqualTo("c1");
            assertThat(r.metaConversationCategory()).isEqualTo("marketing");
            assertThat(r.metaBillable()).isTrue();
            assertThat(r.metaPricingModel()).isEqualTo("CBP");
        }
        assertThat(sent.sameExceptStatus(read)).isTrue();
        assertThat(sent.sameContent(read)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"SENT, FAILED, FAILED", "FAILED, DELIVERED, DELIVERED", "READ, SENT, READ", "DELIVERED, READ, READ"})
    void theFurthestStatusWins(DeliveryStatus a, DeliveryStatus b, DeliveryStatus expected) {
        assertThat(merged(at("a", 1, row("status", a.name())), at("a", 2, row("status", b.name()))).row().status())
                .isEqualTo(expected);
    }

    @Test
    void conflictingMetaValuesComeFromTheMostAdvancedCopy() {
        LogRow sent = at("a", 1, row("status", "SENT", "meta_conversation_category", "utility", "meta_billable", false));
        LogRow delivered = at("a", 2, row("status", "DELIVERED", "meta_conversation_category", "marketing"));
        LogRow r = merged(sent, delivered).row();
        assertThat(r.metaConversationCategory()).isEqualTo("marketing");
        assertThat(r.metaBillable()).isFalse();
    }

    @Test
    void inboundCopiesWithDifferentRawStatusesAreExactCopies() {
        assertThat(merged(at("a", 1, row("direction", "INBOUND", "status", "RECEIVED")),
                at("a", 2, row("direction", "INBOUND", "status", "whatever"))).mergedAway()).isEqualTo(1);
        // case is not content
        assertThat(merged(at("a", 1, row("direction", "inbound", "referral_source_type", "ad", "message_type", "text")),
                at("a", 2, row("direction", "INBOUND", "referral_source_type", "AD", "message_type", "TEXT"))).mergedAway()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "waba_id|waba-2",
        "phone_number_id|pn-2",
        "business_phone_number|15550009999",
        "contact_wa_id|5511987650002",
        "direction|INBOUND",
        "sent_at|2024-12-02T08:00:01Z",
        "message_type|IMAGE",
        "template_name|other",
    })
    void copiesDifferingInAnotherColumnAreAllRejected(String column, String value) {
        LogRow a = at("a.parquet", 4, row());
        LogRow b = at("b.parquet", 7, row(column, value));
        LogRow c = at("a.parquet", 1, row());
        Conflicting x = conflicting(a, b, c);
        assertThat(x.rejections()).extracting(RowRejection::source, RowRejection::row).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.parquet", 1L),
                org.assertj.core.groups.Tuple.tuple("a.parquet", 4L),
                org.assertj.core.groups.Tuple.tuple("b.parquet", 7L));
        assertThat(x.rejections()).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.CONFLICTING_DUPLICATE);
            assertThat(r.messageId()).isEqualTo("m1");
            assertThat(r.reason()).isEqualTo("CONFLICTING_DUPLICATE: 3 copies of message_id 'm1' differ in " + column);
        });
    }

    @Test
    void conflictsNameTheColumnsButNeverTheContact() {
        LogRow a = at("a", 1, row("message_type", "TEMPLATE", "template_category", "MARKETING"));
        LogRow b = at("a", 2, row("message_type", "TEMPLATE", "template_category", "UTILITY", "contact_wa_id", "5511999990000",
                "status", "READ"));
        Conflicting x = conflicting(a, b);
        assertThat(x.rejections().get(0).reason())
                .isEqualTo("CONFLICTING_DUPLICATE: 2 copies of message_id 'm1' differ in contact_wa_id, template_category")
                .doesNotContain("5511");
    }

    @Test
    void mergeAllCountsWhatItMerges() {
        List<LogRow> rows = List.of(
                at("a", 1, row("message_id", "m1")),
                at("a", 2, row("message_id", "m2")),
                at("a", 3, row("message_id", "m1", "status", "READ")),
                at("a", 4, row("message_id", "m3")),
                at("a", 5, row("message_id", "m3", "direction", "INBOUND")),
                at("a", 6, row("message_id", "m1")));
        DuplicateMerger.MergedRows m = DuplicateMerger.mergeAll(rows);
        assertThat(m.rows()).extracting(LogRow::messageId).containsExactly("m1", "m2");
        assertThat(m.rows().get(0).status()).isEqualTo(DeliveryStatus.READ);
        assertThat(m.mergedAway()).isEqualTo(2);
        assertThat(m.rejections()).extracting(RowRejection::row).containsExactly(4L, 5L);
    }
}
