package com.wabill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.wabill.spill.OutcomeRecord;
import com.wabill.testsupport.FastTest;

/** A bucket's outcomes sorted by packed keys come out as the (event time, message id) comparator orders them. */
@FastTest
class OutcomeOrderTest {

    private static OutcomeRecord record(String id, Instant t) {
        return new OutcomeRecord(id, "waba", "pn", "c", "bp", t, "conv", "CHARGED", "", "CBP", null, null, null,
                null, null, null, BigDecimal.ZERO, null, null);
    }

    private static void check(List<OutcomeRecord> records) {
        LedgerParquetFiles.OutcomeColumns cols = new LedgerParquetFiles.OutcomeColumns();
        records.forEach(cols::add);
        List<String> packed = new ArrayList<>();
        for (int i : cols.order()) packed.add(cols.messageId[i]);
        List<String> expected = records.stream()
                .sorted(Comparator.comparing(OutcomeRecord::eventTime).thenComparing(OutcomeRecord::messageId))
                .map(OutcomeRecord::messageId).toList();
        assertThat(packed).isEqualTo(expected);
    }

    @Test
    void ordersLikeTheComparator() {
        Random rnd = new Random(7);
        Instant day = Instant.parse("2025-03-10T00:00:00Z");
        for (int round = 0; round < 30; round++) {
            int n = rnd.nextInt(3000);
            boolean nanos = round % 3 == 0;
            boolean wide = round % 5 == 0; // negative seconds and spans of centuries
            List<OutcomeRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long sec = wide ? rnd.nextLong(-4_000_000_000L, 4_000_000_000L) : rnd.nextInt(86_400);
                long nano = nanos ? rnd.nextInt(1_000_000_000) : rnd.nextInt(1000) * 1_000_000L;
                if (rnd.nextInt(4) == 0 && !records.isEmpty()) {
                    records.add(record("m" + rnd.nextInt(1_000_000), records.get(rnd.nextInt(records.size())).eventTime()));
                } else {
                    records.add(record("m" + rnd.nextInt(1_000_000), (wide ? Instant.EPOCH : day).plusSeconds(sec).plusNanos(nano)));
                }
            }
            check(records);
        }
    }

    @Test
    void emptyAndSingle() {
        check(List.of());
        check(List.of(record("a", Instant.parse("2025-03-10T01:00:00Z"))));
    }
}
