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
 * ({@code get} gives null). A {@code repeat:} entry stands for its N copies, in place (README: copy i is
 * {@code message} with id {@code <message_id>-<i>} and {@code sent_at}, {@code delivered_at} advanced by
 * (i - 1) x {@code every}).
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

    /**
     * {@code expect.totals} over every accepted message: the number of messages whose own amount is above zero, the
     * sum of all message amounts (compared by value), and the number of messages with each outcome given (empty
     * when not given). Null fields were not given.
     */
    public record ExpectedTotals(Long chargedMessages, String amount, Map<String, Long> outcomes) {
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
    private final java.util.Set<String> repeatedIds;
    private final ExpectedTotals totals;
    private final String reference;
    private final List<String> expectedError;
    private final Map<String, String> messageCategories;
    private final Map<String, String> messageCurrencies;

    private ScenarioFile(Path path, Map<String, Object> root) {
        this.path = path;
        this.name = text(root.get("name"));
        this.source = text(root.get("source"));
        this.rule = text(root.get("rule"));
        this.description = text(root.get("description"));
        this.fileDefaults = textMap(root.get("defaults"), "defaults");
        List<Map<String, String>> msgs = new ArrayList<>();
        java.util.Set<String> repeated = new java.util.LinkedHashSet<>();
        for (Object o : list(root.get("messages"), "messages")) {
            Map<String, Object> entry = map(o, "message");
            if (entry.containsKey("repeat")) {
                for (Map<String, String> copy : repeat(entry)) {
                    msgs.add(Collections.unmodifiableMap(withDefaults(copy, fileDefaults)));
                    repeated.add(copy.get("message_id"));
                }
            } else {
                msgs.add(Collections.unmodifiableMap(withDefaults(textMap(o, "message"), fileDefaults)));
            }
        }
        this.messages = Collections.unmodifiableList(msgs);
        this.repeatedIds = Collections.unmodifiableSet(repeated);

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
        this.totals = expect.containsKey("totals") ? totals(map(expect.get("totals"), "expect.totals")) : null;
        this.reference = text(root.get("reference"));
        this.messageCategories = expect.containsKey("message_categories")
                ? Collections.unmodifiableMap(textMap(expect.get("message_categories"), "expect.message_categories"))
                : null;
        this.messageCurrencies = expect.containsKey("message_currencies")
                ? Collections.unmodifiableMap(textMap(expect.get("message_currencies"), "expect.message_currencies"))
                : null;
        List<String> error = new ArrayList<>();
        Object e = expect.get("error");
        if (e instanceof List<?> parts) {
            for (Object part : parts) error.add(text(part));
        } else if (e != null) {
            error.add(text(e));
        }
        this.expectedError = Collections.unmodifiableList(error);
    }

    /** The README's {@code repeat:} entry: N copies of {@code message}, ids suffixed, times advanced by {@code every}. */
    private static List<Map<String, String>> repeat(Map<String, Object> entry) {
        for (String key : entry.keySet()) {
            if (!List.of("repeat", "every", "message").contains(key)) {
                throw new IllegalArgumentException("a repeat entry has repeat, every and message, not " + key + ": " + entry);
            }
        }
        String n = text(entry.get("repeat"));
        if (n == null || !n.matches("[1-9][0-9]{0,6}")) {
            throw new IllegalArgumentException("repeat is a positive number of copies, found " + n);
        }
        String every = text(entry.get("every"));
        java.time.Duration step = every == null ? java.time.Duration.ZERO : java.time.Duration.parse(every);
        if (step.isNegative()) throw new IllegalArgumentException("every must not be negative: " + every);
        Map<String, String> message = textMap(entry.get("message"), "repeat.message");
        String id = message.get("message_id");
        if (id == null || message.get("sent_at") == null) {
            throw new IllegalArgumentException("a repeated message needs message_id and sent_at: " + message);
        }
        int copies = Integer.parseInt(n);
        List<Map<String, String>> out = new ArrayList<>(copies);
        for (int i = 1; i <= copies; i++) {
            Map<String, String> copy = new LinkedHashMap<>(message);
            copy.put("message_id", id + "-" + i);
            java.time.Duration shift = step.multipliedBy(i - 1L);
            for (String col : List.of("sent_at", "delivered_at")) {
                String v = message.get(col);
                if (v != null) copy.put(col, parseInstant(v).plus(shift).toString());
            }
            out.add(copy);
        }
        return out;
    }

    private static ExpectedTotals totals(Map<String, Object> t) {
        for (String key : t.keySet()) {
            if (!List.of("charged_messages", "amount", "outcomes").contains(key)) {
                throw new IllegalArgumentException("expect.totals has charged_messages, amount and outcomes, not " + key);
            }
        }
        String charged = text(t.get("charged_messages"));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        textMap(t.get("outcomes"), "expect.totals.outcomes").forEach((k, v) -> outcomes.put(k, Long.parseLong(v)));
        String amount = text(t.get("amount"));
        if (amount != null) new java.math.BigDecimal(amount); // a decimal, or the file is wrong
        return new ExpectedTotals(charged == null ? null : Long.parseLong(charged), amount,
                Collections.unmodifiableMap(outcomes));
    }

    /** An ISO 8601 instant with {@code Z} or an offset. */
    static java.time.Instant parseInstant(String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (RuntimeException e) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
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

    /** The project's own scenarios. */
    public static final Path OWN_DIR = Paths.get("src/test/resources/scenarios").toAbsolutePath().normalize();

    /** The shared scenario folder ({@code wabill.scenarios}, default {@code ../shared/scenarios}), whether or not it exists. */
    public static Path sharedDir() {
        return Paths.get(System.getProperty("wabill.scenarios", "../shared/scenarios")).toAbsolutePath().normalize();
    }

    /**
     * Whether the shared scenarios must be found: their folder, or the shared folder it sits in, exists. A clone
     * without {@code ../shared} runs the project's own scenarios only; a checkout beside the shared folder must not
     * silently run without its files (a wrong path or a missing folder).
     */
    public static boolean sharedExpected() {
        Path dir = sharedDir();
        return Files.isDirectory(dir) || (dir.getParent() != null && Files.isDirectory(dir.getParent()));
    }

    /**
     * The scenario folders that exist: the shared one ({@code wabill.scenarios}, default
     * {@code ../shared/scenarios}) and the project's own {@code src/test/resources/scenarios}.
     */
    public static List<Path> scenarioDirs() {
        List<Path> dirs = new ArrayList<>();
        for (Path p : List.of(sharedDir(), OWN_DIR)) {
            if (Files.isDirectory(p) && !dirs.contains(p)) dirs.add(p);
        }
        return dirs;
    }

    /**
     * The scenario folders of SPEC v3 that exist ({@code v3/} in each folder of {@link #scenarioDirs()}), each with
     * its own {@code reference/} (engine and job tests run them beside the others).
     */
    public static List<Path> v3ScenarioDirs() {
        List<Path> dirs = new ArrayList<>();
        for (Path d : scenarioDirs()) {
            Path v3 = d.resolve("v3");
            if (Files.isDirectory(v3)) dirs.add(v3);
        }
        return dirs;
    }

    /** Every scenario file of every folder of {@link #v3ScenarioDirs()}. */
    public static List<Path> allV3ScenarioFiles() {
        List<Path> all = new ArrayList<>();
        for (Path dir : v3ScenarioDirs()) all.addAll(scenarioFiles(dir));
        return all;
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

    /**
     * The reference files (rate cards, markets, accounts): the {@code reference/} folder beside the file, or the
     * folder the file names in its top-level {@code reference:} (the project's extension, relative to the file's
     * folder: error fixtures bring their own bad reference files).
     */
    public Path referenceDir() {
        return path.toAbsolutePath().getParent().resolve(reference == null ? "reference" : reference).normalize();
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

    /** The ids of the copies of {@code repeat:} entries: {@code expect.outcomes} may leave them out. */
    public java.util.Set<String> repeatedIds() {
        return repeatedIds;
    }

    /**
     * The project's extension {@code expect.error}: the run must stop with an error whose message holds each of these
     * texts (a scalar or a list); empty when the run must succeed.
     */
    public List<String> expectedError() {
        return expectedError;
    }

    /**
     * The project's extension {@code expect.message_categories}: message id to the pricing category of a message priced
     * on its own (AUTHENTICATION_INTERNATIONAL under SPEC 2.11); null when absent. Only the listed messages are checked.
     */
    public Map<String, String> messageCategories() {
        return messageCategories;
    }

    /**
     * The project's extension {@code expect.message_currencies}: message id to the currency a message priced on its own
     * is billed in (SPEC 1.4: the account row in force at its event time); null when absent. Only the listed are checked.
     */
    public Map<String, String> messageCurrencies() {
        return messageCurrencies;
    }

    /** {@code expect.totals}, or null when the file does not give them. */
    public ExpectedTotals totals() {
        return totals;
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
