package com.wabill.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.DuplicateMerger;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.MessageLogReader;
import com.wabill.ingest.RowRejection;
import com.wabill.ingest.RowResult;
import com.wabill.rating.MarketDirectory;
import com.wabill.testsupport.FastTest;

@FastTest
class LogGeneratorTest {

    @TempDir
    static Path tmp;

    static Path sampleDir;
    static LogGenerator.Summary sample;
    static List<RowResult> sampleRows;

    /** The sample profile of March 2025 (conversation-based pricing), as it was before the sample moved to 2026. */
    static String[] march2025(String... more) {
        List<String> args = new ArrayList<>(List.of("--profile", "sample", "--start", "2025-03-01", "--days", "3",
                "--messages-per-day", "1200", "--seed", "20250301", "--wabas", "waba-br,waba-no,waba-in,waba-mx"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @BeforeAll
    static void generateSample() throws IOException {
        sampleDir = tmp.resolve("sample");
        sample = LogGenerator.generate(GeneratorOptions.parse(march2025("--out", sampleDir.toString())), null);
        sampleRows = readAll(sampleDir);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    static List<RowResult> readAll(Path dir) throws IOException {
        List<RowResult> out = new ArrayList<>();
        for (Path f : files(dir)) {
            try (MessageLogReader r = MessageLogReader.open(f.toString())) {
                for (RowResult row = r.next(); row != null; row = r.next()) out.add(row);
            }
        }
        return out;
    }

    static Set<String> plantedBadIds(LogGenerator.Summary s) {
        Set<String> ids = new HashSet<>(s.badRows.get(LogGenerator.BadRow.TEMPLATE_WITHOUT_CATEGORY));
        ids.addAll(s.badRows.get(LogGenerator.BadRow.UNKNOWN_DIRECTION));
        return ids;
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        Path again = tmp.resolve("sample-again");
        LogGenerator.generate(GeneratorOptions.parse(march2025("--out", again.toString())), null);
        List<Path> a = files(sampleDir);
        List<Path> b = files(again);
        assertThat(b.stream().map(p -> again.relativize(p).toString()))
                .containsExactlyElementsOf(a.stream().map(p -> sampleDir.relativize(p).toString()).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(b.get(i))).as("bytes of %s", b.get(i)).isEqualTo(Files.readAllBytes(a.get(i)));
        }

        Path other = tmp.resolve("sample-other-seed");
        LogGenerator.generate(GeneratorOptions.parse(march2025("--seed", "7", "--out", other.toString())), null);
        assertThat(Files.readAllBytes(files(other).get(0))).isNotEqualTo(Files.readAllBytes(a.get(0)));
    }

    @Test
    void hivePartitionsWithTheMessagesAskedForPerDay() throws IOException {
        assertThat(files(sampleDir).stream().map(p -> sampleDir.relativize(p).toString().replace('\\', '/')))
                .containsExactly("date=2025-03-01/part-00000.parquet", "date=2025-03-02/part-00000.parquet",
                        "date=2025-03-03/part-00000.parquet");
        Set<String> bad = plantedBadIds(sample);
        Map<String, Set<String>> idsPerPartition = new TreeMap<>();
        Map<String, Integer> rowsPerPartition = new TreeMap<>();
        for (RowResult r : sampleRows) {
            String partition = Path.of(r.source()).getParent().getFileName().toString();
            rowsPerPartition.merge(partition, 1, Integer::sum);
            if (r instanceof LogRow row) {
                assertThat(partition).isEqualTo("date=" + LocalDate.ofInstant(row.sentAt(), ZoneOffset.UTC));
            }
            if (!bad.contains(r.messageId())) idsPerPartition.computeIfAbsent(partition, k -> new HashSet<>()).add(r.messageId());
        }
        assertThat(idsPerPartition).hasSize(3);
        idsPerPartition.forEach((p, ids) -> assertThat(ids).as("messages in %s", p).hasSize(1200));
        for (int d = 0; d < 3; d++) {
            assertThat(sample.messages[d]).isEqualTo(1200);
            assertThat(rowsPerPartition.get("date=" + LocalDate.of(2025, 3, 1 + d))).isEqualTo((int) sample.rows[d]);
            assertThat(sample.rows[d]).isGreaterThan(1200);
        }
    }

    @Test
    void everyRowPassesTheValidatorButThePlantedBadOnes() {
        Set<String> bad = plantedBadIds(sample);
        assertThat(bad).hasSize(4);
        Map<String, String> rejected = new HashMap<>();
        for (RowResult r : sampleRows) {
            if (r instanceof RowRejection rej) rejected.put(rej.messageId(), rej.reason());
        }
        assertThat(rejected.keySet()).isEqualTo(bad);
        sample.badRows.get(LogGenerator.BadRow.TEMPLATE_WITHOUT_CATEGORY)
                .forEach(id -> assertThat(rejected.get(id)).startsWith("MISSING_CATEGORY"));
        sample.badRows.get(LogGenerator.BadRow.UNKNOWN_DIRECTION)
                .forEach(id -> assertThat(rejected.get(id)).startsWith("INVALID_VALUE").contains("SIDEWAYS"));

        // the conflicting duplicates are valid rows that the merger rejects, both copies; nothing else conflicts
        Map<String, List<LogRow>> copies = byMessage(sampleRows);
        Set<String> conflicting = new HashSet<>();
        copies.forEach((id, rows) -> {
            if (DuplicateMerger.merge(rows) instanceof DuplicateMerger.Conflicting c) {
                conflicting.add(id);
                assertThat(c.rejections()).hasSize(2)
                        .allSatisfy(x -> assertThat(x.reason()).startsWith("CONFLICTING_DUPLICATE").contains("template_name"));
            }
        });
        assertThat(conflicting).containsExactlyInAnyOrderElementsOf(sample.badRows.get(LogGenerator.BadRow.CONFLICTING_DUPLICATE));
        assertThat(conflicting).hasSize(2);
    }

    @Test
    void duplicatesAndLateDeliveriesArePresent() {
        Map<String, List<LogRow>> copies = byMessage(sampleRows);
        int exact = 0;
        int statusUpdates = 0;
        for (List<LogRow> rows : copies.values()) {
            if (rows.size() < 2) continue;
            for (int i = 1; i < rows.size(); i++) {
                LogRow b = rows.get(i);
                if (rows.subList(0, i).stream().anyMatch(b::sameContent)) exact++;
                else if (rows.get(0).sameExceptStatus(b)) statusUpdates++;
            }
        }
        assertThat(exact).isEqualTo(sample.exactCopies).isGreaterThan(5);
        assertThat(statusUpdates).isEqualTo(sample.statusUpdateRows).isGreaterThan(20);

        long crossing = 0;
        long failed = 0;
        long noReceipt = 0;
        long outbound = 0;
        Set<String> statuses = new HashSet<>();
        for (List<LogRow> rows : copies.values()) {
            if (rows.size() > 1 && !(DuplicateMerger.merge(rows) instanceof DuplicateMerger.Merged)) continue;
            LogRow m = ((DuplicateMerger.Merged) DuplicateMerger.merge(rows)).row();
            if (m.direction() != Direction.OUTBOUND) continue;
            outbound++;
            statuses.add(m.status().name());
            if (m.status() == DeliveryStatus.FAILED) failed++;
            if (m.status() == DeliveryStatus.SENT && m.deliveredAt() == null) noReceipt++;
            if (m.deliveredAt() != null && !LocalDate.ofInstant(m.deliveredAt(), ZoneOffset.UTC)
                    .equals(LocalDate.ofInstant(m.sentAt(), ZoneOffset.UTC))) crossing++;
        }
        assertThat(statuses).containsExactlyInAnyOrder("SENT", "DELIVERED", "READ", "FAILED");
        assertThat(crossing).as("deliveries after midnight").isGreaterThanOrEqualTo(3);
        assertThat((double) failed / outbound).isBetween(0.01, 0.04);
        assertThat((double) noReceipt / outbound).isBetween(0.015, 0.05);
    }

    @Test
    void theMixIsThere() {
        Set<String> wabas = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Set<String> referrals = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Set<String> categorySpellings = new HashSet<>();
        Set<String> metaCategories = new HashSet<>();
        for (RowResult r : sampleRows) {
            if (!(r instanceof LogRow row)) continue;
            wabas.add(row.wabaId());
            phones.add(row.phoneNumberId() + "/" + row.businessPhoneNumber());
            countries.add(String.valueOf(MarketDirectory.countryOf(row.contactWaId())));
            if (row.referralSourceType() != null) referrals.add(row.referralSourceType());
            if (row.templateCategory() != null) categories.add(row.templateCategory().name());
            if (row.metaConversationCategory() != null) metaCategories.add(row.metaConversationCategory());
        }
        // the raw spellings, from the rows as written
        for (RowResult r : sampleRows) {
            if (r instanceof LogRow row && row.template()) {
                categorySpellings.add(row.toColumnMap().get("template_category").toString());
            }
        }
        assertThat(wabas).containsExactlyInAnyOrder("waba-br", "waba-no", "waba-in", "waba-mx");
        assertThat(phones).hasSizeGreaterThanOrEqualTo(6);
        assertThat(countries).doesNotContain("null").contains("BR", "IN", "US", "DO", "DE", "NO", "KE", "ZW", "MX");
        assertThat(referrals).containsExactlyInAnyOrder("AD", "POST");
        assertThat(categories).containsExactlyInAnyOrder("MARKETING", "UTILITY", "AUTHENTICATION");
        assertThat(metaCategories).containsExactlyInAnyOrder("marketing", "utility", "authentication", "service", "referral_conversion");
        assertThat(sample.tally.refused).as("free-form outside the window").isPositive();
        assertThat(sample.tally.frequencyCap).isPositive();
    }

    /** Meta's columns describe the conversations a replay of the written rows opens (CBP). */
    @Test
    void metaColumnsAgreeWithAReplayOfTheFile() {
        checkMetaAgreement(sampleRows);
    }

    /** The same across the switch to per-message pricing, on a run of two days around 2025-07-01. */
    @Test
    void metaColumnsAgreeAcrossTheSwitchToPerMessagePricing() throws IOException {
        Path dir = tmp.resolve("switch");
        LogGenerator.generate(GeneratorOptions.parse(new String[] {"--out", dir.toString(), "--start", "2025-06-30",
                "--days", "2", "--messages-per-day", "1500", "--wabas", "waba-br,waba-no,waba-in,waba-mx,waba-us", "--seed", "3"}), null);
        List<RowResult> rows = readAll(dir);
        Set<String> models = new HashSet<>();
        for (RowResult r : rows) if (r instanceof LogRow row && row.metaPricingModel() != null) models.add(row.metaPricingModel());
        assertThat(models).containsExactlyInAnyOrder("CBP", "PMP");
        checkMetaAgreement(rows);
    }

    @Test
    void bigDaysGetMorePartFiles() throws IOException {
        Path dir = tmp.resolve("parts");
        LogGenerator.Summary s = LogGenerator.generate(GeneratorOptions.parse(new String[] {"--profile", "bench", "--out", dir.toString(),
                "--messages-per-day", "30000", "--part-rows", "12000", "--row-group-rows", "5000"}), null);
        assertThat(files(dir).stream().map(p -> dir.relativize(p).toString().replace('\\', '/')))
                .containsExactly("date=2025-03-10/part-00000.parquet", "date=2025-03-10/part-00001.parquet",
                        "date=2025-03-10/part-00002.parquet");
        long rows = 0;
        for (Path f : files(dir)) rows += MessageLogReader.countRows(f.toString());
        assertThat(rows).isEqualTo(s.rows[0]);
        assertThat(s.messages[0]).isEqualTo(30_000);
        Set<String> ids = new HashSet<>();
        for (RowResult r : readAll(dir)) {
            assertThat(r).isInstanceOf(LogRow.class);
            ids.add(r.messageId());
        }
        assertThat(ids).hasSize(30_000);
        assertThat(s.badRows.values()).allSatisfy(v -> assertThat(v).isEmpty());

        // generating again into the same folder replaces the day's part files, and leaves other days alone
        Files.createDirectories(dir.resolve("date=2025-03-09"));
        LogGenerator.Summary again = LogGenerator.generate(GeneratorOptions.parse(new String[] {"--profile", "bench", "--out", dir.toString(),
                "--messages-per-day", "30000"}), null);
        assertThat(files(dir).stream().map(p -> dir.relativize(p).toString().replace('\\', '/')))
                .containsExactly("date=2025-03-10/part-00000.parquet");
        assertThat(again.otherDays).containsExactly("date=2025-03-09");
    }

    @Test
    void contactNumbersResolveToTheirCountries() {
        for (Catalog.Country c : Catalog.COUNTRIES) {
            for (int p = 0; p < c.prefixes().length; p++) {
                for (long i : new long[] {0, 1, 2, 17, 999, 123_456, 4_999_999, Catalog.MAX_CONTACTS - 1}) {
                    String n = c.number(i, p);
                    assertThat(MarketDirectory.countryOf(n)).as("country of %s", n).isEqualTo(c.iso());
                }
            }
        }
        // unique per contact: the subscriber part is a bijection of the index
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 20_000; i++) assertThat(seen.add(Catalog.NO.number(i, 0))).isTrue();
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--out", "x", "--start", "2023-05-31"}))
                .hasMessageContaining("--start");
        assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--out", "x", "--frobnicate", "1"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--start", "2025-03-01"}))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> GeneratorOptions.parse(new String[] {"--out", "x", "--profile", "huge"}))
                .hasMessageContaining("profile");
        GeneratorOptions b = GeneratorOptions.parse(new String[] {"--profile", "bench", "--out", "x", "--messages-per-day", "10000000"});
        assertThat(b.contacts()).isEqualTo(1_000_000);
        assertThat(b.wabas()).hasSize(8);
        assertThat(b.badRows()).isZero();
        GeneratorOptions w = GeneratorOptions.parse(new String[] {"--out", "x", "--wabas", "waba-no,acme@Europe/Paris", "--bad-rows=3"});
        assertThat(w.wabas()).extracting(Catalog.Waba::id).containsExactly("waba-no", "acme");
        assertThat(w.wabas().get(1).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(w.badRows()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, List<LogRow>> byMessage(List<RowResult> rows) {
        Map<String, List<LogRow>> copies = new LinkedHashMap<>();
        for (RowResult r : rows) {
            if (r instanceof LogRow row) copies.computeIfAbsent(row.messageId(), k -> new ArrayList<>()).add(row);
        }
        return copies;
    }

    static ZoneId zoneOf(String waba) {
        for (Catalog.Waba w : Catalog.WABAS) if (w.id().equals(waba)) return w.zone();
        return ZoneOffset.UTC;
    }

    /**
     * Replays the rows as the job would (merge copies, drop conflicting ones, per thread in replay order) and checks
     * that Meta's conversation ids stand one for one for the replay's conversations, with the same category, and
     * that only delivered outbound messages the replay attached carry them.
     */
    static void checkMetaAgreement(List<RowResult> rows) {
        Map<String, List<LogRow>> threads = new HashMap<>();
        byMessage(rows).forEach((id, copies) -> {
            if (DuplicateMerger.merge(copies) instanceof DuplicateMerger.Merged m) {
                threads.computeIfAbsent(m.row().phoneNumberId() + "|" + m.row().contactWaId(), k -> new ArrayList<>()).add(m.row());
            }
        });
        Map<String, String> metaToReplay = new HashMap<>();
        Map<String, String> replayToMeta = new HashMap<>();
        int checked = 0;
        for (List<LogRow> thread : threads.values()) {
            ZoneId zone = zoneOf(thread.get(0).wabaId());
            thread.sort((a, b) -> ReplayOrder.compare(a.eventTime(), a.direction(), a.messageId(), b.eventTime(), b.direction(), b.messageId()));
            ThreadState state = ThreadState.EMPTY;
            Map<String, Conversation> conversations = new HashMap<>();
            for (LogRow row : thread) {
                ThreadMessage tm = row.toThreadMessage(PricingModel.at(row.eventTime(), zone));
                Decision d = ChargingEngine.decide(state, tm);
                state = ChargingEngine.evolve(state, tm, d);
                if (d.opened() != null) conversations.put(d.opened().conversationId(), d.opened());
                boolean carries = row.direction() == Direction.OUTBOUND && d.outcome() != Outcome.FAILED_NOT_DELIVERED
                        && d.outcome() != Outcome.OUTSIDE_SERVICE_WINDOW;
                if (!carries) {
                    assertThat(row.metaConversationId()).as("meta id of %s (%s)", row.messageId(), d.outcome()).isNull();
                    continue;
                }
                assertThat(row.metaPricingModel()).as("meta model of %s", row.messageId()).isEqualTo(d.pricingModel().name());
                String category;
                if (d.pricingModel() == PricingModel.CBP) {
                    String replayId = d.conversationId();
                    category = conversations.get(replayId).category().name();
                    String before = metaToReplay.putIfAbsent(row.metaConversationId(), replayId);
                    assertThat(before == null || before.equals(replayId)).as("meta id %s stands for one conversation", row.metaConversationId()).isTrue();
                    String meta = replayToMeta.putIfAbsent(replayId, row.metaConversationId());
                    assertThat(meta == null || meta.equals(row.metaConversationId())).as("conversation %s has one meta id", replayId).isTrue();
                } else {
                    category = d.pricingCategory().name();
                    assertThat(row.metaBillable()).isEqualTo(d.charged());
                }
                assertThat(row.metaConversationCategory()).as("meta category of %s", row.messageId())
                        .isEqualTo(category.toLowerCase(Locale.ROOT));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(500);
    }
}
