package com.wabill.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A scratch installation for job tests: its own logs, reference files, output, work folder and database. */
final class JobTestSupport {

    private JobTestSupport() {
    }

    static Path newRoot(String name) {
        try {
            return Files.createTempDirectory("wabill-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(DynamicPropertyRegistry registry, Path root) {
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

    /** Empties logs, output and ledger, keeping the job repository (its instances are told apart by attempt). */
    static void reset(Path root, JdbcTemplate jdbc) throws IOException {
        for (String dir : new String[] {"logs", "out", "ref", "work"}) {
            deleteTree(root.resolve(dir));
            Files.createDirectories(root.resolve(dir));
        }
        jdbc.execute("truncate conversation, priced_message, thread_state, carry_point, billed_day, invoice,"
                + " invoice_line, payment, discrepancy, billing_run");
    }

    static void copyReference(Path referenceDir, Path root) throws IOException {
        Path target = root.resolve("ref");
        try (Stream<Path> s = Files.walk(referenceDir)) {
            for (Path p : s.toList()) {
                Path to = target.resolve(referenceDir.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
