package com.wabill.invoicing;

import com.wabill.engine.PricingModel;
import com.wabill.rating.Account;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static com.wabill.engine.Category.MARKETING;
import static com.wabill.engine.Category.UTILITY;
import static com.wabill.engine.ConversationType.REGULAR;
import static com.wabill.invoicing.InvoiceRevision.Action.NEW;
import static com.wabill.invoicing.InvoiceRevision.Action.OVERWRITE;
import static com.wabill.invoicing.InvoiceRevision.Action.REVISE;
import static com.wabill.invoicing.InvoiceRevision.Action.UNCHANGED;
import static com.wabill.invoicing.InvoiceStatus.CLOSED;
import static com.wabill.invoicing.InvoiceStatus.OPEN;
import static com.wabill.invoicing.TestCharges.USD;
import static com.wabill.invoicing.TestCharges.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@FastTest
class InvoiceRevisionTest {

    static final Account LOJA = Account.of("waba-1", ZoneId.of("America/Sao_Paulo"), USD);
    static final YearMonth AUG = YearMonth.of(2024, 8);

    /** 3 Brazil marketing at 0.0625 + 1 utility at 0.0080 (+ {@code extraUtility} more utility conversations). */
    private static Invoice august(int extraUtility, InvoiceStatus status, int revision) {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, AUG);
        for (int i = 1; i <= 3; i++) {
            b.accept(conversation("waba-1", "m" + i, "2024-08-0" + i + "T12:00:00Z", MARKETING, REGULAR, "Brazil", "0.0625"));
        }
        for (int i = 0; i <= extraUtility; i++) {
            b.accept(conversation("waba-1", "u" + i, "2024-08-10T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        }
        return b.build(status, revision);
    }

    @Test
    void firstInvoiceOfAMonthIsRevisionOne() {
        InvoiceRevision.Decision d = InvoiceRevision.decide(null, august(0, OPEN, 7));
        assertEquals(NEW, d.action());
        assertEquals(1, d.invoice().revision());
        assertTrue(d.write());
        assertEquals(0, d.difference().fromRevision());
        assertEquals(2, d.difference().lines().size());
    }

    @Test
    void unchangedKeepsRevisionN() {
        Invoice issued = august(0, CLOSED, 3);
        InvoiceRevision.Decision d = InvoiceRevision.decide(issued, august(0, CLOSED, 1));
        assertEquals(UNCHANGED, d.action());
        assertFalse(d.write());
        assertEquals(issued, d.invoice());
        assertTrue(d.difference().isEmpty());
        // a closed month stays closed: a computed OPEN with the same content changes nothing
        assertEquals(UNCHANGED, InvoiceRevision.decide(issued, august(0, OPEN, 1)).action());
        // an open one, same content, still open
        assertEquals(UNCHANGED, InvoiceRevision.decide(august(0, OPEN, 1), august(0, OPEN, 1)).action());
    }

    @Test
    void anOpenInvoiceIsOverwrittenWithItsRevision() {
        InvoiceRevision.Decision d = InvoiceRevision.decide(august(0, OPEN, 1), august(2, OPEN, 1));
        assertEquals(OVERWRITE, d.action());
        assertEquals(1, d.invoice().revision());
        // closing it with the same content also overwrites (the status changes)
        d = InvoiceRevision.decide(august(0, OPEN, 1), august(0, CLOSED, 1));
        assertEquals(OVERWRITE, d.action());
        assertEquals(CLOSED, d.invoice().status());
        assertEquals(1, d.invoice().revision());
    }

    @Test
    void aChangedClosedInvoiceGetsRevisionNPlusOneAndTheDifference() {
        // late logs: two more utility conversations in August
        Invoice issued = august(0, CLOSED, 1);
        InvoiceRevision.Decision d = InvoiceRevision.decide(issued, august(2, CLOSED, 1));
        assertEquals(REVISE, d.action());
        assertEquals(2, d.invoice().revision());
        assertEquals(CLOSED, d.invoice().status());
        InvoiceDifference diff = d.difference();
        assertEquals(1, diff.fromRevision());
        assertEquals(2, diff.toRevision());
        // utility line: 1 x 0.0080 -> 3 x 0.0080 = 0.0240, delta +2, +0.0160; the marketing line is unchanged
        assertEquals(List.of(new LineDelta(PricingModel.CBP, UTILITY, REGULAR, "Brazil", USD, new BigDecimal("0.0080"),
                1, 3, new BigDecimal("0.0080"), new BigDecimal("0.0240"))), diff.lines());
        assertEquals(2, diff.lines().get(0).quantityDelta());
        assertEquals(new BigDecimal("0.0160"), diff.lines().get(0).amountDelta());
        // totals: 0.1955 -> 0.2115; rounded 0.20 -> 0.21
        assertEquals(new BigDecimal("0.0160"), diff.unroundedAmountDelta());
        assertEquals(new BigDecimal("0.01"), diff.amountDelta());
        assertEquals(2, diff.conversationsDelta());
        assertEquals(2, diff.billableDelta());
        // a computed OPEN invoice does not reopen a closed month
        assertEquals(CLOSED, InvoiceRevision.decide(issued, august(2, OPEN, 1)).invoice().status());
    }

    @Test
    void linesThatAppearOrGoAway() {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, AUG);
        b.accept(conversation("waba-1", "u0", "2024-08-10T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        Invoice onlyUtility = b.build(CLOSED, 1);
        InvoiceDifference diff = InvoiceRevision.difference(august(0, CLOSED, 1), onlyUtility);
        // the marketing line went away: 3 x 0.0625 = 0.1875 -> 0
        assertEquals(List.of(new LineDelta(PricingModel.CBP, MARKETING, REGULAR, "Brazil", USD, new BigDecimal("0.0625"),
                3, 0, new BigDecimal("0.1875"), BigDecimal.ZERO)), diff.lines());
        assertEquals(new BigDecimal("-0.1875"), diff.unroundedAmountDelta());
    }

    @Test
    void contentIsComparedByValue() {
        InvoiceBuilder b = new InvoiceBuilder(LOJA, AUG);
        b.accept(conversation("waba-1", "u0", "2024-08-10T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.008"));
        InvoiceBuilder c = new InvoiceBuilder(LOJA, AUG);
        c.accept(conversation("waba-1", "u0", "2024-08-10T12:00:00Z", UTILITY, REGULAR, "Brazil", "0.0080"));
        assertTrue(InvoiceRevision.sameContent(b.build(CLOSED, 1), c.build(CLOSED, 1)));
    }
}
