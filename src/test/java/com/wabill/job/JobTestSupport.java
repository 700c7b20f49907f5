package com.wabill.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.wabill.WabillApplication;

/**
 * A scratch installation for job tests: its own logs, reference files, output, work folder and database. Public for
 * the job tests of other packages (reconciliation).
 */
public final class JobTestSupport {

    private JobTestSupport() {
    }

    public static Path newRoot(String name) {
        try {
            return Files.createTempDirectory("wabill-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void register(DynamicPropertyRegistry registry, Path root) {
        registry.add("wabill.launch-on-startup", () -> "false");
        registry.add("wabill.logs", () -> root.resolve("logs").toString());
        registry.add("wabill.rate-cards", () -> root.resolve("ref/rate-cards").toString());
        registry.add("wabill.markets", () -> root.resolve("ref/markets.csv").toString());
        registry.add("wabill.accounts", () -> root.resolve("ref/accounts.csv").toString());
        registry.add("wabill.meta-billing", () -> root.resolve("meta").toString());
        registry.add("wabill.output", () -> root.resolve("out").toString());
        registry.add("wabill.work-dir", () -> root.resolve("work").toString());
        registry.add("wabill.embedded-db.dir", () -> root.resolve("pgdata").toString());
        String url = System.getProperty("wabill.test.datasource-url");
        if (url != null && !url.isBlank()) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> System.getProperty("wabill.test.datasource-username", "postgres"));
        }
    }

    /**
     * A wabill context of its own over {@code root}'s folders, for the jqwik property tests (jqwik has no Spring
     * extension): no launch on start-up, buckets of {@code bucketRows} rows, only warnings logged.
     */
    public static ConfigurableApplicationContext startContext(Path root, int bucketRows) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("wabill.launch-on-startup", "false");
        props.put("wabill.logs", root.resolve("logs").toString());
        props.put("wabill.rate-cards", root.resolve("ref/rate-cards").toString());
        props.put("wabill.markets", root.resolve("ref/markets.csv").toString());
        props.put("wabill.accounts", root.resolve("ref/accounts.csv").toString());
        props.put("wabill.meta-billing", root.resolve("meta").toString());
        props.put("wabill.output", root.resolve("out").toString());
        props.put("wabill.work-dir", root.resolve("work").toString());
        props.put("wabill.embedded-db.dir", root.resolve("pgdata").toString());
        props.put("wabill.bucket-rows", String.valueOf(bucketRows));
        props.put("logging.level.com.wabill", "WARN");
        // as arguments: they take precedence over application.properties (default properties would not)
        return new SpringApplicationBuilder(WabillApplication.class)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Empties logs, output and ledger, keeping the job repository (its instances are told apart by attempt). */
    public static void reset(Path root, JdbcTemplate jdbc) throws IOException {
        for (String dir : new String[] {"logs", "out", "ref", "work"}) {
            deleteTree(root.resolve(dir));
            Files.createDirectories(root.resolve(dir));
        }
        jdbc.execute("truncate conversation, priced_message, thread_state, carry_point, billed_day, invoice,"
                + " invoice_line, payment, discrepancy, billing_run, conversation_link, reconciliation_run, moved_message");
    }

    public static void copyReference(Path referenceDir, Path root) throws IOException {
        copyTree(referenceDir, root.resolve("ref"));
    }

    /** The repository's sample-data/ (logs, reference files, Meta's export) as this installation's inputs. */
    public static void installSampleData(Path root) throws IOException {
        Path sample = Path.of("sample-data");
        copyTree(sample.resolve("logs"), root.resolve("logs"));
        copyTree(sample.resolve("rate-cards"), root.resolve("ref/rate-cards"));
        Files.copy(sample.resolve("markets.csv"), root.resolve("ref/markets.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(sample.resolve("accounts.csv"), root.resolve("ref/accounts.csv"), StandardCopyOption.REPLACE_EXISTING);
        copyTree(sample.resolve("meta"), root.resolve("meta"));
    }

    public static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
