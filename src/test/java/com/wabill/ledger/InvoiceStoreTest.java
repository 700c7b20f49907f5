package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.at;
import static com.wabill.ledger.LedgerRows.conversation;
import static com.wabill.ledger.LedgerRows.decision;
import static com.wabill.ledger.LedgerRows.outbound;
import static com.wabill.ledger.LedgerRows.pricedMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.invoicing.Charge;
import com.wabill.invoicing.ChargeKind;
import com.wabill.invoicing.Invoice;
import com.wabill.invoicing.InvoiceBuilder;
import com.wabill.invoicing.InvoiceRevision;
import com.wabill.invoicing.InvoiceStatus;
import com.wabill.invoicing.Payment;
import com.wabill.invoicing.PaymentReason;
import com.wabill.invoicing.WabaMonth;
import com.wabill.testsupport.DbTest;

@DbTest
class InvoiceStoreTest {

    static final YearMonth JULY = YearMonth.of(2025, 7);
    static final Currency BRL = Currency.getInstance("BRL");

    final InvoiceStore store = new InvoiceStore(LedgerDatabase.dataSource());

    /**
     * waba-1, July 2025: a marketing conversation at 07-01T12:00 (opened under CBP, still open after the switch), two
     * PMP messages at 07-02T09:00 (ids b then a: a first) and a utility conversation at 07-01T12:00 (id c-u after
     * c-m); a message of waba-2 and one of August are not in the month.
     */
    @BeforeEach
    void ledger() {
        LedgerDatabase.clean();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2025-08-01"));
            load.conversation(conversation("c-u", "waba-1", Category.UTILITY, ConversationType.REGULAR,
                    "2025-07-01T12:00:00Z", "0.0080", "2025-07"));
            load.conversation(conversation("c-m", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-07-01T12:00:00Z", "0.0625", "2025-07"));
            for (String[] m : new String[][] {{"b", "waba-1", "2025-07-02T09:00:00Z", "2025-07"},
                    {"a", "waba-1", "2025-07-02T09:00:00Z", "2025-07"}, {"x", "waba-2", "2025-07-02T09:00:00Z", "2025-07"},
                    {"aug", "waba-1", "2025-08-01T09:00:00Z", "2025-08"}}) {
                load.outcome(outbound(m[0], m[1], m[2], null), decision(Outcome.CHARGED, null, PricingModel.PMP),
                        pricedMessage(m[0], m[1], Outcome.CHARGED, Category.MARKETING, m[2], "0.0625", m[3]));
            }
            load.load();
        });
    }

    @Test
    void aMonthsChargesComeInTimeOrderThenById() {
        List<Charge> charges = new ArrayList<>();
        store.charges("waba-1", JULY, BRL, charges::add);
        assertThat(charges).extracting(c -> c.id() + " " + c.kind() + " " + c.model() + " " + c.category() + " "
                + c.at()).containsExactly(
                "c-m CONVERSATION CBP MARKETING 2025-07-01T12:00:00Z",
                "c-u CONVERSATION CBP UTILITY 2025-07-01T12:00:00Z",
                "a MESSAGE PMP MARKETING 2025-07-02T09:00:00Z",
                "b MESSAGE PMP MARKETING 2025-07-02T09:00:00Z");
        assertThat(charges.get(0)).isEqualTo(new Charge("c-m", "waba-1", at("2025-07-01T12:00:00Z"),
                ChargeKind.CONVERSATION, PricingModel.CBP, Category.MARKETING, ConversationType.REGULAR, "Brazil", BRL,
                new BigDecimal("0.0625"), new BigDecimal("0.0625")));
    }

    /** The month's invoice, built from its charges, reads back as written, lines in order. */
    @Test
    void anInvoiceReadsBackAsWrittenAndTheLatestRevisionWins() {
        InvoiceBuilder builder = new InvoiceBuilder("waba-1", JULY, ZoneId.of("America/Sao_Paulo"), BRL);
        store.charges("waba-1", JULY, BRL, builder::accept);
        Invoice first = builder.build(InvoiceStatus.CLOSED, InvoiceRevision.FIRST);
        assertThat(first.lines()).hasSizeGreaterThan(1);
        assertThat(store.latest("waba-1", JULY, BRL)).isNull();

        store.insert(first, 11);
        assertThat(store.latest("waba-1", JULY, BRL)).isEqualTo(first);
        Invoice second = first.with(2, InvoiceStatus.CLOSED);
        store.insert(second, 12);
        assertThat(store.latest("waba-1", JULY, BRL)).isEqualTo(second);
        assertThat(jdbc().queryForList("select revision || ':' || line_no from invoice_line order by 1", String.class))
                .containsExactly("1:1", "1:2", "1:3", "2:1", "2:2", "2:3");

        store.deleteRevision("waba-1", JULY, BRL, 2);
        assertThat(store.latest("waba-1", JULY, BRL)).isEqualTo(first);
        assertThat(jdbc().queryForObject("select count(*) from invoice_line where revision = 2", Long.class)).isZero();
    }

    @Test
    void openMonthsAreThoseWithAnOpenInvoice() {
        InvoiceBuilder builder = new InvoiceBuilder("waba-1", JULY, ZoneId.of("America/Sao_Paulo"), BRL);
        store.charges("waba-1", JULY, BRL, builder::accept);
        store.insert(builder.build(InvoiceStatus.OPEN, 1), 11);
        InvoiceBuilder august = new InvoiceBuilder("waba-1", JULY.plusMonths(1), ZoneId.of("America/Sao_Paulo"), BRL);
        store.charges("waba-1", JULY.plusMonths(1), BRL, august::accept);
        store.insert(august.build(InvoiceStatus.CLOSED, 1), 11);
        assertThat(store.openMonths()).containsExactly(new WabaMonth("waba-1", "2025-07"));
    }

    @Test
    void paymentsAreReplacedWholeAndNumberedFromOne() {
        store.replacePayments("waba-1", JULY, BRL, List.of(
                new Payment("waba-1", JULY, at("2025-07-10T03:00:00Z"), new BigDecimal("100.00"), PaymentReason.THRESHOLD),
                new Payment("waba-1", JULY, at("2025-07-20T03:00:00Z"), new BigDecimal("100.00"), PaymentReason.THRESHOLD),
                new Payment("waba-1", JULY, at("2025-08-01T03:00:00Z"), new BigDecimal("12.34"), PaymentReason.MONTH_END)));
        store.replacePayments("waba-1", JULY, BRL, List.of(
                new Payment("waba-1", JULY, at("2025-08-01T03:00:00Z"), new BigDecimal("212.34"), PaymentReason.MONTH_END)));
        assertThat(jdbc().queryForList("select seq || ' ' || amount || ' ' || reason from payment", String.class))
                .containsExactly("1 212.34 MONTH_END");
        store.deletePayments("waba-1", JULY, BRL);
        assertThat(jdbc().queryForObject("select count(*) from payment", Long.class)).isZero();
    }

    /** SPEC 3.2: a WABA's month has one invoice per currency; each reads back on its own, with its own charges. */
    @Test
    void aMonthHasOneInvoicePerCurrency() {
        Currency inr = Currency.getInstance("INR");
        inTransaction(() -> jdbc().update("update priced_message set currency = 'INR' where message_id = 'b'"));
        assertThat(store.currencies("waba-1", JULY)).containsExactly(BRL, inr);
        List<String> inrCharges = new ArrayList<>();
        store.charges("waba-1", JULY, inr, c -> inrCharges.add(c.id()));
        assertThat(inrCharges).containsExactly("b");
        InvoiceBuilder brl = new InvoiceBuilder("waba-1", JULY, ZoneId.of("America/Sao_Paulo"), BRL);
        store.charges("waba-1", JULY, BRL, brl::accept);
        InvoiceBuilder rupees = new InvoiceBuilder("waba-1", JULY, ZoneId.of("America/Sao_Paulo"), inr);
        store.charges("waba-1", JULY, inr, rupees::accept);
        Invoice inBrl = brl.build(InvoiceStatus.OPEN, 1);
        Invoice inInr = rupees.build(InvoiceStatus.OPEN, 1);
        store.insert(inBrl, 11);
        store.insert(inInr, 11);
        assertThat(store.latest("waba-1", JULY, BRL)).isEqualTo(inBrl);
        assertThat(store.latest("waba-1", JULY, inr)).isEqualTo(inInr);
        store.replacePayments("waba-1", JULY, inr, List.of(
                new Payment("waba-1", JULY, at("2025-08-01T03:00:00Z"), new BigDecimal("1.00"), PaymentReason.MONTH_END)));
        store.replacePayments("waba-1", JULY, BRL, List.of(
                new Payment("waba-1", JULY, at("2025-08-01T03:00:00Z"), new BigDecimal("2.00"), PaymentReason.MONTH_END)));
        assertThat(jdbc().queryForList("select currency || ' ' || seq || ' ' || amount from payment order by 1",
                String.class)).containsExactly("BRL 1 2.00", "INR 1 1.00");
        store.deleteRevision("waba-1", JULY, inr, 1);
        assertThat(store.latest("waba-1", JULY, BRL)).isEqualTo(inBrl);
        assertThat(store.latest("waba-1", JULY, inr)).isNull();
    }
}
