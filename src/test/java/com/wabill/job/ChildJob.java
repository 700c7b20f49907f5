package com.wabill.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * wabill as a child process, the way an operator runs it: {@code java -cp <the test class path>
 * com.wabill.WabillApplication <args>}, with its standard output and error in files, killed with SIGKILL when a test
 * says so. The child uses the classes under test, not a jar that {@code mvn test} would not rebuild.
 */
final class ChildJob {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    /** Every child started: those still alive when the test JVM ends (a test failed half-way) are killed. */
    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> {
            if (p.isAlive()) p.destroyForcibly();
        }), "child-jobs-cleanup"));
    }

    final String name;
    final Process process;
    final Path stdout;
    final Path stderr;

    private ChildJob(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts wabill in {@code workDir} with {@code args}; its output goes to {@code <logDir>/<name>.out|.err}.
     * {@code env} is added to the child's environment (SPRING_DATASOURCE_PASSWORD, say).
     */
    static ChildJob start(String name, Path workDir, Path logDir, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // a small, quick-starting JVM: the data is small, and most of a run is starting Spring
        command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.wabill.WabillApplication"));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path out = logDir.resolve(name + ".out");
            Path err = logDir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("WABILL_"));
            pb.environment().putAll(env);
            Process process = pb.start();
            STARTED.add(process);
            return new ChildJob(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The arguments of a billing run over an installation under {@code root} (reference files in {@code ref/}, logs
     * in {@code logs/}), with its own output and work folders; {@code url} null means the embedded database in
     * {@code root/pgdata}. No Meta export: the reconcile step is skipped.
     */
    static List<String> billingArgs(Path root, String output, String work, String url, java.time.LocalDate from,
            java.time.LocalDate to, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=billing", "from=" + from, "to=" + to,
                "--wabill.logs=" + root.resolve("logs"),
                "--wabill.rate-cards=" + root.resolve("ref/rate-cards"),
                "--wabill.markets=" + root.resolve("ref/markets.csv"),
                "--wabill.accounts=" + root.resolve("ref/accounts.csv"),
                "--wabill.meta-billing=" + root.resolve("no-meta-export"),
                "--wabill.output=" + root.resolve(output),
                "--wabill.work-dir=" + root.resolve(work),
                "--wabill.bucket-rows=1500"));
        if (url != null) {
            args.add("--spring.datasource.url=" + url);
            args.add("--spring.datasource.username=" + ServerPostgres.USER);
        } else {
            args.add("--wabill.embedded-db.dir=" + root.resolve("pgdata"));
        }
        args.addAll(List.of(extra));
        return args;
    }

    /** Waits for the child to end and returns its exit status; fails the test when it takes too long. */
    int waitFor() {
        return waitFor(DEFAULT_TIMEOUT);
    }

    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not end within " + timeout + "\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL (Process.destroyForcibly on Unix), as {@code kill -9} would: no shutdown hook, no cleanup. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Polls {@code condition} every {@code every} until it holds (true) or the child ends or time runs out (false). */
    boolean await(BooleanSupplier condition, Duration every, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            if (!process.isAlive()) return condition.getAsBoolean();
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    /** The last non-blank line of standard error. */
    String lastErrLine() {
        List<String> lines = err().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The end of both outputs, for assertion messages. */
    String tail() {
        return name + " stdout (end):\n" + last(out(), 60) + "\n" + name + " stderr (end):\n" + last(err(), 30);
    }

    private static String last(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
