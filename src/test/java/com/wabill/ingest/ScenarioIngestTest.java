package com.wabill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.wabill.testsupport.FastTest;

/**
 * The ingest half of every scenario file: its messages, written to Parquet and read back, validated and
 * de-duplicated, give exactly the accepted messages the scenario lists outcomes for, and reject exactly its
 * {@code rejected} ones.
 */
@FastTest
class ScenarioIngestTest {

    private static final Map<String, Object> DEFAULTS = Map.of(
            "waba_id", "waba-1",
            "phone_number_id", "pn-1",
            "business_phone_number", "15550001111",
            "contact_wa_id", "5511987650001");

    @TempDir
    Path dir;

    static Path scenarios() {
        String p = System.getProperty("wabill.scenarios", "../shared/scenarios");
        return Paths.get(p);
    }

    /** The shared scenarios when present, and always the project's own (a clone without ../shared has those). */
    static Stream<Path> scenarioFiles() {
        return com.wabill.scenarios.ScenarioFile.allScenarioFiles().stream();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(r);
        }
    }

    /** The scenario's messages as log rows (README: defaults, status DELIVERED/RECEIVED, absent fields null). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Map<String, Object> scenario) {
        Map<String, Object> defaults = new LinkedHashMap<>(DEFAULTS);
        Object own = scenario.get("defaults");
        if (own instanceof Map<?, ?> m) {
            defaults.putAll((Map<String, Object>) m);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> msg : (List<Map<String, Object>>) scenario.get("messages")) {
            Map<String, Object> row = new LinkedHashMap<>(defaults);
            row.putAll(msg);
            if (!row.containsKey("status")) {
                String direction = String.valueOf(row.get("direction"));
                row.put("status", direction.equals("OUTBOUND") ? "DELIVERED" : direction.equals("INBOUND") ? "RECEIVED" : null);
            }
            for (String ts : List.of("sent_at", "delivered_at")) {
                Object v = row.get(ts);
                if (v instanceof Date d) {
                    row.put(ts, d.toInstant());
                } else if (v != null) {
                    row.put(ts, Instant.parse(v.toString()));
                }
            }
            row.replaceAll((k, v) -> v instanceof Instant || v == null || v instanceof Boolean ? v : v.toString());
            rows.add(row);
        }
        return rows;
    }

    TestRows.Ingested ingest(List<Map<String, Object>> rows) {
        String f = dir.resolve("log.parquet").toString();
        TestRows.write(f, rows);
        return TestRows.ingest(TestRows.readAll(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    @SuppressWarnings("unchecked")
    void acceptsAndRejectsWhatTheScenarioSays(Path file) throws IOException {
        Map<String, Object> scenario = load(file);
        Map<String, Object> expect = (Map<String, Object>) scenario.get("expect");
        TestRows.Ingested in = ingest(messages(scenario));
        Set<String> accepted = in.accepted().stream().map(LogRow::messageId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedAccepted = new TreeSet<>(((Map<String, Object>) expect.get("outcomes")).keySet());
        assertThat(accepted).isEqualTo(expectedAccepted);
        Set<String> rejected = in.rejected().stream().map(RowRejection::messageId).collect(Collectors.toCollection(TreeSet::new));
        Object exp = expect.get("rejected");
        Set<String> expectedRejected = exp == null ? Set.of() : new TreeSet<>((List<String>) exp);
        assertThat(rejected).isEqualTo(expectedRejected);
        assertThat(in.rowsRead()).isEqualTo(in.accepted().size() + in.rejected().size() + in.mergedAway());
    }

    @Test
    void badRowsHaveTheirReasons() throws IOException {
        Path f = scenarios().resolve("12-bad-rows.yaml");
        Assumptions.assumeTrue(Files.exists(f), "scenario files not found");
        TestRows.Ingested in = ingest(messages(load(f)));
        Map<String, List<String>> reasons = in.rejected().stream().collect(Collectors.groupingBy(RowRejection::messageId,
                java.util.TreeMap::new, Collectors.mapping(r -> r.row() + " " + r.reason(), Collectors.toList())));
        assertThat(reasons).containsExactly(
                Map.entry("m1", List.of("1 MISSING_CATEGORY: template_category (required on templates)")),
                Map.entry("m2", List.of("2 INVALID_VALUE: direction 'SIDEWAYS'")),
                Map.entry("m3", List.of(
                        "3 CONFLICTING_DUPLICATE: 2 copies of message_id 'm3' differ in sent_at, template_category",
                        "4 CONFLICTING_DUPLICATE: 2 copies of message_id 'm3' differ in sent_at, template_category")));
        assertThat(in.mergedAway()).isEqualTo(1);
        assertThat(in.accepted()).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("m4");
            assertThat(r.rowNumber()).isEqualTo(5);
        });
    }
}
