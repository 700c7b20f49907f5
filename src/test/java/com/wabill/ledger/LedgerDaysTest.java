package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.conversation;
import static com.wabill.ledger.LedgerRows.decision;
import static com.wabill.ledger.LedgerRows.outbound;
import static com.wabill.ledger.LedgerRows.pricedMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.invoicing.WabaMonth;
import com.wabill.testsupport.DbTest;

@DbTest
class LedgerDaysTest {

    final LedgerDays days = new LedgerDays(LedgerDatabase.dataSource());

    /**
     * 2025-03-31: a conversation of waba-1 (month 2025-03) and a priced message of waba-2 whose local month is
     * already 2025-04; 2025-04-01: a conversation of waba-1 in 2025-04, with a link.
     */
    @BeforeEach
    void ledger() {
        LedgerDatabase.clean();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2025-04-01"));
            load.conversation(conversation("c1", "waba-1", Category.SERVICE, ConversationType.REGULAR,
                    "2025-03-31T10:00:00Z", "0.03", "2025-03"));
            load.outcome(outbound("m2", "waba-2", "2025-03-31T20:00:00Z", null), decision(Outcome.CHARGED, null,
                    PricingModel.PMP), pricedMessage("m2", "waba-2", Outcome.CHARGED, Category.MARKETING,
                    "2025-03-31T20:00:00Z", "0.06", "2025-04"));
            load.conversation(conversation("c3", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-04-01T10:00:00Z", "0.06", "2025-04"));
            load.outcome(outbound("m3", "waba-1", "2025-04-01T10:00:00Z", "meta-3"),
                    decision(Outcome.OPENED_CONVERSATION, "c3", PricingModel.CBP), null);
            load.load();
        });
    }

    @Test
    void theMonthsADaysRowsFeed() {
        assertThat(days.monthsFed(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-03-31")))
                .containsExactlyInAnyOrder(new WabaMonth("waba-1", "2025-03"), new WabaMonth("waba-2", "2025-04"));
        assertThat(days.monthsFed(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-04-01")))
                .containsExactlyInAnyOrder(new WabaMonth("waba-1", "2025-03"), new WabaMonth("waba-2", "2025-04"),
                        new WabaMonth("waba-1", "2025-04"));
        assertThat(days.monthsFed(LocalDate.parse("2025-04-02"), LocalDate.parse("2025-04-30"))).isEmpty();
    }

    @Test
    void clearingDaysRemovesTheirRowsOnly() {
        days.clear(LocalDate.parse("2025-04-01"), LocalDate.parse("2025-04-01"));
        assertThat(jdbc().queryForList("select conversation_id from conversation", String.class)).containsExactly("c1");
        assertThat(jdbc().queryForList("select message_id from priced_message", String.class)).containsExactly("m2");
        assertThat(jdbc().queryForObject("select count(*) from meta_conversation_link", Long.class)).isZero();
    }
}
