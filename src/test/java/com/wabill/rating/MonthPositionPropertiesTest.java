package com.wabill.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import com.wabill.engine.Outcome;
import com.wabill.engine.PricingRegime;
import com.wabill.testsupport.FastTest;

/**
 * The month-position calculators against what they must add up to, on random months: the free service messages of a
 * phone number in a local month are exactly min(1,000, its service messages) and the rest are charged; and the
 * answer for a message does not depend on which other phone numbers are interleaved with it.
 */
@FastTest
class MonthPositionPropertiesTest {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Sao_Paulo"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Pacific/Kiritimati"), ZoneId.of("UTC"));
    static final BigDecimal RATE = new BigDecimal("0.0068");

    record Item(String phone, Instant at, String id, ZoneId zone) {
    }

    @Property(tries = 40)
    void freeServiceMessagesOfAPhoneNumberAndMonthAreMinOfOneThousandAndItsCount(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int phones) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (int p = 0; p < phones; p++) {
            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            int n = r.nextInt(2600);
            // late September to early December 2026 (UTC): months edges in every zone, and the rules of 2.9 before
            long from = Instant.parse("2026-09-28T00:00:00Z").getEpochSecond();
            long span = Instant.parse("2026-12-03T00:00:00Z").getEpochSecond() - from;
            for (int i = 0; i < n; i++) {
                // few distinct seconds, so that equal event times are ordered by message id
                items.add(new Item("pn-" + p, Instant.ofEpochSecond(from + (long) (r.nextDouble() * span) / 30 * 30),
                        "m" + r.nextInt(1_000_000) + "-" + i, zone));
            }
        }
        items.sort(Comparator.comparing(Item::at).thenComparing(Item::id));

        ServiceMessageFreeTier interleaved = new ServiceMessageFreeTier();
        Map<String, ServiceMessageFreeTier> alone = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>(); // phone|month -> {messages under 2.10, free, charged}
        for (Item it : items) {
            ServiceMessageFreeTier.Charge c = interleaved.next(it.phone(), it.at(), it.id(), it.zone(), RATE);
            ServiceMessageFreeTier.Charge own = alone.computeIfAbsent(it.phone(), k -> new ServiceMessageFreeTier())
                    .next(it.phone(), it.at(), it.id(), it.zone(), RATE);
            assertEquals(own, c, "a phone number's answer does not depend on the others");
            if (PricingRegime.at(it.at(), it.zone()) != PricingRegime.PMP_2026_10) {
                assertEquals(Outcome.FREE_CUSTOMER_SERVICE, c.outcome(), "free under 2.9");
                continue;
            }
            long[] k = counts.computeIfAbsent(it.phone() + "|" + YearMonth.from(it.at().atZone(it.zone())), x -> new long[3]);
            k[0]++;
            if (c.charged()) {
                k[2]++;
                assertEquals(0, RATE.compareTo(c.amount()));
            } else {
                k[1]++;
            }
        }
        counts.forEach((key, k) -> {
            assertEquals(Math.min(1000, k[0]), k[1], key + ": free");
            assertEquals(k[0] - Math.min(1000, k[0]), k[2], key + ": charged");
        });
    }
}
