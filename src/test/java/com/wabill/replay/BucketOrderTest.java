package com.wabill.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.testsupport.FastTest;

/** The replay sorts a bucket by thread, then in the engine's replay order: nothing else decides the order. */
@FastTest
class BucketOrderTest {

    @Test
    void withinAThreadTheBucketOrderIsTheEnginesReplayOrder() {
        Random random = new Random(8);
        Instant base = Instant.parse("2025-03-10T00:00:00Z");
        for (int round = 0; round < 200; round++) {
            List<AcceptedMessage> thread = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(60); i < n; i++) {
                // few distinct instants: many ties on time, broken by direction, then by id ("m10" before "m9")
                Instant t = base.plusSeconds(random.nextInt(5)).plusNanos(random.nextInt(2));
                Direction d = random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND;
                thread.add(new AcceptedMessage("m" + random.nextInt(40), "waba-1", "pn-1", null, "5511", d, t, null, t,
                        DeliveryStatus.DELIVERED, false, null, false, null, null, null, null, null, null, PricingRegime.CBP_2024_11, false));
            }
            List<String> byBucketOrder = thread.stream().sorted(ThreadReplayer.BUCKET_ORDER)
                    .map(AcceptedMessage::messageId).toList();
            List<String> byReplayOrder = thread.stream().map(AcceptedMessage::toThreadMessage)
                    .sorted(ReplayOrder.INSTANCE).map(ThreadMessage::messageId).toList();
            assertThat(byBucketOrder).isEqualTo(byReplayOrder);
            assertThat(ThreadReplayer.sortBucket(thread).stream().map(AcceptedMessage::messageId).toList())
                    .isEqualTo(byReplayOrder);
        }
    }

    @Test
    void threadsComeFirst() {
        Instant t = Instant.parse("2025-03-10T00:00:00Z");
        AcceptedMessage late = new AcceptedMessage("a", "waba-1", "pn-1", null, "5511", Direction.INBOUND, t.plusSeconds(9),
                null, t.plusSeconds(9), null, false, null, false, null, null, null, null, null, null, PricingRegime.CBP_2024_11, false);
        AcceptedMessage early = new AcceptedMessage("b", "waba-1", "pn-1", null, "5512", Direction.INBOUND, t, null, t,
                null, false, Category.SERVICE, false, null, null, null, null, null, null, PricingRegime.CBP_2024_11, false);
        assertThat(ThreadReplayer.BUCKET_ORDER.compare(late, early)).isNegative();
    }
}
