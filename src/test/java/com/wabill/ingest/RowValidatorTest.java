package com.wabill.ingest;

import static com.wabill.ingest.TestRows.T0;
import static com.wabill.ingest.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ThreadMessage;
import com.wabill.testsupport.FastTest;

@FastTest
class RowValidatorTest {

    private static RowResult validate(Map<String, Object> row) {
        return RowValidator.validate("logs/a.parquet", 7, row);
    }

    private static LogRow accepted(Map<String, Object> row) {
        RowResult r = validate(row);
        assertThat(r).isInstanceOf(LogRow.class);
        return (LogRow) r;
    }

    private static RowRejection rejected(Map<String, Object> row) {
        RowResult r = validate(row);
        assertThat(r).isInstanceOf(RowRejection.class);
        RowRejection x = (RowRejection) r;
        assertThat(x.source()).isEqualTo("logs/a.parquet");
        assertThat(x.row()).isEqualTo(7);
        return x;
    }

    @Test
    void acceptsAFullOutboundTemplate() {
        LogRow r = accepted(row("message_id", "wamid.1", "message_type", "TEMPLATE", "template_name", "order_update",
                "template_category", "UTILITY", "delivered_at", T0.plusSeconds(5), "status", "READ",
                "meta_conversation_id", "c1", "meta_conversation_category", "utility", "meta_billable", true,
                "meta_pricing_model", "CBP"));
        assertThat(r.source()).isEqualTo("logs/a.parquet");
        assertThat(r.rowNumber()).isEqualTo(7);
        assertThat(r.messageId()).isEqualTo("wamid.1");
        assertThat(r.wabaId()).isEqualTo("waba-1");
        assertThat(r.phoneNumberId()).isEqualTo("pn-1");
        assertThat(r.businessPhoneNumber()).isEqualTo("15550001111");
        assertThat(r.contactWaId()).isEqualTo("5511987650001");
        assertThat(r.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(r.sentAt()).isEqualTo(T0);
        assertThat(r.deliveredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(r.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(r.messageType()).isEqualTo("TEMPLATE");
        assertThat(r.template()).isTrue();
        assertThat(r.templateName()).isEqualTo("order_update");
        assertThat(r.templateCategory()).isEqualTo(Category.UTILITY);
        assertThat(r.referralSourceType()).isNull();
        assertThat(r.metaConversationId()).isEqualTo("c1");
        assertThat(r.metaConversationCategory()).isEqualTo("utility");
        assertThat(r.metaBillable()).isTrue();
        assertThat(r.metaPricingModel()).isEqualTo("CBP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_id", "waba_id", "phone_number_id", "contact_wa_id", "direction", "sent_at", "message_type"})
    void aMissingRequiredValueIsMissingValue(String column) {
        assertThat(rejected(row(column, null)).reason()).isEqualTo("MISSING_VALUE: " + column);
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_id", "waba_id", "phone_number_id", "contact_wa_id", "direction", "message_type"})
    void aBlankRequiredValueIsMissingValue(String column) {
        assertThat(rejected(row(column, "  ")).reason()).isEqualTo("MISSING_VALUE: " + column);
    }

    @Test
    void theRejectionKeepsTheMessageId() {
        assertThat(rejected(row("message_id", "wamid.9", "direction", "SIDEWAYS")).messageId()).isEqualTo("wamid.9");
        assertThat(rejected(row("message_id", null)).messageId()).isNull();
    }

    @Test
    void outboundNeedsAStatus() {
        assertThat(rejected(row("status", null)).reason()).isEqualTo("MISSING_VALUE: status (required on outbound rows)");
        assertThat(rejected(row("status", "")).code()).isEqualTo(RejectionCode.MISSING_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOUNCED", "RECEIVED", "deleted"})
    void anUnknownOutboundStatusIsInvalid(String status) {
        assertThat(rejected(row("status", status)).reason()).isEqualTo("INVALID_VALUE: status '" + status + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RECEIVED", "whatever", ""})
    void anInboundStatusIsAnythingAndNotKept(String status) {
        LogRow r = accepted(row("direction", "INBOUND", "status", status, "delivered_at", T0.plusSeconds(9)));
        assertThat(r.status()).isNull();
        assertThat(r.deliveredAt()).isNull();
        assertThat(accepted(row("direction", "INBOUND", "status", null)).status()).isNull();
    }

    @Test
    void anUnknownDirectionIsInvalid() {
        assertThat(rejected(row("direction", "SIDEWAYS")).reason()).isEqualTo("INVALID_VALUE: direction 'SIDEWAYS'");
    }

    @Test
    void aTemplateNeedsACategory() {
        RowRejection r = rejected(row("message_type", "TEMPLATE"));
        assertThat(r.code()).isEqualTo(RejectionCode.MISSING_CATEGORY);
        assertThat(r.reason()).startsWith("MISSING_CATEGORY: template_category");
        assertThat(rejected(row("message_type", "template", "template_category", " ")).code())
                .isEqualTo(RejectionCode.MISSING_CATEGORY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVICE", "REFERRAL_CONVERSION", "PROMOTIONAL"})
    void aTemplateCategoryMustBeATemplateCategory(String category) {
        assertThat(rejected(row("message_type", "TEMPLATE", "template_category", category)).reason())
                .isEqualTo("INVALID_VALUE: template_category '" + category + "'");
    }

    @Test
    void aNonTemplateIgnoresTheCategory() {
        LogRow r = accepted(row("message_type", "TEXT", "template_category", "BOGUS"));
        assertThat(r.template()).isFalse();
        assertThat(r.templateCategory()).isNull();
        assertThat(accepted(row("message_type", "IMAGE", "template_category", "MARKETING")).templateCategory()).isNull();
    }

    @Test
    void inboundReferralIsAdOrPost() {
        assertThat(accepted(row("direction", "INBOUND", "referral_source_type", "ad")).referralSourceType()).isEqualTo("AD");
        assertThat(accepted(row("direction", "INBOUND", "referral_source_type", " Post ")).referralSourceType()).isEqualTo("POST");
        assertThat(accepted(row("direction", "INBOUND", "referral_source_type", "")).referralSourceType()).isNull();
        assertThat(rejected(row("direction", "INBOUND", "referral_source_type", "TV")).reason())
                .isEqualTo("INVALID_VALUE: referral_source_type 'TV'");
    }

    @Test
    void outboundReferralIsIgnored() {
        assertThat(accepted(row("referral_source_type", "TV")).referralSourceType()).isNull();
        assertThat(accepted(row("referral_source_type", "AD")).referralSourceType()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "inbound, TEXT, , , INBOUND",
        "Outbound, template, marketing, read, OUTBOUND",
        "OUTBOUND, Template, Authentication, Delivered, OUTBOUND",
        "outBOUND, TEMPLATE, uTiLiTy, failed, OUTBOUND",
        "' outbound ', ' TEMPLATE ', ' MARKETING ', ' sent ', OUTBOUND",
    })
    void enumerationsIgnoreCase(String direction, String type, String category, String status, Direction expected) {
        LogRow r = accepted(row("direction", direction, "message_type", type, "template_category", category, "status", status));
        assertThat(r.direction()).isEqualTo(expected);
        assertThat(r.messageType()).isEqualTo(type);
        if (expected == Direction.OUTBOUND) {
            assertThat(r.template()).isTrue();
            assertThat(r.templateCategory()).isNotNull();
            assertThat(r.status()).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5511987650001|5511987650001",
        "+5511987650001|5511987650001",
        "+55 11 98765-0001|5511987650001",
        "55-11-98765-0001|5511987650001",
        "  +1 809 555 0100 |18095550100",
    })
    void contactsAreNormalised(String given, String expected) {
        assertThat(accepted(row("contact_wa_id", given)).contactWaId()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+55 (11) 98765-0001", "5511987650001x", "++5511987650001", "55+11987650001", "+", "--", "５５１１"})
    void aContactThatIsNotDigitsIsInvalid(String given) {
        RowRejection r = rejected(row("contact_wa_id", given));
        assertThat(r.reason()).startsWith("INVALID_VALUE: contact_wa_id '");
    }

    @Test
    void aRejectedContactIsMaskedToItsLastFourDigits() {
        RowRejection r = rejected(row("contact_wa_id", "+55 (11) 98765-4321"));
        assertThat(r.reason()).isEqualTo("INVALID_VALUE: contact_wa_id '+** (**) *****-4321' is not a phone number");
        assertThat(r.reason()).doesNotContain("98765").doesNotContain("5511");
    }

    @Test
    void theBusinessNumberIsNormalisedWhenItGivesDigits() {
        assertThat(accepted(row("business_phone_number", "+1 555-000-1111")).businessPhoneNumber()).isEqualTo("15550001111");
        assertThat(accepted(row("business_phone_number", "n/a")).businessPhoneNumber()).isEqualTo("n/a");
        assertThat(accepted(row("business_phone_number", " ")).businessPhoneNumber()).isNull();
    }

    @Test
    void metaColumnsNeverReject() {
        LogRow r = accepted(row("meta_conversation_category", "something_new", "meta_pricing_model", "XYZ",
                "meta_conversation_id", "\u0000odd", "meta_billable", false));
        // NUL, which a PostgreSQL text value cannot hold, is replaced
        assertThat(r.metaConversationId()).isEqualTo("\uFFFDodd");
        assertThat(r.metaConversationCategory()).isEqualTo("something_new");
        assertThat(r.metaPricingModel()).isEqualTo("XYZ");
        assertThat(r.metaBillable()).isFalse();
        assertThat(accepted(row("meta_conversation_category", new byte[] {(byte) 0xff, 'x'})).metaConversationCategory())
                .isEqualTo("\uFFFDx");
    }

    @Test
    void anIdThatIsNotUtf8IsInvalid() {
        byte[] bad = {'m', (byte) 0xC3, '(', '1'};
        RowRejection r = rejected(row("message_id", bad));
        assertThat(r.reason()).isEqualTo("INVALID_VALUE: message_id 'm\\uFFFD(1' is not valid UTF-8");
        assertThat(rejected(row("waba_id", bad)).reason()).startsWith("INVALID_VALUE: waba_id ");
        assertThat(rejected(row("contact_wa_id", new byte[] {'5', (byte) 0xff, '1'})).code()).isEqualTo(RejectionCode.INVALID_VALUE);
        // a template name that is not UTF-8 is kept, replaced characters and all
        assertThat(accepted(row("template_name", bad)).templateName()).isEqualTo("m\uFFFD(1");
        // valid multi-byte UTF-8 is fine
        assertThat(accepted(row("message_id", "wamid.é€😀".getBytes(StandardCharsets.UTF_8))).messageId()).isEqualTo("wamid.é€😀");
    }

    @Test
    void longAndUnprintableValuesAreCutAndEscaped() {
        String longValue = "X".repeat(5000);
        RowRejection r = rejected(row("direction", longValue));
        assertThat(r.reason()).hasSizeLessThan(100).startsWith("INVALID_VALUE: direction 'XXXX").contains("(5000 chars)");
        RowRejection c = rejected(row("status", "RE\nAD\u0000\u202e'\\"));
        assertThat(c.reason()).isEqualTo("INVALID_VALUE: status 'RE\\nAD\\u0000\\u202E\\'\\\\'");
        assertThat(c.reason()).doesNotContain("\n");
    }

    @Test
    void anIdWithAControlCharacterIsInvalidAndFreeTextLosesItsNuls() {
        RowRejection r = rejected(row("message_id", "wamid.\u0000x"));
        assertThat(r.reason()).isEqualTo("INVALID_VALUE: message_id 'wamid.\\u0000x' contains a control character");
        assertThat(r.messageId()).isNull();
        assertThat(rejected(row("phone_number_id", "pn\n1")).reason()).startsWith("INVALID_VALUE: phone_number_id 'pn\\n1'");
        LogRow ok = accepted(row("template_name", "promo\u0000", "business_phone_number", "n/a\u0000"));
        assertThat(ok.templateName()).isEqualTo("promo\uFFFD");
        assertThat(ok.businessPhoneNumber()).isEqualTo("n/a\uFFFD");
    }

    @Test
    void anIdLongerThanTheLimitIsInvalid() {
        String id = "w".repeat(RowValidator.MAX_ID_LENGTH);
        assertThat(accepted(row("message_id", id)).messageId()).isEqualTo(id);
        RowRejection r = rejected(row("message_id", id + "w"));
        assertThat(r.reason()).startsWith("INVALID_VALUE: message_id 'wwww").endsWith("is 257 characters long (at most 256)");
        assertThat(r.reason()).hasSizeLessThan(120);
        assertThat(rejected(row("phone_number_id", "p".repeat(100_000))).reason()).contains("100000 characters long");
        RowRejection c = rejected(row("contact_wa_id", "+" + "5".repeat(300)));
        assertThat(c.reason()).isEqualTo("INVALID_VALUE: contact_wa_id has 300 digits (at most 256)");
    }

    @Test
    void aRowWithSeveralProblemsListsThemAllStartingWithTheFirstCode() {
        RowRejection r = rejected(row("waba_id", null, "direction", "SIDEWAYS", "sent_at", null));
        assertThat(r.reason()).isEqualTo("MISSING_VALUE: waba_id; INVALID_VALUE: direction 'SIDEWAYS'; MISSING_VALUE: sent_at");
        assertThat(r.code()).isEqualTo(RejectionCode.MISSING_VALUE);
        RowRejection t = rejected(row("status", "LOST", "message_type", "TEMPLATE"));
        assertThat(t.reason()).isEqualTo("INVALID_VALUE: status 'LOST'; MISSING_CATEGORY: template_category (required on templates)");
    }

    @Test
    void extraColumnsAreIgnored() {
        assertThat(accepted(row("pricing_category", "MARKETING", "extra", 42))).isNotNull();
    }

    @Test
    void eventTimeFollowsSpec21() {
        Instant later = T0.plusSeconds(60);
        assertThat(accepted(row("delivered_at", later)).eventTime()).isEqualTo(later);
        assertThat(accepted(row("delivered_at", T0)).eventTime()).isEqualTo(T0);
        assertThat(accepted(row("delivered_at", T0.minusSeconds(1))).eventTime()).isEqualTo(T0);
        assertThat(accepted(row()).eventTime()).isEqualTo(T0);
        assertThat(accepted(row("direction", "INBOUND", "delivered_at", later)).eventTime()).isEqualTo(T0);
    }

    @Test
    void toThreadMessage() {
        ThreadMessage m = accepted(row("message_type", "TEMPLATE", "template_category", "MARKETING", "status", "SENT",
                "delivered_at", T0.plusSeconds(3))).toThreadMessage(PricingModel.CBP);
        assertThat(m).isEqualTo(new ThreadMessage("m1", Direction.OUTBOUND, T0.plusSeconds(3), true, Category.MARKETING,
                false, DeliveryStatus.SENT, true, PricingModel.CBP));
        ThreadMessage in = accepted(row("direction", "INBOUND", "referral_source_type", "post")).toThreadMessage(PricingModel.PMP);
        assertThat(in).isEqualTo(new ThreadMessage("m1", Direction.INBOUND, T0, false, null, true, null, false, PricingModel.PMP));
        assertThat(accepted(row("status", "SENT")).toThreadMessage(PricingModel.CBP).missingDeliveryReceipt()).isTrue();
    }

    @Test
    void toColumnMapRoundTrips() {
        LogRow r = accepted(row("message_type", "TEMPLATE", "template_category", "marketing", "template_name", "t",
                "meta_billable", true, "delivered_at", T0.plusSeconds(1)));
        assertThat(RowValidator.validate("logs/a.parquet", 7, r.toColumnMap())).isEqualTo(r);
    }
}
