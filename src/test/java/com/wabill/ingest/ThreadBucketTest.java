package com.wabill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

/**
 * A thread's bucket is the range of hashes its hash falls in: the ledger reads a bucket's carried states as one range
 * of its key ({@code firstHashOf(b) <= bucket_hash < firstHashOf(b + 1)}), so the ranges must agree with
 * {@link AcceptedMessage#bucketOfHash} at every edge.
 */
@FastTest
class ThreadBucketTest {

    @Test
    void theRangesOfHashesCoverEveryHashOnceInOrder() {
        for (int buckets : new int[] {1, 2, 3, 7, 42, 209, 1000, 65_536}) {
            // the first range starts at the least int, the last ends past the greatest
            assertThat(AcceptedMessage.firstHashOf(0, buckets)).isEqualTo(Integer.MIN_VALUE);
            assertThat(AcceptedMessage.firstHashOf(buckets, buckets)).isEqualTo(1L + Integer.MAX_VALUE);
            for (int b = 0; b < Math.min(buckets, 500); b++) {
                long first = AcceptedMessage.firstHashOf(b, buckets);
                long next = AcceptedMessage.firstHashOf(b + 1, buckets);
                assertThat(next).isGreaterThan(first);
                // each range's edges: its first hash is in it, the one before is in the bucket before
                assertThat(AcceptedMessage.bucketOfHash((int) first, buckets)).isEqualTo(b);
                assertThat(AcceptedMessage.bucketOfHash((int) (next - 1), buckets)).isEqualTo(b);
                if (b > 0) assertThat(AcceptedMessage.bucketOfHash((int) (first - 1), buckets)).isEqualTo(b - 1);
            }
        }
    }

    @Test
    void everyHashFallsInTheRangeOfItsBucket() {
        SplittableRandom random = new SplittableRandom(15);
        for (int buckets : new int[] {1, 3, 42, 209}) {
            for (int i = 0; i < 100_000; i++) {
                int hash = random.nextInt();
                int b = AcceptedMessage.bucketOfHash(hash, buckets);
                assertThat(b).isBetween(0, buckets - 1);
                assertThat((long) hash).isGreaterThanOrEqualTo(AcceptedMessage.firstHashOf(b, buckets))
                        .isLessThan(AcceptedMessage.firstHashOf(b + 1, buckets));
            }
        }
    }

    @Test
    void threadsSpreadEvenlyOverTheBuckets() {
        // 42 buckets of 1,000,000 threads: about 23,810 each; the hash must not crowd any range
        int buckets = 42;
        int[] count = new int[buckets];
        for (int i = 0; i < 1_000_000; i++) {
            count[AcceptedMessage.threadBucket("pn-" + i % 8, "5511" + (900_000_000 + i), buckets)]++;
        }
        for (int c : count) assertThat(c).isBetween(23_000, 24_600);
    }
}
