package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.at;
import static com.wabill.ledger.LedgerRows.conversation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision.ClosedEarly;
import com.wabill.testsupport.DbTest;

/**
 * Conversations of 24 h: c9 opened 2025-03-09T20:00Z (scheduled end 03-10T20:00Z), c10 opened 03-10T10:00Z (end
 * 03-11T10:00Z), c11 opened 03-11T05:00Z (end 03-12T05:00Z). A re-run of 03-10 is the scenario.
 */
@DbTest
class EarlyClosesTest {

    final EarlyCloses closes = new EarlyCloses(LedgerDatabase.dataSource());

    @BeforeEach
    void ledger() {
        LedgerDatabase.clean();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2025-03-11"));
            load.conversation(conversation("c9", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-03-09T20:00:00Z", "0.06", "2025-03"));
            load.conversation(conversation("c10", "waba-1", Category.UTILITY, ConversationType.REGULAR,
                    "2025-03-10T10:00:00Z", "0.01", "2025-03"));
            load.conversation(conversation("c11", "waba-1", Category.MARKETING, ConversationType.REGULAR,
                    "2025-03-11T05:00:00Z", "0.06", "2025-03"));
            load.load();
        });
    }

    List<String> closedAt() {
        return jdbc().queryForList("select conversation_id || ' ' || to_char(closed_at at time zone 'UTC',"
                + " 'MM-DD\"T\"HH24:MI') from conversation order by opened_at", String.class);
    }

    @Test
    void closingOnlyEverMovesTheEndEarlier() {
        closes.close(List.of(new ClosedEarly("c9", at("2025-03-10T06:00:00Z")),
                new ClosedEarly("c10", at("2025-03-12T00:00:00Z"))));
        assertThat(closedAt()).containsExactly("c9 03-10T06:00", "c10 03-11T10:00", "c11 03-12T05:00");
        closes.close(List.of()); // nothing to do
    }

    /**
     * The re-run of 03-10 finds c10 closed at 03-11T07:00 by a message of the 11th (after the range): it is put back
     * after the replay. The close of c9 at 03-10T06:00 was made within the range: the re-run takes it back.
     */
    @Test
    void aRerunTakesBackItsOwnClosesAndFindsThoseOfLaterDays() {
        closes.close(List.of(new ClosedEarly("c9", at("2025-03-10T06:00:00Z")),
                new ClosedEarly("c10", at("2025-03-11T07:00:00Z"))));
        assertThat(closes.closedFrom(LocalDate.parse("2025-03-10"), LocalDate.parse("2025-03-10"),
                at("2025-03-11T00:00:00Z"))).containsExactly(new ClosedEarly("c10", at("2025-03-11T07:00:00Z")));

        closes.reopen(at("2025-03-10T00:00:00Z"), at("2025-03-11T00:00:00Z"));
        assertThat(closedAt()).containsExactly("c9 03-10T20:00", "c10 03-11T07:00", "c11 03-12T05:00");
    }

    /** Publishing a run of 03-11 writes again the partitions of older days whose conversations it closed. */
    @Test
    void theDaysWhoseConversationsARunClosed() {
        closes.close(List.of(new ClosedEarly("c9", at("2025-03-10T06:00:00Z")),
                new ClosedEarly("c10", at("2025-03-11T07:00:00Z")), new ClosedEarly("c11", at("2025-03-11T08:00:00Z"))));
        assertThat(closes.daysClosedWithin(LocalDate.parse("2025-03-11"), at("2025-03-11T00:00:00Z"),
                at("2025-03-12T00:00:00Z"))).containsExactly(LocalDate.parse("2025-03-10"));
        assertThat(closes.daysClosedWithin(LocalDate.parse("2025-03-10"), at("2025-03-10T00:00:00Z"),
                at("2025-03-11T00:00:00Z"))).containsExactly(LocalDate.parse("2025-03-09"));
    }
}
