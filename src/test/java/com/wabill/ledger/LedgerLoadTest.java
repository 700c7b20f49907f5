package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.at;
import static com.wabill.ledger.LedgerRows.conversation;
import static com.wabill.ledger.LedgerRows.decision;
import static com.wabill.ledger.LedgerRows.outbound;
import static com.wabill.ledger.LedgerRows.pricedMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ThreadState;
import com.wabill.engine.ThreadStateCodec;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.testsupport.DbTest;

/** A replay bucket's rows go to the ledger with COPY, in the step's transaction: all of them, or none. */
@DbTest
class LedgerLoadTest {

    static final LocalDate CARRY_DAY = LocalDate.parse("2025-03-10");

    @BeforeEach
    void clean() {
        LedgerDatabase.clean();
    }

    LedgerLoad newLoad() {
        return new LedgerLoad(LedgerDatabase.dataSource(), 42, CARRY_DAY);
    }

    static ThreadState openWindowUntil(String end) {
        return ThreadState.of(at(end), null, List.of(), null, 0);
    }

    @Test
    void loadsConversationsPricedMessagesLinksAndCarriedStates() {
        PricedConversation c = conversation("c1", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                "2025-03-10T08:00:00Z", "0.0625", "2025-03");
        PricedMessage p = pricedMessage("m5", "waba-1", Outcome.CHARGED, Category.UTILITY, "2025-03-10T09:00:00Z",
                "0.0080", "2025-03");
        inTransaction(() -> {
            LedgerLoad load = newLoad();
            load.conversation(c);
            // a link: outbound, with Meta's conversation id, delivered
            load.outcome(outbound("m1", "waba-1", "2025-03-10T08:00:00Z", "meta-1"),
                    decision(Outcome.OPENED_CONVERSATION, "c1", PricingModel.CBP), null);
            // no link: failed; without Meta's id; with a blank one
            load.outcome(outbound("m2", "waba-1", "2025-03-10T08:01:00Z", "meta-2"),
                    decision(Outcome.FAILED_NOT_DELIVERED, null, PricingModel.CBP), null);
            load.outcome(outbound("m3", "waba-1", "2025-03-10T08:02:00Z", null),
                    decision(Outcome.IN_OPEN_CONVERSATION, "c1", PricingModel.CBP), null);
            load.outcome(outbound("m4", "waba-1", "2025-03-10T08:03:00Z", " "),
                    decision(Outcome.IN_OPEN_CONVERSATION, "c1", PricingModel.CBP), null);
            // a PMP message priced on its own: a priced message, and a link without conversation
            load.outcome(outbound("m5", "waba-1", "2025-03-10T09:00:00Z", "meta-5"),
                    decision(Outcome.CHARGED, null, PricingModel.PMP), p);
            load.carriedState("pn-1", "5511", openWindowUntil("2025-03-11T08:00:00Z"));
            load.load();
        });

        assertThat(jdbc().queryForMap("select conversation_id, waba_id, category, type, opened_at, scheduled_end,"
                + " closed_at, opening_message_id, market, currency, rate, amount, pricing_model, day, local_month,"
                + " job_execution_id from conversation"))
                .containsEntry("conversation_id", "c1").containsEntry("category", "MARKETING")
                .containsEntry("type", "REGULAR").containsEntry("opening_message_id", "open-c1")
                .containsEntry("rate", new BigDecimal("0.0625")).containsEntry("amount", new BigDecimal("0.0625"))
                .containsEntry("pricing_model", "CBP").containsEntry("day", java.sql.Date.valueOf("2025-03-10"))
                .containsEntry("local_month", "2025-03").containsEntry("job_execution_id", 42L);
        assertThat(jdbc().queryForObject("select opened_at from conversation", java.time.OffsetDateTime.class)
                .toInstant()).isEqualTo(c.openedAt());
        assertThat(jdbc().queryForMap("select message_id, portfolio_id, outcome, pricing_category, rate, amount, day,"
                + " local_month, job_execution_id from priced_message"))
                .containsEntry("message_id", "m5").containsEntry("portfolio_id", "pf-waba-1")
                .containsEntry("outcome", "CHARGED").containsEntry("pricing_category", "UTILITY")
                .containsEntry("rate", new BigDecimal("0.0080")).containsEntry("job_execution_id", 42L);
        assertThat(jdbc().queryForList("select concat_ws(' ', message_id, meta_conversation_id,"
                + " coalesce(conversation_id, '-'), outcome, pricing_model, day, job_execution_id)"
                + " from meta_conversation_link order by message_id", String.class)).containsExactly(
                "m1 meta-1 c1 OPENED_CONVERSATION CBP 2025-03-10 42", "m5 meta-5 - CHARGED PMP 2025-03-10 42");
        // the priced message m5 keeps its link on its own row: conversation_link holds only m1's
        assertThat(jdbc().queryForList("select message_id from conversation_link", String.class)).containsExactly("m1");
        assertThat(jdbc().queryForObject("select meta_conversation_id from priced_message where message_id = 'm5'",
                String.class)).isEqualTo("meta-5");
        Map<String, Object> state = jdbc().queryForMap("select * from thread_state");
        assertThat(state).containsEntry("carry_day", java.sql.Date.valueOf(CARRY_DAY))
                .containsEntry("bucket_hash", AcceptedMessage.threadHash("pn-1", "5511"));
        assertThat(ThreadStateCodec.decode((byte[]) state.get("state")))
                .isEqualTo(openWindowUntil("2025-03-11T08:00:00Z"));
    }

    @Test
    void aBucketThatFailsLeavesNothing() {
        assertThatThrownBy(() -> inTransaction(() -> {
            LedgerLoad load = newLoad();
            load.conversation(conversation("c1", "waba-1", Category.SERVICE, ConversationType.REGULAR,
                    "2025-03-10T08:00:00Z", "0.03", "2025-03"));
            load.carriedState("pn-1", "5511", openWindowUntil("2025-03-11T08:00:00Z"));
            load.load();
            throw new IllegalStateException("the bucket's process dies before its commit");
        })).hasMessageContaining("dies");
        assertThat(jdbc().queryForObject("select (select count(*) from conversation) + (select count(*) from"
                + " thread_state)", Long.class)).isZero();
    }

    @Test
    void loadsOnlyInTheStepsTransaction() {
        LedgerLoad load = newLoad();
        load.conversation(conversation("c1", "waba-1", Category.SERVICE, ConversationType.REGULAR,
                "2025-03-10T08:00:00Z", "0.03", "2025-03"));
        assertThatThrownBy(load::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("step's transaction");
    }

    /** An early close moves an older conversation's end earlier, never later. */
    @Test
    void earlyClosesOfOlderConversationsOnlyEverMoveTheirEndEarlier() {
        inTransaction(() -> {
            LedgerLoad load = newLoad();
            load.conversation(conversation("old-1", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-03-09T20:00:00Z", "0.06", "2025-03"));
            load.conversation(conversation("old-2", "waba-1", Category.UTILITY, ConversationType.REGULAR,
                    "2025-03-09T20:00:00Z", "0.01", "2025-03"));
            load.load();
        });
        inTransaction(() -> {
            LedgerLoad load = newLoad();
            load.closedEarlier("old-1", at("2025-03-10T06:00:00Z"));
            load.closedEarlier("old-2", at("2025-03-10T21:00:00Z")); // after its scheduled end (20:00): no close
            load.load();
        });
        assertThat(jdbc().queryForList("select conversation_id, closed_at from conversation order by 1")).extracting(
                r -> r.get("conversation_id") + " " + ((java.sql.Timestamp) r.get("closed_at")).toInstant())
                .containsExactly("old-1 2025-03-10T06:00:00Z", "old-2 2025-03-10T20:00:00Z");
    }

    /** The carried-state digest is a sum: threads carried in any order, by any bucket, add up the same. */
    @Test
    void theStateDigestDoesNotDependOnTheOrderThreadsAreCarriedIn() {
        LedgerLoad a = newLoad();
        LedgerLoad b = newLoad();
        ThreadState s1 = openWindowUntil("2025-03-11T08:00:00Z");
        ThreadState s2 = openWindowUntil("2025-03-11T09:30:00Z");
        a.carriedState("pn-1", "5511", s1);
        a.carriedState("pn-2", "5512", s2);
        b.carriedState("pn-2", "5512", s2);
        b.carriedState("pn-1", "5511", s1);
        assertThat(a.stateDigest()).isEqualTo(b.stateDigest())
                .isEqualTo(CarriedStates.digest("pn-1", "5511", ThreadStateCodec.encode(s1))
                        + CarriedStates.digest("pn-2", "5512", ThreadStateCodec.encode(s2)));
        assertThat(a.carriedThreads()).isEqualTo(2);
        // the thread is part of the digest: the same state carried by another thread differs
        assertThat(CarriedStates.digest("pn-1", "5511", ThreadStateCodec.encode(s1)))
                .isNotEqualTo(CarriedStates.digest("pn-1", "5512", ThreadStateCodec.encode(s1)));
    }
}
