package com.wabill.ingest;

import static com.wabill.ingest.TestRows.T0;
import static com.wabill.ingest.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.wabill.parquet.MessageLogWriter;
import com.wabill.testsupport.FastTest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** For any mix of good rows, bad rows, status updates and conflicting copies: rows read = accepted + rejected + merged. */
@FastTest
class IngestCountsPropertiesTest {

    @Provide
    Arbitrary<List<RowSpec>> specs() {
        Arbitrary<RowSpec> spec = Combinators.combine(
                Arbitraries.integers().between(0, 14),
                Arbitraries.integers().between(0, 8).map(d -> d <= 5 ? 0 : d - 5), // about 1 in 3 rows is bad
                Arbitraries.integers().between(0, 9).map(v -> v < 8 ? 0 : v - 7),  // about 1 in 5 copies conflicts
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2)).as(RowSpec::new);
        return spec.list().ofMinSize(0).ofMaxSize(60);
    }

    private static final String[] STATUSES = {"SENT", "FAILED", "DELIVERED", "READ", "delivered"};

    static Map<String, Object> toRow(RowSpec s) {
        Map<String, Object> r = row(
                "message_id", "wamid." + s.id(),
                "contact_wa_id", "+55 11 98765-" + (1000 + s.id()),
                "message_type", s.id() % 2 == 0 ? "TEMPLATE" : "TEXT",
                "template_category", s.id() % 2 == 0 ? "MARKETING" : null,
                "sent_at", T0.plusSeconds(s.id() * 60L),
                "status", STATUSES[s.status()],
                "delivered_at", s.status() >= 2 ? T0.plusSeconds(s.id() * 60L + 5 + s.status()) : null,
                "meta_conversation_id", s.status() == 3 ? "conv-" + s.id() : null);
        switch (s.variant()) {
            case 1 -> r.put("contact_wa_id", "5511000000000");
            case 2 -> r.put("sent_at", T0.plusSeconds(s.id() * 60L + 1));
            default -> { }
        }
        switch (s.defect()) {
            case 1 -> r.put("direction", "SIDEWAYS");
            case 2 -> r.put("waba_id", null);
            case 3 -> {
                r.put("message_type", "TEMPLATE");
                r.put("template_category", null);
            }
            default -> { }
        }
        return r;
    }

    @Property(tries = 40)
    void everyRowIsAcceptedRejectedOrMerged(@ForAll("specs") List<RowSpec> specs,
            @ForAll @IntRange(min = 1, max = 20) int rowGroupRows) throws IOException {
        Path dir = Files.createTempDirectory("ingest-prop");
        try {
            List<List<Map<String, Object>>> files = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (RowSpec s : specs) {
                files.get(s.file()).add(toRow(s));
            }
            List<RowResult> read = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                String name = dir.resolve("part-" + f + ".parquet").toString();
                TestRows.write(MessageLogWriter.builder(name).rowGroupRows(rowGroupRows), files.get(f));
                read.addAll(TestRows.readAll(name));
            }
            TestRows.Ingested in = TestRows.ingest(read);
            List<RowRejection> rejected = in.rejected();

            assertThat(read).hasSize(specs.size());
            assertThat((long) read.size()).isEqualTo(in.accepted().size() + rejected.size() + in.mergedAway());

            // the same counts, worked out from what was generated
            RowSpec.Counts expected = RowSpec.expected(specs);
            assertThat((long) in.accepted().size()).isEqualTo(expected.accepted());
            assertThat((long) rejected.size()).isEqualTo(expected.rejected());
            assertThat((long) in.mergedAway()).isEqualTo(expected.mergedAway());
            // every rejection points at a distinct row
            assertThat(rejected.stream().map(r -> r.source() + "#" + r.row()).distinct().count()).isEqualTo(rejected.size());
            // the merged status is the furthest of the copies
            for (LogRow r : in.accepted()) {
                int id = Integer.parseInt(r.messageId().substring("wamid.".length()));
                int best = specs.stream().filter(s -> s.id() == id && s.defect() == 0)
                        .map(s -> com.wabill.engine.DeliveryStatus.valueOf(STATUSES[s.status()].toUpperCase()))
                        .max(Comparator.comparingInt(st -> st.rank)).orElseThrow().rank;
                assertThat(r.status().rank).isEqualTo(best);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
