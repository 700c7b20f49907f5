package com.wabill.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

@FastTest
class CopyStreamTest {

    @Test
    void instantsAreWrittenAsTheJdkWritesThem() {
        Random random = new Random(11);
        long[] edges = {0, 1, 59, 86_399, 86_400, 951_782_400L /* 2000-02-29 */, 253_402_300_799L, 253_402_300_800L, -1};
        int[] nanos = {0, 1, 999_999_999, 1_000_000, 123_000_000, 123_456_000, 123_456_789, 100, 1000, 10_000_000};
        for (int i = 0; i < 200_000; i++) {
            long s = i < edges.length * nanos.length ? edges[i % edges.length]
                    : random.nextInt(3) == 0 ? random.nextLong(-10_000_000_000L, 400_000_000_000L)
                    : random.nextLong(1_600_000_000L, 1_800_000_000L);
            int n = i < edges.length * nanos.length ? nanos[i / edges.length] : switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, n);
            StringBuilder sb = new StringBuilder();
            CopyStream.appendInstant(sb, t);
            assertThat(sb.toString()).isEqualTo(t.toString());
        }
    }
}
