package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.replay.ThreadReplayer.ThreadKey;
import com.wabill.testsupport.DbTest;

/** The state threads carry out of a day, read back by the replay bucket their messages go to. */
@DbTest
class CarriedStatesTest {

    static final LocalDate DAY = LocalDate.parse("2025-03-10");

    final CarriedStates states = new CarriedStates(LedgerDatabase.dataSource());

    @BeforeEach
    void clean() {
        LedgerDatabase.clean();
    }

    /** 60 threads carried out of a day, each with a state of its own. */
    static Map<ThreadKey, ThreadState> carry(LocalDate day) {
        Map<ThreadKey, ThreadState> carried = new HashMap<>();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 7, day);
            for (int i = 0; i < 60; i++) {
                ThreadKey key = new ThreadKey("pn-" + i % 4, "551198765" + String.format("%04d", i));
                ThreadState s = ThreadState.of(at("2025-03-11T00:00:00Z").plusSeconds(60L * i), null, List.of(), null, 0);
                load.carriedState(key.phoneNumberId(), key.contactWaId(), s);
                carried.put(key, s);
            }
            load.load();
        });
        return carried;
    }

    /** A bucket reads exactly the threads whose messages dedupe routes to it ({@link AcceptedMessage#threadBucket}). */
    @Test
    void eachReplayBucketReadsTheStatesOfItsOwnThreads() {
        Map<ThreadKey, ThreadState> carried = carry(DAY);
        carry(DAY.plusDays(1)); // another day's states are not read
        for (int buckets : new int[] {1, 3, 7}) {
            Map<ThreadKey, ThreadState> all = new HashMap<>();
            for (int b = 0; b < buckets; b++) {
                int bucket = b;
                Map<ThreadKey, ThreadState>[] read = new Map[1];
                inTransaction(() -> read[0] = states.load(DAY, buckets, bucket));
                assertThat(read[0].keySet()).allSatisfy(k -> assertThat(
                        AcceptedMessage.threadBucket(k.phoneNumberId(), k.contactWaId(), buckets)).isEqualTo(bucket));
                all.putAll(read[0]);
            }
            assertThat(all).isEqualTo(carried);
        }
    }

    @Test
    void aCarryPointSaysTheDaysStateIsCompleteAndARerunTakesItOver() {
        assertThat(states.existsFor(DAY)).isFalse();
        assertThat(states.digest(DAY)).isEmpty();
        states.recordCarryPoint(DAY, 60, -123L, 7);
        assertThat(states.existsFor(DAY)).isTrue();
        assertThat(states.existsFor(DAY.minusDays(1))).isFalse();
        assertThat(states.digest(DAY)).contains(-123L);
        states.recordCarryPoint(DAY, 59, 456L, 8);
        assertThat(states.digest(DAY)).contains(456L);
        assertThat(jdbc().queryForMap("select threads, job_execution_id from carry_point"))
                .isEqualTo(Map.of("threads", 59L, "job_execution_id", 8L));
    }

    @Test
    void clearingDaysRemovesTheirStatesAndCarryPointsOnly() {
        carry(DAY.minusDays(1));
        carry(DAY);
        carry(DAY.plusDays(1));
        states.recordCarryPoint(DAY.minusDays(1), 60, 1, 7);
        states.recordCarryPoint(DAY, 60, 2, 7);
        states.recordCarryPoint(DAY.plusDays(1), 60, 3, 7);
        states.clear(DAY, DAY.plusDays(1));
        assertThat(jdbc().queryForList("select distinct carry_day from thread_state", LocalDate.class))
                .containsExactly(DAY.minusDays(1));
        assertThat(states.existsFor(DAY.minusDays(1))).isTrue();
        assertThat(states.existsFor(DAY)).isFalse();
        assertThat(states.existsFor(DAY.plusDays(1))).isFalse();
    }
}
