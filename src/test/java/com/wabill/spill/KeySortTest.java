package com.wabill.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

@FastTest
class KeySortTest {

    @Test
    void sortsByKeyThenTieStably() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = random.nextInt(3000);
            int keyRange = 1 + random.nextInt(round % 5 == 0 ? 2 : 1000); // some rounds: nearly all keys equal
            long[] keys = new long[n];
            int[] tie = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (random.nextBoolean() ? -1 : 1) * (long) random.nextInt(keyRange) * 0x1_0000_0001L;
                tie[i] = random.nextInt(10);
            }
            long[] copy = keys.clone();
            int[] order = KeySort.sort(keys, (a, b) -> Integer.compare(tie[a], tie[b]));
            assertThat(keys).containsExactly(copy);
            List<Integer> expected = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            expected.sort(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparingInt(i -> tie[i])); // stable
            assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void sortsByPrimaryThenSecondaryThenTieStably() {
        Random random = new Random(9);
        for (int round = 0; round < 30; round++) {
            int n = random.nextInt(2000);
            long[] p = new long[n];
            long[] q = new long[n];
            int[] tie = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = random.nextInt(1 + round) - round / 2;
                q[i] = random.nextBoolean() ? random.nextLong() : random.nextInt(5) - 2;
                tie[i] = random.nextInt(4);
            }
            int[] order = KeySort.sort(p, q, (a, b) -> Integer.compare(tie[a], tie[b]));
            List<Integer> expected = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            expected.sort(Comparator.<Integer>comparingLong(i -> p[i]).thenComparingLong(i -> q[i])
                    .thenComparingInt(i -> tie[i]));
            assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void allKeysEqualFallsBackToTheTieComparatorEverywhere() {
        String[] ids = {"m9", "m1", "m5", "m1", "m0", "m5", "m1"};
        int[] order = KeySort.sort(new long[ids.length], (a, b) -> ids[a].compareTo(ids[b]));
        assertThat(order).containsExactly(4, 1, 3, 6, 2, 5, 0);
    }

    @Test
    void emptyAndSingle() {
        assertThat(KeySort.sort(new long[0], (a, b) -> 0)).isEmpty();
        assertThat(KeySort.sort(new long[] {42}, (a, b) -> 0)).containsExactly(0);
    }

    @Test
    void extremeKeysInSignedOrder() {
        long[] keys = {Long.MAX_VALUE, 0, Long.MIN_VALUE, -1, 1};
        assertThat(KeySort.sort(keys, (a, b) -> 0)).containsExactly(2, 3, 1, 4, 0);
    }

    @Test
    void hashSeparatesConcatenations() {
        assertThat(KeySort.hash(KeySort.hash("ab"), "c")).isNotEqualTo(KeySort.hash(KeySort.hash("a"), "bc"));
        assertThat(KeySort.hash("m-1")).isEqualTo(KeySort.hash(new String("m-1")));
    }
}
