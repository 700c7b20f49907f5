package com.wabill.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.wabill.engine.Category;
import com.wabill.engine.ChargingEngine;
import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.Flag;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every scenario file through the charging engine alone (no Spring, no Parquet) and checks
 * conversations, outcomes and flags, and which messages carry their own charge. Amounts are rating's
 * business and are checked by the job-level scenario test.
 */
class EngineScenarioTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioFile() {
        List<Path> files = ScenarioFile.allScenarioFiles();
        // the 16 shared files must not silently vanish (a wrong path would make this test pass empty)
        assertFalse(files.isEmpty(), "no scenario files found in " + ScenarioFile.scenarioDirs());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                f.toUri(), () -> check(ScenarioFile.load(f))));
    }

    /** What one replay produced, keyed by message id. */
    record Replay(Map<String, Decision> decisions, Map<String, Conversation> conversationsByOpener,
                  Map<String, Instant> closedEarly) {
    }

    static void check(ScenarioFile scenario) {
        Replay replay = replay(scenario);
        List<String> problems = new ArrayList<>();

        Map<String, ScenarioFile.ExpectedOutcome> expectedOutcomes = scenario.expectedOutcomes();
        if (!expectedOutcomes.keySet().equals(replay.decisions().keySet())) {
            problems.add("messages with an outcome: expected " + new TreeSet<>(expectedOutcomes.keySet())
                    + " but replayed " + new TreeSet<>(replay.decisions().keySet()));
        }
        for (Map.Entry<String, ScenarioFile.ExpectedOutcome> e : expectedOutcomes.entrySet()) {
            Decision d = replay.decisions().get(e.getKey());
            if (d == null) continue;
            String actual = d.outcome() + flagsSuffix(d.flags().stream().map(Flag::name).toList());
            String expected = e.getValue().outcome() + flagsSuffix(new TreeSet<>(e.getValue().flags()));
            if (!actual.equals(expected)) problems.add(e.getKey() + ": expected " + expected + " but was " + actual);
        }

        Set<String> expectedOpeners = new TreeSet<>();
        for (ScenarioFile.ExpectedConversation c : scenario.expectedConversations()) {
            expectedOpeners.add(c.openedBy());
            Conversation actual = replay.conversationsByOpener().get(c.openedBy());
            if (actual == null) continue;
            String where = "conversation opened by " + c.openedBy() + ": ";
            compare(problems, where + "category", c.category(), actual.category().name());
            compare(problems, where + "type", engineType(c), actual.type().name());
            if (c.openedAt() != null) compare(problems, where + "opened_at", instant(c.openedAt()), actual.openedAt());
            if (c.closedAt() != null) {
                Instant closedAt = replay.closedEarly().getOrDefault(actual.conversationId(), actual.scheduledEnd());
                compare(problems, where + "closed_at", instant(c.closedAt()), closedAt);
            }
            if (c.conversationId() != null) compare(problems, where + "id", c.conversationId(), actual.conversationId());
        }
        if (!expectedOpeners.equals(replay.conversationsByOpener().keySet())) {
            problems.add("conversations opened by: expected " + expectedOpeners + " but replayed "
                    + replay.conversationsByOpener().keySet());
        }

        if (scenario.messageCharges() != null) {
            Set<String> charged = new TreeSet<>();
            replay.decisions().forEach((id, d) -> {
                if (d.charged()) charged.add(id);
            });
            compare(problems, "messages with their own charge", new TreeSet<>(scenario.messageCharges().keySet()), charged);
        }
        if (scenario.messageConversations() != null) {
            scenario.messageConversations().forEach((id, conv) -> {
                Decision d = replay.decisions().get(id);
                compare(problems, id + ": conversation", conv, d == null ? "(no outcome)" : d.conversationId());
            });
        }

        if (!problems.isEmpty()) {
            fail(scenario.fileName() + " (" + scenario.name() + "):\n  " + String.join("\n  ", problems));
        }
    }

    /** The engine leaves the free tier to rating (SPEC 2.6): a FREE_TIER service conversation is REGULAR here. */
    private static String engineType(ScenarioFile.ExpectedConversation c) {
        return "FREE_TIER".equals(c.type()) && "SERVICE".equals(c.category()) ? "REGULAR" : c.type();
    }

    private static String flagsSuffix(Iterable<String> flags) {
        StringBuilder sb = new StringBuilder();
        for (String f : flags) sb.append(sb.length() == 0 ? " [" : ";").append(f);
        return sb.length() == 0 ? "" : sb.append(']').toString();
    }

    private static void compare(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) problems.add(what + ": expected " + expected + " but was " + actual);
    }

    /** Replays the accepted messages thread by thread from an empty state. */
    static Replay replay(ScenarioFile scenario) {
        Map<String, ZoneId> zones = accountZones(scenario.referenceDir().resolve("accounts.csv"));
        Map<String, ThreadMessage> byId = new LinkedHashMap<>();
        Map<String, Map<String, String>> rowById = new HashMap<>();
        Map<String, List<ThreadMessage>> threads = new TreeMap<>();
        Set<String> rejected = Set.copyOf(scenario.rejected());
        for (Map<String, String> row : scenario.messages()) {
            String id = Objects.requireNonNull(row.get("message_id"), "message without message_id");
            if (rejected.contains(id)) continue;
            Map<String, String> earlier = rowById.putIfAbsent(id, row);
            if (earlier != null) {
                // a webhook retry merges; anything else is the ingest's business, not expected here
                if (earlier.equals(row)) continue;
                fail(scenario.fileName() + ": " + id + " appears twice with different content but is not rejected");
            }
            ThreadMessage m = toThreadMessage(row, zones);
            byId.put(id, m);
            threads.computeIfAbsent(row.get("phone_number_id") + " / " + contact(row.get("contact_wa_id")),
                    k -> new ArrayList<>()).add(m);
        }

        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<String, Conversation> opened = new TreeMap<>();
        Map<String, Instant> closedEarly = new HashMap<>();
        for (List<ThreadMessage> thread : threads.values()) {
            thread.sort(ReplayOrder.INSTANCE);
            ThreadState state = ThreadState.EMPTY;
            for (ThreadMessage m : thread) {
                ChargingEngine.Step step = ChargingEngine.step(state, m);
                Decision d = step.decision();
                decisions.put(m.messageId(), d);
                if (d.opened() != null) opened.put(m.messageId(), d.opened());
                for (Decision.ClosedEarly c : d.closedEarly()) closedEarly.put(c.conversationId(), c.closedAt());
                state = step.state();
            }
        }
        return new Replay(decisions, opened, closedEarly);
    }

    /** SPEC 1.1 and 2.1, for the well-formed rows that scenario files contain. */
    static ThreadMessage toThreadMessage(Map<String, String> row, Map<String, ZoneId> zones) {
        String id = row.get("message_id");
        Direction direction = Direction.valueOf(upper(row.get("direction")));
        Instant sentAt = instant(Objects.requireNonNull(row.get("sent_at"), id + ": no sent_at"));
        Instant deliveredAt = row.get("delivered_at") == null ? null : instant(row.get("delivered_at"));
        boolean inbound = direction == Direction.INBOUND;
        Instant eventTime = !inbound && deliveredAt != null && !deliveredAt.isBefore(sentAt) ? deliveredAt : sentAt;
        boolean template = "TEMPLATE".equalsIgnoreCase(row.get("message_type"));
        Category category = template ? Category.valueOf(upper(row.get("template_category"))) : null;
        String referral = row.get("referral_source_type");
        boolean entryPoint = inbound && referral != null
                && (referral.equalsIgnoreCase("AD") || referral.equalsIgnoreCase("POST"));
        DeliveryStatus status = inbound ? null : DeliveryStatus.valueOf(upper(row.get("status")));
        ZoneId zone = zones.getOrDefault(row.get("waba_id"), ZoneOffset.UTC);
        PricingModel model = PricingModel.at(eventTime, zone);
        if (model == null) fail(id + ": no pricing model at " + eventTime + " in " + zone);
        return new ThreadMessage(id, direction, eventTime, template, category, entryPoint, status,
                deliveredAt != null, model);
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    private static String upper(String s) {
        return Objects.requireNonNull(s, "missing value").toUpperCase(Locale.ROOT);
    }

    private static String contact(String waId) {
        return waId == null ? null : waId.replaceAll("[+\\s-]", "");
    }

    /** waba_id to time zone from accounts.csv; an absent file or WABA means UTC (SPEC 1.4). */
    static Map<String, ZoneId> accountZones(Path accounts) {
        Map<String, ZoneId> zones = new HashMap<>();
        if (!Files.isRegularFile(accounts)) return zones;
        try {
            List<String> lines = Files.readAllLines(accounts, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(",", -1));
            int waba = header.indexOf("waba_id");
            int tz = header.indexOf("timezone");
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                zones.put(cells[waba], ZoneId.of(cells[tz]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zones;
    }
}
