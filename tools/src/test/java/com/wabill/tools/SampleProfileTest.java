package com.wabill.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Decision;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.DuplicateMerger;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowResult;
import com.wabill.rating.MarketDirectory;

import com.wabill.testsupport.FastTest;

/**
 * The sample profile (2026-09-28..10-04): Meta's per-message pricing columns say what a replay of the written rows
 * gives under the rules of each instant (SPEC 2.9, 2.10, 2.11), checked here from the rows themselves: the first
 * 1,000 service messages of a phone number's local month are free, the rest regular; waba-br's authentication
 * templates to contacts in India and Indonesia from 2026-09-30 are authentication-international; everything else is
 * the engine's category and type. Exactly the planted messages differ.
 */
@FastTest
class SampleProfileTest {

    @TempDir
    static Path tmp;
    static LogGenerator.Summary sample;
    static List<RowResult> rows;

    @BeforeAll
    static void generate() throws Exception {
        Path dir = tmp.resolve("sample");
        sample = LogGenerator.generate(GeneratorOptions.parse(new String[] {"--profile", "sample", "--out",
                dir.toString()}), null);
        rows = LogGeneratorTest.readAll(dir);
    }

    @Test
    void metaPricingColumnsFollowTheRulesOfEachInstantButThePlantedOnes() {
        Map<String, List<LogRow>> threads = new HashMap<>();
        LogGeneratorTest.byMessage(rows).forEach((id, copies) -> {
            if (DuplicateMerger.merge(copies) instanceof DuplicateMerger.Merged m) {
                threads.computeIfAbsent(m.row().phoneNumberId() + "|" + m.row().contactWaId(), k -> new ArrayList<>())
                        .add(m.row());
            }
        });
        record Priced(LogRow row, Decision d) {
        }
        List<Priced> priced = new ArrayList<>();
        for (List<LogRow> thread : threads.values()) {
            ZoneId zone = LogGeneratorTest.zoneOf(thread.get(0).wabaId());
            thread.sort((a, b) -> ReplayOrder.compare(a.eventTime(), a.direction(), a.messageId(), b.eventTime(),
                    b.direction(), b.messageId()));
            ThreadState state = ThreadState.EMPTY;
            for (LogRow row : thread) {
                ThreadMessage tm = new ThreadMessage(row.messageId(), row.direction(), row.eventTime(), row.template(),
                        row.templateCategory(), row.entryPointReferral(), row.status(),
                        row.direction() == Direction.OUTBOUND && row.deliveredAt() != null,
                        PricingRegime.at(row.eventTime(), zone));
                Decision d = ChargingEngine.decide(state, tm);
                state = ChargingEngine.evolve(state, tm, d);
                if (row.direction() == Direction.OUTBOUND && d.pricingModel() == PricingModel.PMP
                        && d.pricingCategory() != null) {
                    priced.add(new Priced(row, d));
                }
            }
        }
        // 2.10.5: number the service messages of each phone number's local month by event time, then id
        priced.sort(Comparator.comparing((Priced p) -> p.row().eventTime()).thenComparing(p -> p.row().messageId()));
        Map<String, Integer> counts = new HashMap<>();
        Set<String> planted = sample.plantedPricing.keySet();
        List<String> differing = new ArrayList<>();
        int service = 0;
        int charged = 0;
        int international = 0;
        for (Priced p : priced) {
            LogRow row = p.row();
            ZoneId zone = LogGeneratorTest.zoneOf(row.wabaId());
            String category = p.d().pricingCategory().name().toLowerCase(Locale.ROOT);
            String type = p.d().pricingType().name().toLowerCase(Locale.ROOT);
            if (p.d().settledByMonth()) {
                service++;
                int n = counts.merge(row.phoneNumberId() + "|" + YearMonth.from(row.eventTime().atZone(zone)), 1,
                        Integer::sum);
                type = n <= 1000 ? "free_customer_service" : "regular";
                if (n > 1000) charged++;
            }
            String country = MarketDirectory.countryOf(row.contactWaId());
            if (category.equals("authentication") && row.wabaId().equals("waba-br") && Set.of("IN", "ID").contains(country)
                    && !row.eventTime().atZone(zone).toLocalDate().isBefore(LocalDate.of(2026, 9, 30))) {
                category = "authentication-international";
                international++;
            }
            if (!category.equals(row.metaPricingCategory()) || !type.equals(row.metaPricingType())) {
                differing.add(row.messageId());
            }
        }
        assertThat(differing).containsExactlyInAnyOrderElementsOf(planted);
        assertThat(planted).hasSize(2);
        // what the sample is for: a phone number beyond its 1,000 free service messages, authentication abroad
        assertThat(charged).isGreaterThan(50);
        assertThat(service).isGreaterThan(2000);
        assertThat(international).isPositive();
        assertThat(sample.serviceByPhone.get("120300400500601 2026-10")[1]).isGreaterThan(50);
    }

    @Test
    void sevenDaysAroundTheFirstOfOctober() {
        assertThat(sample.messages).hasSize(7).containsOnly(3000L);
        assertThat(sample.start).isEqualTo(LocalDate.of(2026, 9, 28));
        Instant last = rows.stream().filter(r -> r instanceof LogRow).map(r -> ((LogRow) r).sentAt())
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(LocalDate.ofInstant(last, java.time.ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 10, 4));
    }
}
