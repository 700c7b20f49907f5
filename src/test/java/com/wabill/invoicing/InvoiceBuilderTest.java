package com.wabill.invoicing;

import com.wabill.engine.PricingModel;
import com.wabill.rating.Account;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static com.wabill.engine.Category.MARKETING;
import static com.wabill.engine.Category.REFERRAL_CONVERSION;
import static com.wabill.engine.Category.SERVICE;
import static com.wabill.engine.Category.UTILITY;
import static com.wabill.engine.ConversationType.FREE_CUSTOMER_SERVICE;
import static com.wabill.engine.ConversationType.FREE_ENTRY_POINT;
import static com.wabill.engine.ConversationType.FREE_TIER;
import static com.wabill.engine.ConversationType.REGULAR;
import static com.wabill.invoicing.TestCharges.USD;
import static com.wabill.invoicing.TestCharges.conversation;
import static com.wabill.invoicing.TestCharges.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class InvoiceBuilderTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final Account LOJA = Account.of("waba-1", SAO_PAULO, USD);

    private static InvoiceLine line(PricingModel model, com.wabill.engine.Category category, com.wabill.engine.ConversationType type,
                                    String market, String rate, long quantity, String amount) {
        return new InvoiceLine(model, category, type, market, USD, rate == null ? null : new BigDecimal(rate), quantity, new BigDecimal(amount));
    }

    @Test
    void conversationsOfAMonthRoundedOnceAtTheTotal() {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, YearMonth.of(2024, 8));
        // three Brazil marketing conversations at 0.0625 and one utility at 0.0080 (card of 2024-08-01),
        // one free-tier service conversation
        b.accept(conversation("waba-1", "conv-m1", "2024-08-02T12:00:00Z", MARKETING, REGULAR, "Brazil", "0.0625"));
        b.accept(conversation("waba-1", "conv-m2", "2024-08-03T12:00:00Z", MARKETING, REGULAR, "Brazil", "0.0625"));
        b.accept(conversation("waba-1", "conv-m3", "2024-08-04T12:00:00Z", MARKETING, REGULAR, "Brazil", "0.0625"));
        b.accept(conversation("waba-1", "conv-m4", "2024-08-05T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        b.accept(conversation("waba-1", "conv-m5", "2024-08-06T12:00:00Z", SERVICE, FREE_TIER, "Brazil", null));
        Invoice inv = b.build(InvoiceStatus.OPEN, 1);

        // lines: 3 x 0.0625 = 0.1875; 1 x 0.0080 = 0.0080; 1 free
        assertEquals(List.of(
                line(PricingModel.CBP, MARKETING, REGULAR, "Brazil", "0.0625", 3, "0.1875"),
                line(PricingModel.CBP, UTILITY, REGULAR, "Brazil", "0.0080", 1, "0.0080"),
                line(PricingModel.CBP, SERVICE, FREE_TIER, "Brazil", null, 1, "0")), inv.lines());
        // total 0.1875 + 0.0080 + 0 = 0.1955, rounded half-up once: 0.20
        assertEquals(new BigDecimal("0.1955"), inv.unroundedAmount());
        assertEquals(new BigDecimal("0.20"), inv.amount());
        assertEquals(5, inv.conversations(), "free ones count");
        assertEquals(0, inv.messages());
        assertEquals(4, inv.billable(), "the free-tier conversation is not billable");
        assertEquals("waba-1", inv.wabaId());
        assertEquals(YearMonth.of(2024, 8), inv.period());
        assertEquals(1, inv.revision());
        assertEquals(InvoiceStatus.OPEN, inv.status());
    }

    @Test
    void messagesUnderPerMessagePricingAndVolumeTiers() {
        // scenario pmp-volume-tiers, August 2025: India utility t1, t2, t4 at 0.0014 (tier 1..3), t5, t6 at 0.0010,
        // marketing t3 at 0.0118; plus a free customer service message and a free entry point window with its message
        InvoiceBuilder b = new InvoiceBuilder(LOJA, YearMonth.of(2025, 8));
        b.accept(message("waba-1", "t1", "2025-08-05T10:00:00Z", UTILITY, REGULAR, "India", "0.0014"));
        b.accept(message("waba-1", "t2", "2025-08-05T10:01:00Z", UTILITY, REGULAR, "India", "0.0014"));
        b.accept(message("waba-1", "t3", "2025-08-05T10:02:00Z", MARKETING, REGULAR, "India", "0.0118"));
        b.accept(message("waba-1", "t4", "2025-08-05T10:03:00Z", UTILITY, REGULAR, "India", "0.0014"));
        b.accept(message("waba-1", "t5", "2025-08-05T10:04:00Z", UTILITY, REGULAR, "India", "0.0010"));
        b.accept(message("waba-1", "t6", "2025-08-05T10:05:00Z", UTILITY, REGULAR, "India", "0.0010"));
        b.accept(message("waba-1", "s1", "2025-08-06T10:00:00Z", SERVICE, FREE_CUSTOMER_SERVICE, "Brazil", null));
        b.accept(message("waba-1", "e1", "2025-08-07T10:00:00Z", REFERRAL_CONVERSION, FREE_ENTRY_POINT, "Brazil", null));
        b.accept(new Charge("conv-e1", "waba-1", Instant.parse("2025-08-07T10:00:00Z"), ChargeKind.CONVERSATION, PricingModel.PMP,
                REFERRAL_CONVERSION, FREE_ENTRY_POINT, "Brazil", USD, null, BigDecimal.ZERO));
        Invoice inv = b.build(InvoiceStatus.CLOSED, 1);

        assertEquals(List.of(
                line(PricingModel.PMP, MARKETING, REGULAR, "India", "0.0118", 1, "0.0118"),
                line(PricingModel.PMP, UTILITY, REGULAR, "India", "0.0010", 2, "0.0020"),
                line(PricingModel.PMP, UTILITY, REGULAR, "India", "0.0014", 3, "0.0042"),
                line(PricingModel.PMP, SERVICE, FREE_CUSTOMER_SERVICE, "Brazil", null, 1, "0"),
                line(PricingModel.PMP, REFERRAL_CONVERSION, FREE_ENTRY_POINT, "Brazil", null, 1, "0")), inv.lines());
        // 0.0118 + 0.0020 + 0.0042 = 0.0180 -> 0.02
        assertEquals(new BigDecimal("0.0180"), inv.unroundedAmount());
        assertEquals(new BigDecimal("0.02"), inv.amount());
        assertEquals(0, inv.conversations(), "the PMP free entry point window is not counted");
        assertEquals(8, inv.messages(), "free messages count");
        assertEquals(6, inv.billable());
    }

    @Test
    void switchOverMonthCountsBothModelsAndReadsPastCbpMessages() {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, YearMonth.of(2025, 7));
        // a marketing template delivered July 1 into a CBP conversation that opened June 30 (SPEC 2.9 rule 4) is free,
        // model CBP: its conversation carries the charge on June's invoice, so July's reads past it
        b.accept(new Charge("m9", "waba-1", Instant.parse("2025-07-01T05:00:00Z"), ChargeKind.MESSAGE, PricingModel.CBP,
                MARKETING, REGULAR, "Brazil", USD, null, BigDecimal.ZERO));
        assertTrue(b.isEmpty());
        b.accept(message("waba-1", "m10", "2025-07-01T06:00:00Z", MARKETING, REGULAR, "Brazil", "0.0625"));
        Invoice inv = b.build(InvoiceStatus.OPEN, 1);
        assertEquals(1, inv.messages());
        assertEquals(0, inv.conversations());
        assertEquals(1, inv.lines().size());
        assertFalse(b.isEmpty());
    }

    @Test
    void ratesGroupByValueAndShowTheLargestScale() {
        for (boolean shortFirst : new boolean[]{true, false}) {
            InvoiceBuilder b = new InvoiceBuilder(LOJA, YearMonth.of(2024, 8));
            Charge shortScale = conversation("waba-1", "c1", "2024-08-02T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.008");
            Charge longScale = conversation("waba-1", "c2", "2024-08-02T13:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080");
            b.accept(shortFirst ? shortScale : longScale);
            b.accept(shortFirst ? longScale : shortScale);
            Invoice inv = b.build(InvoiceStatus.OPEN, 1);
            assertEquals(1, inv.lines().size());
            assertEquals("0.0080", inv.lines().get(0).rate().toPlainString());
            assertEquals("0.0160", inv.lines().get(0).amount().toPlainString());
            assertEquals(2, inv.lines().get(0).quantity());
        }
    }

    @Test
    void theMonthIsTheWabasLocalMonth() {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, YearMonth.of(2024, 8));
        // 2024-08-01T03:00Z is Aug 1 00:00 in Sao Paulo; 2024-09-01T02:59:59Z is Aug 31 23:59:59
        b.accept(conversation("waba-1", "first", "2024-08-01T03:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        b.accept(conversation("waba-1", "last", "2024-09-01T02:59:59Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        assertThrows(IllegalArgumentException.class,
                () -> b.accept(conversation("waba-1", "july", "2024-08-01T02:59:59Z", UTILITY, REGULAR, "Brazil", "0.0350")));
        assertThrows(IllegalArgumentException.class,
                () -> b.accept(conversation("waba-1", "sept", "2024-09-01T03:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080")));
        assertThrows(IllegalArgumentException.class,
                () -> b.accept(conversation("waba-2", "other", "2024-08-10T03:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080")));
        assertEquals(2, b.build(InvoiceStatus.OPEN, 1).conversations());
    }

    @Test
    void chargesThatCannotBeChargedAreRefused() {
        // a charged PMP window, or a charged message under CBP, is a wiring error
        assertThrows(IllegalArgumentException.class, () -> new Charge("conv-e1", "waba-1", Instant.parse("2025-08-07T10:00:00Z"),
                ChargeKind.CONVERSATION, PricingModel.PMP, REFERRAL_CONVERSION, FREE_ENTRY_POINT, "Brazil", USD,
                new BigDecimal("0.01"), new BigDecimal("0.01")));
        assertThrows(IllegalArgumentException.class, () -> new Charge("m1", "waba-1", Instant.parse("2024-08-07T10:00:00Z"),
                ChargeKind.MESSAGE, PricingModel.CBP, MARKETING, REGULAR, "Brazil", USD,
                new BigDecimal("0.0625"), new BigDecimal("0.0625")));
        assertThrows(IllegalArgumentException.class, () -> new Charge("m1", "waba-1", Instant.parse("2024-08-07T10:00:00Z"),
                ChargeKind.CONVERSATION, PricingModel.CBP, MARKETING, REGULAR, "Brazil", USD, null, new BigDecimal("0.0625")));
        assertThrows(IllegalArgumentException.class, () -> new Charge("m1", "waba-1", Instant.parse("2024-08-07T10:00:00Z"),
                ChargeKind.CONVERSATION, PricingModel.CBP, MARKETING, REGULAR, "Brazil", USD, null, new BigDecimal("-0.0625")));
    }

    @Test
    void emptyMonth() {
        Invoice inv = new InvoiceBuilder(LOJA, YearMonth.of(2024, 8)).build(InvoiceStatus.CLOSED, 1);
        assertTrue(inv.isEmpty());
        assertEquals("0.00", inv.amount().toPlainString());
    }
}
