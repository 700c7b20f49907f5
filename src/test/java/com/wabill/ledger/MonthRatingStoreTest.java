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
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.PricingModel;
import com.wabill.invoicing.WabaMonth;
import com.wabill.rating.PricedMessage;
import com.wabill.ledger.MonthRatingStore.ChargedMessage;
import com.wabill.ledger.MonthRatingStore.ServiceConversation;
import com.wabill.testsupport.DbTest;

/** Month rating's rows come with their position in the month; its changes are written beside the cursor. */
@DbTest
class MonthRatingStoreTest {

    final MonthRatingStore store = new MonthRatingStore(LedgerDatabase.dataSource());

    @BeforeEach
    void clean() {
        LedgerDatabase.clean();
    }

    /**
     * waba-1, October 2024: 12,000 CBP service conversations, one a minute from 10-01T00:00Z (more than two batches
     * of changes), the first two opened at the same instant (numbered by opening message: open-s00000 first). Plus
     * rows that are not candidates: a marketing conversation, a service one of November (after the free tier), one
     * of waba-2 (not asked for).
     */
    @Test
    void serviceConversationsComeNumberedInTheirMonthAndTakeTheirNewPrices() throws Exception {
        int n = 12_000;
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2024-10-31"));
            for (int i = 0; i < n; i++) {
                String opened = at("2024-10-01T00:00:00Z").plusSeconds(60L * Math.max(0, i - 1)).toString();
                load.conversation(conversation(String.format("s%05d", i), "waba-1", Category.SERVICE,
                        ConversationType.REGULAR, opened, "0.03", "2024-10"));
            }
            load.conversation(conversation("mk", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2024-10-02T00:00:00Z", "0.06", "2024-10"));
            load.conversation(conversation("nov", "waba-1", Category.SERVICE, ConversationType.REGULAR,
                    "2024-11-02T00:00:00Z", null, "2024-11"));
            load.conversation(conversation("w2", "waba-2", Category.SERVICE, ConversationType.REGULAR,
                    "2024-10-02T00:00:00Z", "0.03", "2024-10"));
            load.load();
        });
        Map<String, Long> numbers = new TreeMap<>();
        inTransaction(() -> store.serviceConversations(List.of(new WabaMonth("waba-1", "2024-10"),
                new WabaMonth("waba-1", "2024-11")), YearMonth.of(2024, 11), (c, repricing) -> {
                    numbers.put(c.conversationId(), c.numberInMonth());
                    assertThat(c.type()).isEqualTo(ConversationType.REGULAR);
                    assertThat(c.rate()).isEqualByComparingTo("0.03");
                    assertThat(c.day()).isEqualTo(LocalDate.ofInstant(c.openedAt(), java.time.ZoneOffset.UTC));
                    // the first 1,000 free, as month rating does
                    if (c.numberInMonth() <= 1000) repricing.conversation(c.conversationId(), ConversationType.FREE_TIER,
                            BigDecimal.ZERO);
                }));
        assertThat(numbers).hasSize(n).containsEntry("s00000", 1L).containsEntry("s00001", 2L)
                .containsEntry("s00999", 1000L).containsEntry("s11999", 12_000L);
        assertThat(jdbc().queryForList("select type || ' ' || count(*) || ' ' || sum(amount) from conversation"
                + " where category = 'SERVICE' and waba_id = 'waba-1' and local_month = '2024-10' group by type"
                + " order by type", String.class)).containsExactly("FREE_TIER 1000 0", "REGULAR 11000 330.00");
    }

    @Test
    void aFailureThrownByTheCallerRollsTheChangesBack() {
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2024-10-31"));
            load.conversation(conversation("s1", "waba-1", Category.SERVICE, ConversationType.REGULAR,
                    "2024-10-01T00:00:00Z", "0.03", "2024-10"));
            load.load();
        });
        try {
            inTransaction(() -> store.serviceConversations(List.of(new WabaMonth("waba-1", "2024-10")),
                    YearMonth.of(2024, 11), (c, repricing) -> {
                        repricing.conversation(c.conversationId(), ConversationType.FREE_TIER, BigDecimal.ZERO);
                        throw new IllegalStateException("no service rate");
                    }));
        } catch (IllegalStateException expected) {
            // the step fails
        }
        assertThat(jdbc().queryForObject("select type from conversation", String.class)).isEqualTo("REGULAR");
    }

    /**
     * Portfolio pf-waba-1, October 2026, market Brazil (SPEC 1.2): charged authentication at 10:00, authentication-
     * international at 09:00 (ids b and a: a first): one count for the family; a utility message (its own count);
     * marketing (no tiers: not read); a free one (not charged: not counted) and one of November.
     */
    @Test
    void chargedMessagesComeNumberedPerPortfolioMarketAndTierFamily() throws Exception {
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2026-10-31"));
            for (String[] m : new String[][] {{"c", "AUTHENTICATION", "2026-10-10T10:00:00Z", "CHARGED", "2026-10"},
                    {"b", "AUTHENTICATION_INTERNATIONAL", "2026-10-10T09:00:00Z", "CHARGED", "2026-10"},
                    {"a", "AUTHENTICATION", "2026-10-10T09:00:00Z", "CHARGED", "2026-10"},
                    {"u", "UTILITY", "2026-10-11T09:00:00Z", "CHARGED", "2026-10"},
                    {"m", "MARKETING", "2026-10-11T09:00:00Z", "CHARGED", "2026-10"},
                    {"f", "UTILITY", "2026-10-09T09:00:00Z", "FREE_CUSTOMER_SERVICE", "2026-10"},
                    {"nov", "AUTHENTICATION", "2026-11-01T09:00:00Z", "CHARGED", "2026-11"}}) {
                Outcome outcome = Outcome.valueOf(m[3]);
                load.outcome(outbound(m[0], "waba-1", m[2], null), decision(outcome, null, PricingModel.PMP),
                        pricedMessage(m[0], "waba-1", outcome, Category.valueOf(m[1]), m[2],
                                outcome == Outcome.CHARGED ? "0.0625" : null, m[4]));
            }
            load.load();
        });
        List<String> seen = new ArrayList<>();
        inTransaction(() -> store.chargedMessages(List.of("pf-waba-1|2026-10"), 7, (ChargedMessage m, MonthRatingStore.Repricing repricing) -> {
            seen.add(m.messageId() + " " + m.category() + " " + m.numberInMonth());
            if (m.messageId().equals("c")) repricing.message(m, 3, new BigDecimal("0.0500"));
        }));
        assertThat(seen).containsExactlyInAnyOrder("a AUTHENTICATION 1", "b AUTHENTICATION_INTERNATIONAL 2",
                "c AUTHENTICATION 3", "u UTILITY 1");
        assertThat(jdbc().queryForList("select message_id || ' ' || rate || ' ' || amount from priced_message"
                + " where message_id in ('a', 'c') order by 1", String.class))
                .containsExactly("a 0.0625 0.0625", "c 0.0500 0.0500");
        // recorded for publish, in the message's UTC day and replay bucket, for job instance 7 only
        assertThat(store.repriced(7, LocalDate.parse("2026-10-10"), 3)).isEqualTo(Map.of("c",
                new MonthRatingStore.RepricedMessage("CHARGED", "REGULAR", new BigDecimal("0.0500"),
                        new BigDecimal("0.0500"))));
        assertThat(store.repriced(8, LocalDate.parse("2026-10-10"), 3)).isEmpty();
        assertThat(store.repriced(7, LocalDate.parse("2026-10-10"), 2)).isEmpty();
        inTransaction(() -> store.forgetRepricing(7));
        assertThat(store.repriced(7, LocalDate.parse("2026-10-10"), 3)).isEmpty();
    }

    /**
     * SPEC 2.10.5, waba-1, October 2026, with a free tier of 2 for the test: service messages marked for the free tier
     * from two phone numbers, numbered per phone number by event time, then message id (s2 and s1 at the same
     * instant: s1 first). Read are those that may change: numbers 1 and 2 (s1, s2; t1 of pn-2), whatever the replay
     * guessed, and every free one (s3, number 3). s4 (number 4) is charged already, beyond the tier: not read. An
     * unmarked service message (before 2.10) and one of November are not read either.
     */
    @Test
    void serviceMessagesThatMayChangeComeNumberedPerPhoneNumberAndTakeTheirSettlement() throws Exception {
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2026-10-31"));
            for (String[] m : new String[][] {{"s3", "pn-1", "2026-10-02T09:00:00Z", "2026-10", "y", "F"},
                    {"s2", "pn-1", "2026-10-01T09:00:00Z", "2026-10", "y", "C"},
                    {"s1", "pn-1", "2026-10-01T09:00:00Z", "2026-10", "y", "F"},
                    {"s4", "pn-1", "2026-10-03T09:00:00Z", "2026-10", "y", "C"},
                    {"t1", "pn-2", "2026-10-03T09:00:00Z", "2026-10", "y", "F"},
                    {"old", "pn-1", "2026-10-01T08:00:00Z", "2026-10", "n", "F"},
                    {"nov", "pn-1", "2026-11-01T09:00:00Z", "2026-11", "y", "F"}}) {
                Instant t = at(m[2]);
                boolean charged = m[5].equals("C");
                PricedMessage p = new PricedMessage(m[0], "waba-1", "waba-1", m[1], "5511", null, null,
                        charged ? Outcome.CHARGED : Outcome.FREE_CUSTOMER_SERVICE, Category.SERVICE,
                        charged ? ConversationType.REGULAR : ConversationType.FREE_CUSTOMER_SERVICE, t,
                        "BR", "Brazil", "USD", charged ? new BigDecimal("0.0068") : null,
                        charged ? new BigDecimal("0.0068") : BigDecimal.ZERO,
                        LocalDate.ofInstant(t, java.time.ZoneOffset.UTC),
                        m[3], m[4].equals("y") ? MonthPosition.SERVICE_MESSAGE_FREE_TIER : MonthPosition.NONE);
                load.outcome(outbound(m[0], "waba-1", m[2], null), decision(Outcome.FREE_CUSTOMER_SERVICE, null,
                        PricingModel.PMP), p);
            }
            load.load();
        });
        List<String> seen = new ArrayList<>();
        inTransaction(() -> store.serviceMessages(List.of(new WabaMonth("waba-1", "2026-10")), 2, 7, (m, repricing) -> {
            seen.add(m.messageId() + " " + m.phoneNumberId() + " " + m.numberInMonth() + " " + m.outcome());
            boolean free = m.numberInMonth() <= 2;
            if (free && m.outcome() == Outcome.CHARGED) {
                repricing.serviceMessage(m, 4, Outcome.FREE_CUSTOMER_SERVICE, ConversationType.FREE_CUSTOMER_SERVICE,
                        null, BigDecimal.ZERO);
            } else if (!free && m.outcome() != Outcome.CHARGED) {
                repricing.serviceMessage(m, 4, Outcome.CHARGED, ConversationType.REGULAR,
                        new BigDecimal("0.0068"), new BigDecimal("0.0068"));
            }
        }));
        assertThat(seen).containsExactlyInAnyOrder("s1 pn-1 1 FREE_CUSTOMER_SERVICE", "s2 pn-1 2 CHARGED",
                "s3 pn-1 3 FREE_CUSTOMER_SERVICE", "t1 pn-2 1 FREE_CUSTOMER_SERVICE");
        assertThat(jdbc().queryForList("select message_id || ' ' || outcome || ' ' || pricing_type || ' '"
                + " || coalesce(rate::text, '-') || ' ' || amount from priced_message where message_id like 's%'"
                + " order by 1", String.class)).containsExactly("s1 FREE_CUSTOMER_SERVICE FREE_CUSTOMER_SERVICE - 0",
                "s2 FREE_CUSTOMER_SERVICE FREE_CUSTOMER_SERVICE - 0", "s3 CHARGED REGULAR 0.0068 0.0068",
                "s4 CHARGED REGULAR 0.0068 0.0068");
        assertThat(store.repriced(7, LocalDate.parse("2026-10-01"), 4)).isEqualTo(Map.of("s2",
                new MonthRatingStore.RepricedMessage("FREE_CUSTOMER_SERVICE", "FREE_CUSTOMER_SERVICE", null,
                        BigDecimal.ZERO)));
        assertThat(store.repriced(7, LocalDate.parse("2026-10-02"), 4)).isEqualTo(Map.of("s3",
                new MonthRatingStore.RepricedMessage("CHARGED", "REGULAR", new BigDecimal("0.0068"),
                        new BigDecimal("0.0068"))));
    }

    @Test
    void serviceConversationFieldsAreTheLedgers() throws Exception {
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2024-10-31"));
            load.conversation(conversation("s1", "waba-1", Category.SERVICE, ConversationType.FREE_TIER,
                    "2024-10-05T23:30:00Z", null, "2024-10"));
            load.load();
        });
        List<ServiceConversation> read = new ArrayList<>();
        inTransaction(() -> store.serviceConversations(List.of(new WabaMonth("waba-1", "2024-10")), YearMonth.of(2024, 11),
                (c, repricing) -> read.add(c)));
        assertThat(read).containsExactly(new ServiceConversation("s1", null, new BigDecimal("0"),
                ConversationType.FREE_TIER, LocalDate.parse("2024-10-05"), "Brazil", "BRL", at("2024-10-05T23:30:00Z"),
                "waba-1", 1));
    }
}
