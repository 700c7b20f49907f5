package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
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
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.invoicing.Invoice;
import com.wabill.invoicing.InvoiceStatus;
import com.wabill.reconciliation.ConversationLink;
import com.wabill.reconciliation.InvoiceTotal;
import com.wabill.reconciliation.ReplayItem;
import com.wabill.testsupport.DbTest;

/**
 * waba-1 bills in Asia/Tokyo (UTC+9): its June 2025 runs from 2025-05-31T15:00Z to 2025-06-30T15:00Z. The ledger
 * holds a CBP conversation opened 06-10 with a link, a PMP free entry point window (not an item), a PMP message
 * priced on its own with a link, and a link at 06-30T16:00Z (July in Tokyo).
 */
@DbTest
class ReconciliationReadsTest {

    static final Map<String, Set<YearMonth>> JUNE = Map.of("waba-1", Set.of(YearMonth.of(2025, 6)));

    final ReconciliationReads reads = new ReconciliationReads(LedgerDatabase.dataSource());

    @BeforeEach
    void ledger() {
        LedgerDatabase.clean();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2025-06-30"));
            load.conversation(conversation("c1", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-06-10T00:00:00Z", "0.0625", "2025-06"));
            load.outcome(outbound("m1", "waba-1", "2025-06-10T00:00:00Z", "meta-1"),
                    decision(Outcome.OPENED_CONVERSATION, "c1", PricingModel.CBP), null);
            load.conversation(conversation(PricingModel.PMP, "w1", "waba-1", Category.SERVICE,
                    ConversationType.FREE_ENTRY_POINT, "2025-06-11T00:00:00Z", null, "2025-06"));
            load.outcome(outbound("m2", "waba-1", "2025-06-12T00:00:00Z", "meta-2"),
                    decision(Outcome.CHARGED, null, PricingModel.PMP), pricedMessage("m2", "waba-1",
                            Outcome.CHARGED, Category.UTILITY, "2025-06-12T00:00:00Z", "0.0080", "2025-06"));
            load.outcome(outbound("m3", "waba-1", "2025-06-30T16:00:00Z", "meta-3"),
                    decision(Outcome.IN_OPEN_CONVERSATION, "c1", PricingModel.CBP), null);
            load.load();
        });
    }

    @Test
    void theReplayItemsOfTheMonthsConversationsUnderCbpAndPricedMessages() {
        List<ReplayItem> items = new ArrayList<>();
        assertThat(reads.items(JUNE, items::add)).isEqualTo(2);
        assertThat(items).containsExactly(
                new ReplayItem(ReplayItem.Kind.CONVERSATION, "c1", "waba-1", "+1 555 0100", "BR", Category.MARKETING,
                        ConversationType.REGULAR, at("2025-06-10T00:00:00Z"), new BigDecimal("0.0625"), "BRL"),
                new ReplayItem(ReplayItem.Kind.MESSAGE, "m2", "waba-1", "+1 555 0100", "BR", Category.UTILITY,
                        ConversationType.REGULAR, at("2025-06-12T00:00:00Z"), new BigDecimal("0.0080"), "BRL"));
        assertThat(reads.items(Map.of("waba-2", Set.of(YearMonth.of(2025, 6))), items::add)).isZero();
    }

    /** A link takes the replay's category from its conversation, or from the priced message without one. */
    @Test
    void theLinksOfTheLocalMonthWithTheReplaysCategory() {
        List<ConversationLink> links = new ArrayList<>();
        assertThat(reads.links(JUNE, w -> ZoneId.of("Asia/Tokyo"), links::add)).isEqualTo(2);
        assertThat(links).containsExactlyInAnyOrder(
                new ConversationLink("m1", "waba-1", "meta-1", "marketing", "c1", Category.MARKETING,
                        ConversationType.REGULAR, at("2025-06-10T00:00:00Z"), PricingModel.CBP),
                new ConversationLink("m2", "waba-1", "meta-2", "marketing", null, Category.UTILITY,
                        ConversationType.REGULAR, at("2025-06-12T00:00:00Z"), PricingModel.PMP));
        // in UTC the month ends 9 hours later: m3 (06-30T16:00Z) is in
        links.clear();
        assertThat(reads.links(JUNE, w -> ZoneId.of("UTC"), links::add)).isEqualTo(3);
    }

    @Test
    void ourLatestInvoiceOfEachMonthAndTheMonthsAndWabasTheLedgerHas() {
        InvoiceStore invoices = new InvoiceStore(LedgerDatabase.dataSource());
        Currency brl = Currency.getInstance("BRL");
        invoices.insert(new Invoice("waba-1", YearMonth.of(2025, 6), 1, brl, 1, 1, 2, new BigDecimal("0.07"),
                new BigDecimal("0.0705"), InvoiceStatus.CLOSED, List.of()), 1);
        invoices.insert(new Invoice("waba-1", YearMonth.of(2025, 6), 2, brl, 1, 1, 2, new BigDecimal("0.08"),
                new BigDecimal("0.0805"), InvoiceStatus.CLOSED, List.of()), 2);
        invoices.insert(new Invoice("waba-2", YearMonth.of(2025, 5), 1, brl, 1, 0, 1, new BigDecimal("1.00"),
                new BigDecimal("1.00"), InvoiceStatus.CLOSED, List.of()), 2);
        assertThat(reads.latestInvoices(JUNE)).containsExactly(
                new InvoiceTotal("waba-1", YearMonth.of(2025, 6), "BRL", new BigDecimal("0.08")));
        assertThat(reads.ledgerMonths()).containsExactly("waba-1|2025-06", "waba-2|2025-05");
        assertThat(reads.ledgerWabas()).containsExactly("waba-1", "waba-2");

        List<ReplayItem> all = new ArrayList<>();
        assertThat(reads.allItems(all::add)).isEqualTo(2);
    }
}
