package com.wabill.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.wabill.engine.Flag;
import com.wabill.rating.PricedConversation;
import com.wabill.testsupport.FastTest;

/**
 * Every scenario file billed by the pure core ({@link ScenarioBilling}: engine, pricer and the month's calculators; no
 * Spring, no database) against its {@code expect}: outcomes and flags, conversations with their category, type, times
 * and amounts, every message amount ({@code message_charges}, and 0 for every other message) and the totals. The
 * scenarios of SPEC v3 ({@code v3/}) run with their own {@code v3/reference/}; the shared first sixteen also run with
 * {@code v3/reference/} and must bill exactly as with {@code reference/}.
 */
@FastTest
class EngineScenarioTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioFile() {
        List<Path> files = new ArrayList<>(ScenarioFile.allScenarioFiles());
        files.addAll(ScenarioFile.allV3ScenarioFiles());
        return files.stream().map(f -> DynamicTest.dynamicTest(displayName(f), f.toUri(), () -> {
                    ScenarioFile scenario = ScenarioFile.load(f);
                    if (!scenario.expectedError().isEmpty()) {
                        checkError(scenario);
                        return;
                    }
                    check(scenario, ScenarioBilling.bill(scenario, scenario.referenceDir()));
                }));
    }

    /**
     * The shared scenarios must not silently vanish: when the shared folder is there (a checkout beside
     * {@code ../shared}), its files and those of its {@code v3/} must be found, whatever path is configured. A clone
     * without it runs the project's own files.
     */
    @Test
    void theSharedScenariosAreFoundWhenTheSharedFolderIsThere() {
        assertFalse(ScenarioFile.scenarioFiles(ScenarioFile.OWN_DIR).isEmpty(), "the project's own scenarios");
        assertFalse(ScenarioFile.scenarioFiles(ScenarioFile.OWN_DIR.resolve("v3")).isEmpty(), "the project's own v3 scenarios");
        if (!ScenarioFile.sharedExpected()) return;
        Path shared = ScenarioFile.sharedDir();
        assertTrue(Files.isDirectory(shared), "the shared folder is there but its scenarios are not: " + shared);
        List<Path> files = ScenarioFile.scenarioFiles(shared);
        List<Path> v3 = Files.isDirectory(shared.resolve("v3")) ? ScenarioFile.scenarioFiles(shared.resolve("v3")) : List.of();
        assertFalse(files.isEmpty(), "no scenario files in " + shared);
        assertFalse(v3.isEmpty(), "no scenario files in " + shared.resolve("v3"));
        assertTrue(ScenarioFile.allScenarioFiles().containsAll(files), "the shared files are run");
        assertTrue(ScenarioFile.allV3ScenarioFiles().containsAll(v3), "the shared v3 files are run");
        assertTrue(Files.isRegularFile(shared.resolve("v3/reference/accounts.csv")), "v3 has its reference");
    }

    /** The shared first sixteen billed with {@code v3/reference/}: the same results, and their expectations hold. */
    @TestFactory
    Stream<DynamicTest> v3ReferenceBillsTheEarlierScenariosTheSame() {
        Path shared = ScenarioFile.sharedDir();
        Path v3Reference = shared.resolve("v3").resolve("reference");
        if (!Files.isDirectory(v3Reference)) return Stream.empty(); // the guard above fails when it should be there
        return ScenarioFile.scenarioFiles(shared).stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                f.toUri(), () -> {
                    ScenarioFile scenario = ScenarioFile.load(f);
                    ScenarioBilling.Result before = ScenarioBilling.bill(scenario, scenario.referenceDir());
                    ScenarioBilling.Result after = ScenarioBilling.bill(scenario, v3Reference);
                    check(scenario, after);
                    List<String> problems = new ArrayList<>();
                    compare(problems, "billed messages", summary(before), summary(after));
                    compare(problems, "conversations", conversations(before), conversations(after));
                    if (!problems.isEmpty()) fail(scenario.fileName() + " with v3/reference:\n  " + String.join("\n  ", problems));
                }));
    }

    /** {@code shared/...}, {@code own/...}, with {@code v3/} when it is one of the v3 files. */
    private static String displayName(Path f) {
        Path dir = f.getParent();
        boolean v3 = dir.getFileName().toString().equals("v3");
        Path root = v3 ? dir.getParent() : dir;
        return (root.equals(ScenarioFile.OWN_DIR) ? "own/" : "shared/") + (v3 ? "v3/" : "") + f.getFileName();
    }

    private static Map<String, String> summary(ScenarioBilling.Result r) {
        Map<String, String> out = new TreeMap<>();
        r.messages().forEach((id, m) -> out.put(id, m.outcome() + " " + m.flags() + " "
                + (m.priced() == null ? "-" : m.priced().pricingCategory() + "/" + m.priced().pricingType() + " "
                + m.priced().currency() + " " + m.priced().rate() + " " + m.priced().amount())));
        return out;
    }

    private static Map<String, String> conversations(ScenarioBilling.Result r) {
        Map<String, String> out = new TreeMap<>();
        r.conversationsByOpener().forEach((id, c) -> out.put(id, c.category() + " " + c.type() + " " + c.openedAt() + " "
                + c.closedAt() + " " + c.currency() + " " + c.rate() + " " + c.amount()));
        return out;
    }

    /** The run stops with an error naming what the file expects (file and line, market, currency, date, card). */
    static void checkError(ScenarioFile scenario) {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ScenarioBilling.bill(scenario, scenario.referenceDir()), scenario.fileName() + " must fail");
        for (String part : scenario.expectedError()) {
            String expected = part.replace("{reference}", scenario.referenceDir().toString());
            assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                    scenario.fileName() + ": the error must say '" + expected + "': " + e);
        }
    }

    static void check(ScenarioFile scenario, ScenarioBilling.Result billed) {
        List<String> problems = new ArrayList<>();
        Map<String, ScenarioBilling.BilledMessage> messages = billed.messages();

        // outcomes: every listed message; every accepted one that is not a repeated copy must be listed
        Map<String, ScenarioFile.ExpectedOutcome> expectedOutcomes = scenario.expectedOutcomes();
        Set<String> notReplayed = new TreeSet<>(expectedOutcomes.keySet());
        notReplayed.removeAll(messages.keySet());
        if (!notReplayed.isEmpty()) problems.add("expected outcomes of messages not replayed: " + notReplayed);
        Set<String> unlisted = new TreeSet<>(messages.keySet());
        unlisted.removeAll(expectedOutcomes.keySet());
        unlisted.removeAll(scenario.repeatedIds());
        if (!unlisted.isEmpty()) problems.add("replayed messages without an expected outcome: " + unlisted);
        for (Map.Entry<String, ScenarioFile.ExpectedOutcome> e : expectedOutcomes.entrySet()) {
            ScenarioBilling.BilledMessage m = messages.get(e.getKey());
            if (m == null) continue;
            String actual = m.outcome() + flagsSuffix(m.flags().stream().map(Flag::name).toList());
            String expected = e.getValue().outcome() + flagsSuffix(new TreeSet<>(e.getValue().flags()));
            if (!actual.equals(expected)) problems.add(e.getKey() + ": expected " + expected + " but was " + actual);
        }

        // conversations, matched by the message that opened them
        Set<String> expectedOpeners = new TreeSet<>();
        for (ScenarioFile.ExpectedConversation c : scenario.expectedConversations()) {
            expectedOpeners.add(c.openedBy());
            PricedConversation actual = billed.conversationsByOpener().get(c.openedBy());
            if (actual == null) continue;
            String where = "conversation opened by " + c.openedBy() + ": ";
            compare(problems, where + "category", c.category(), actual.category().name());
            compare(problems, where + "type", c.type(), actual.type().name());
            if (c.openedAt() != null) compare(problems, where + "opened_at", instant(c.openedAt()), actual.openedAt());
            if (c.closedAt() != null) compare(problems, where + "closed_at", instant(c.closedAt()), actual.closedAt());
            if (c.amount() != null) compareAmount(problems, where + "amount", c.amount(), actual.amount());
            if (c.conversationId() != null) compare(problems, where + "id", c.conversationId(), actual.conversationId());
        }
        compare(problems, "conversations opened by", expectedOpeners, new TreeSet<>(billed.conversationsByOpener().keySet()));

        // every message amount: those listed, and 0 for every other accepted message
        if (scenario.messageCharges() != null) {
            for (String id : scenario.messageCharges().keySet()) {
                if (!messages.containsKey(id)) problems.add("a charge is expected for " + id + ", which is not replayed");
            }
            messages.forEach((id, m) -> compareAmount(problems, id + ": amount",
                    scenario.messageCharges().getOrDefault(id, "0"), m.amount()));
        }
        if (scenario.messageConversations() != null) {
            scenario.messageConversations().forEach((id, conv) -> {
                ScenarioBilling.BilledMessage m = messages.get(id);
                compare(problems, id + ": conversation", conv, m == null ? "(no outcome)" : m.decision().conversationId());
            });
        }

        if (scenario.messageCategories() != null) {
            scenario.messageCategories().forEach((id, category) -> {
                ScenarioBilling.BilledMessage m = messages.get(id);
                compare(problems, id + ": pricing category", category,
                        m == null || m.priced() == null ? "(not priced)" : m.priced().pricingCategory().name());
            });
        }
        if (scenario.messageCurrencies() != null) {
            scenario.messageCurrencies().forEach((id, currency) -> {
                ScenarioBilling.BilledMessage m = messages.get(id);
                compare(problems, id + ": currency", currency, m == null || m.priced() == null ? "(not priced)" : m.priced().currency());
            });
        }

        ScenarioFile.ExpectedTotals totals = scenario.totals();
        if (totals != null) {
            long charged = messages.values().stream().filter(m -> m.amount().signum() > 0).count();
            BigDecimal sum = messages.values().stream().map(ScenarioBilling.BilledMessage::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (totals.chargedMessages() != null) compare(problems, "totals: charged messages", totals.chargedMessages(), charged);
            if (totals.amount() != null) compareAmount(problems, "totals: amount", totals.amount(), sum);
            totals.outcomes().forEach((outcome, n) -> compare(problems, "totals: " + outcome, n,
                    messages.values().stream().filter(m -> m.outcome().name().equals(outcome)).count()));
        }

        if (!problems.isEmpty()) {
            fail(scenario.fileName() + " (" + scenario.name() + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static String flagsSuffix(Iterable<String> flags) {
        StringBuilder sb = new StringBuilder();
        for (String f : flags) sb.append(sb.length() == 0 ? " [" : ";").append(f);
        return sb.length() == 0 ? "" : sb.append(']').toString();
    }

    private static void compare(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) problems.add(what + ": expected " + expected + " but was " + actual);
    }

    /** Money is compared by value (SPEC 2.7): 0 equals 0.0000. */
    private static void compareAmount(List<String> problems, String what, String expected, BigDecimal actual) {
        if (actual == null || new BigDecimal(expected).compareTo(actual) != 0) {
            problems.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    static Instant instant(String text) {
        return ScenarioFile.parseInstant(text);
    }
}
