package com.wabill.scenarios;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * One charging scenario file (the format of {@code scenarios/README.md}), independent of how it is run:
 * the engine test replays it directly, the job test writes it out as Parquet and runs the whole job.
 *
 * <p>Every scalar is read as text (only {@code null} and {@code ~} are resolved), so that an unquoted
 * timestamp keeps its full precision, an unquoted contact id keeps its digits and an unquoted amount
 * is not turned into a binary float.
 *
 * <p>Messages come with the defaults applied, in file order: the README's defaults, then the file's
 * {@code defaults:}, then the message's own fields. An absent field is absent from the map
 * ({@code get} gives null).
 */
public final class ScenarioFile {

    /** The README's defaults; {@code status} depends on the direction and is applied separately. */
    public static final Map<String, String> README_DEFAULTS = Map.of(
            "waba_id", "waba-1",
            "phone_number_id", "pn-1",
            "business_phone_number", "15550001111",
            "contact_wa_id", "5511987650001");

    /** A conversation the replay must produce; optional fields are null when not given. */
    public record ExpectedConversation(String openedBy, String category, String type, String openedAt,
                                       String closedAt, String amount, String conversationId) {
    }

    /** An accepted message's expected outcome and flags (flags in file order). */
    public record ExpectedOutcome(String outcome, List<String> flags) {
    }

    private final Path path;
    private final String name;
    private final String source;
    private final String rule;
    private final String description;
    private final Map<String, String> fileDefaults;
    private final List<Map<String, String>> messages;
    private final List<ExpectedConversation> conversations;
    private final Map<String, ExpectedOutcome> outcomes;
    private final Map<String, String> messageCharges;
    private final Map<String, String> messageConversations;
    private final List<String> rejected;

    private ScenarioFile(Path path, Map<String, Object> root) {
        this.path = path;
        this.name = text(root.get("name"));
        this.source = text(root.get("source"));
        this.rule = text(root.get("rule"));
        this.description = text(root.get("description"));
        this.fileDefaults = textMap(root.get("defaults"), "defaults");
        List<Map<String, String>> msgs = new ArrayList<>();
        for (Object o : list(root.get("messages"), "messages")) {
            msgs.add(Collections.unmodifiableMap(withDefaults(textMap(o, "message"), fileDefaults)));
        }
        this.messages = Collections.unmodifiableList(msgs);

        Map<String, Object> expect = map(root.get("expect"), "expect");
        List<ExpectedConversation> convs = new ArrayList<>();
        for (Object o : list(expect.get("conversations"), "expect.conversations")) {
            Map<String, String> c = textMap(o, "expected conversation");
            for (String required : List.of("opened_by", "category", "type")) {
                if (c.get(required) == null) {
                    throw new IllegalArgumentException(path + ": expected conversation without " + required + ": " + c);
                }
            }
            convs.add(new ExpectedConversation(c.get("opened_by"), c.get("category"), c.get("type"),
                    c.get("opened_at"), c.get("closed_at"), c.get("amount"), c.get("conversation_id")));
        }
        this.conversations = Collections.unmodifiableList(convs);

        Map<String, ExpectedOutcome> outs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(expect.get("outcomes"), "expect.outcomes").entrySet()) {
            outs.put(e.getKey(), outcome(e.getKey(), e.getValue()));
        }
        this.outcomes = Collections.unmodifiableMap(outs);
        this.messageCharges = expect.containsKey("message_charges")
                ? Collections.unmodifiableMap(textMap(expect.get("message_charges"), "expect.message_charges"))
                : null;
        this.messageConversations = expect.containsKey("message_conversations")
                ? Collections.unmodifiableMap(textMap(expect.get("message_conversations"), "expect.message_conversations"))
                : null;
        List<String> rej = new ArrayList<>();
        for (Object o : list(expect.get("rejected"), "expect.rejected")) rej.add(text(o));
        this.rejected = Collections.unmodifiableList(rej);
    }

    /** Reads and checks one scenario file. */
    public static ScenarioFile load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = yaml().load(in);
            return new ScenarioFile(file, map(root, "document"));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The scenario folders that exist: the shared one ({@code wabill.scenarios}, default
     * {@code ../shared/scenarios}) and the project's own {@code src/test/resources/scenarios}.
     */
    public static List<Path> scenarioDirs() {
        List<Path> dirs = new ArrayList<>();
        for (String d : List.of(System.getProperty("wabill.scenarios", "../shared/scenarios"),
                "src/test/resources/scenarios")) {
            Path p = Paths.get(d).toAbsolutePath().normalize();
            if (Files.isDirectory(p) && !dirs.contains(p)) dirs.add(p);
        }
        return dirs;
    }

    /** The {@code *.yaml} files directly in {@code dir}, by file name. */
    public static List<Path> scenarioFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir.toString(), e);
        }
    }

    /** Every scenario file of every folder of {@link #scenarioDirs()}. */
    public static List<Path> allScenarioFiles() {
        List<Path> all = new ArrayList<>();
        for (Path dir : scenarioDirs()) all.addAll(scenarioFiles(dir));
        return all;
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** The {@code reference/} folder beside the file: rate cards, markets, accounts. */
    public Path referenceDir() {
        return path.toAbsolutePath().getParent().resolve("reference");
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }

    /** The file's own {@code defaults:} (empty when none). */
    public Map<String, String> fileDefaults() {
        return fileDefaults;
    }

    /** The log rows in file order, defaults applied. Duplicates and bad rows are kept as written. */
    public List<Map<String, String>> messages() {
        return messages;
    }

    /** Every conversation of the replay. */
    public List<ExpectedConversation> expectedConversations() {
        return conversations;
    }

    /** Every accepted message's outcome, by message id, in file order. */
    public Map<String, ExpectedOutcome> expectedOutcomes() {
        return outcomes;
    }

    /** Per-message charges (message id to amount), or null when the file does not check them. */
    public Map<String, String> messageCharges() {
        return messageCharges;
    }

    /**
     * Optional extension ({@code expect.message_conversations}): message id to the conversation id it is
     * attached to or opened (the conversation_id of message_outcomes); null when absent. Only the
     * listed messages are checked.
     */
    public Map<String, String> messageConversations() {
        return messageConversations;
    }

    /** Message ids that go to the rejected rows (empty when none). */
    public List<String> rejected() {
        return rejected;
    }

    @Override
    public String toString() {
        return fileName();
    }

    private static Map<String, String> withDefaults(Map<String, String> row, Map<String, String> fileDefaults) {
        Map<String, String> m = new LinkedHashMap<>();
        README_DEFAULTS.forEach((k, v) -> m.put(k, v));
        String direction = row.containsKey("direction") ? row.get("direction") : fileDefaults.get("direction");
        if (direction != null) {
            String d = direction.toUpperCase(Locale.ROOT);
            if (d.equals("OUTBOUND")) m.put("status", "DELIVERED");
            else if (d.equals("INBOUND")) m.put("status", "RECEIVED");
        }
        fileDefaults.forEach((k, v) -> m.put(k, v));
        row.forEach((k, v) -> m.put(k, v));
        m.values().removeIf(v -> v == null); // "a field that is absent is null"
        return m;
    }

    private static ExpectedOutcome outcome(String id, Object value) {
        if (value instanceof List<?> l) {
            if (l.isEmpty()) throw new IllegalArgumentException("empty outcome for " + id);
            List<String> flags = new ArrayList<>();
            for (Object f : l.subList(1, l.size())) flags.add(text(f));
            return new ExpectedOutcome(text(l.get(0)), List.copyOf(flags));
        }
        if (value == null) throw new IllegalArgumentException("no outcome for " + id);
        return new ExpectedOutcome(text(value), List.of());
    }

    private static String text(Object o) {
        if (o == null) return null;
        if (o instanceof Map || o instanceof List) {
            throw new IllegalArgumentException("expected a scalar, found " + o);
        }
        return o.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (o == null) return Map.of();
        if (!(o instanceof Map)) throw new IllegalArgumentException(what + " is not a mapping: " + o);
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o, String what) {
        if (o == null) return List.of();
        if (!(o instanceof List<?> l)) throw new IllegalArgumentException(what + " is not a list: " + o);
        return l;
    }

    private static Map<String, String> textMap(Object o, String what) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(o, what).entrySet()) m.put(String.valueOf(e.getKey()), text(e.getValue()));
        return m;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // a repeated key is a mistake in the file, not an override
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new TextResolver());
    }

    /** Resolves only null; every other plain scalar stays a string. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
