package com.wabill.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.replay.ThreadReplayer;
import com.wabill.testsupport.FastTest;

@FastTest
class ThreadSegmentsTest {

    @TempDir
    Path dir;

    static AcceptedMessage message(String id, String phone, String contact, Instant t, Direction d) {
        return new AcceptedMessage(id, "waba-1", phone, "+1555" + phone, contact, d, t, null, t,
                DeliveryStatus.DELIVERED, false, Category.SERVICE, false, null, null, null, null, null, null, PricingRegime.CBP_2024_11, false);
    }

    static List<AcceptedMessage> randomMessages(Random random, int n) {
        List<AcceptedMessage> list = new ArrayList<>();
        Instant base = Instant.parse("2025-03-10T00:00:00Z");
        for (int i = 0; i < n; i++) {
            // few threads, few distinct times: many ties on the time, broken by direction and id
            list.add(message("m-" + random.nextInt(n * 10), "p" + random.nextInt(3), "c" + random.nextInt(7),
                    base.plusSeconds(random.nextInt(20)).plusNanos(random.nextInt(3)),
                    random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND));
        }
        return list;
    }

    @Test
    void eachReplayBucketReadsItsSegmentOnly() throws IOException {
        Random random = new Random(3);
        int buckets = 5;
        List<AcceptedMessage> all = randomMessages(random, 400);
        int[] t = new int[all.size()];
        Map<Integer, List<AcceptedMessage>> expected = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            t[i] = AcceptedMessage.threadBucket(all.get(i).phoneNumberId(), all.get(i).contactWaId(), buckets);
            expected.computeIfAbsent(t[i], k -> new ArrayList<>()).add(all.get(i));
        }
        Path f = dir.resolve("threads/from-0.bin");
        ThreadSegments.write(f, buckets, all, t);
        for (int b = 0; b < buckets; b++) {
            List<AcceptedMessage> read = new ArrayList<>();
            try (SpillInput in = ThreadSegments.openSegment(f, b, buckets)) {
                while (in.hasMore()) read.add(SpillCodec.readAcceptedMessage(in));
            }
            assertThat(read).containsExactlyElementsOf(expected.getOrDefault(b, List.of()));
        }
    }

    @Test
    void anEmptyBucketStillWritesItsIndex() throws IOException {
        Path f = dir.resolve("from-1.bin");
        ThreadSegments.write(f, 3, List.of(), new int[0]);
        try (SpillInput in = ThreadSegments.openSegment(f, 2, 3)) {
            assertThat(in.hasMore()).isFalse();
        }
    }

    @Test
    void aFileCutShortOrForOtherBucketsIsRefused() throws IOException {
        Random random = new Random(4);
        List<AcceptedMessage> all = randomMessages(random, 50);
        Path f = dir.resolve("from-2.bin");
        ThreadSegments.write(f, 2, all, new int[all.size()]);
        assertThatThrownBy(() -> ThreadSegments.openSegment(f, 0, 3)).hasMessageContaining("written for 2 buckets");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) - 3);
        }
        assertThatThrownBy(() -> ThreadSegments.openSegment(f, 0, 2)).hasMessageContaining("index is missing");
    }

    @Test
    void bucketOrderWithEveryThreadContiguousEvenWhenHashesCollide() {
        Random random = new Random(5);
        for (int round = 0; round < 40; round++) {
            List<AcceptedMessage> all = randomMessages(random, 1 + random.nextInt(500));
            List<AcceptedMessage> reference = new ArrayList<>(all);
            reference.sort(ThreadReplayer.BUCKET_ORDER);

            // all hashes equal: exactly BUCKET_ORDER
            assertThat(ThreadReplayer.sortBucket(all, (p, c) -> 42L)).containsExactlyElementsOf(reference);
            // a hash of the phone only (threads of one phone collide), and the real one
            for (List<AcceptedMessage> sorted : List.of(ThreadReplayer.sortBucket(all, (p, c) -> p.hashCode() % 2),
                    ThreadReplayer.sortBucket(all))) {
                assertThat(sorted).containsExactlyInAnyOrderElementsOf(all);
                Map<String, List<AcceptedMessage>> threads = new LinkedHashMap<>();
                String previous = null;
                for (AcceptedMessage m : sorted) {
                    String key = m.phoneNumberId() + "|" + m.contactWaId();
                    if (!key.equals(previous)) assertThat(threads).as("thread %s contiguous", key).doesNotContainKey(key);
                    threads.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
                    previous = key;
                }
                for (List<AcceptedMessage> thread : threads.values()) {
                    List<AcceptedMessage> ordered = new ArrayList<>(thread);
                    ordered.sort(ThreadReplayer.BUCKET_ORDER);
                    assertThat(thread).containsExactlyElementsOf(ordered);
                }
            }
        }
    }
}
