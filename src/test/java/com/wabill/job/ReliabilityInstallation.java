package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One installation shared by the reliability tests that run wabill as a child process (crash, database faults,
 * concurrent runs), built once per test JVM: reference files, the logs of two ranges ({@link #A_FROM}..{@link #A_TO},
 * {@link #C_FROM}..{@link #C_TO}) with bad rows and duplicates, and what uninterrupted runs leave: range A alone,
 * then range C after it, on a database of their own. Each test then uses databases and folders of its own.
 */
final class ReliabilityInstallation {

    static final LocalDate A_FROM = LocalDate.of(2025, 3, 1);
    static final LocalDate A_TO = LocalDate.of(2025, 3, 3);
    static final LocalDate C_FROM = LocalDate.of(2025, 3, 10);
    static final LocalDate C_TO = LocalDate.of(2025, 3, 11);
    /** The database password given to every child in its environment: it must never be printed. */
    static final String SECRET = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    private static ReliabilityInstallation instance;

    final Path root;
    final ReliabilityData.Written a;
    final ReliabilityData.Written c;
    /** What an uninterrupted run of range A leaves. */
    final RunSnapshot afterA;
    /** What range A then range C leave, uninterrupted. */
    final RunSnapshot afterAThenC;
    /** Every child started, for the checks on what they printed. */
    final List<ChildJob> children = new ArrayList<>();

    private ReliabilityInstallation() throws Exception {
        root = JobTestSupport.newRoot("reliability");
        a = ReliabilityData.write(root, 8, A_FROM, 3, 800);
        c = ReliabilityData.write(root, 9, C_FROM, 2, 300);
        String url = ServerPostgres.createDatabase("wabill_test_reliability_base");
        ChildJob first = launch("uninterrupted-a", url, "out-base", "work-base", A_FROM, A_TO);
        assertThat(first.waitFor()).as(first.tail()).isZero();
        afterA = RunSnapshot.take(ServerPostgres.jdbc(url), root.resolve("out-base"));
        assertThat(afterA.size("conversation")).as("the data opens conversations").isGreaterThan(500);
        assertThat(afterA.size("file rejected_rows.csv")).as("the data has bad rows").isGreaterThan(20);
        ChildJob second = launch("uninterrupted-c", url, "out-base", "work-base", C_FROM, C_TO);
        assertThat(second.waitFor()).as(second.tail()).isZero();
        afterAThenC = RunSnapshot.take(ServerPostgres.jdbc(url), root.resolve("out-base"));
    }

    static synchronized ReliabilityInstallation get() throws Exception {
        if (instance == null) instance = new ReliabilityInstallation();
        return instance;
    }

    /** Starts a billing run of {@code from..to} on {@code url} (null: the embedded database in root/pgdata). */
    ChildJob launch(String name, String url, String output, String work, LocalDate from, LocalDate to, String... extra) {
        ChildJob child = ChildJob.start(name, root, root.resolve("child-logs"), Map.of("SPRING_DATASOURCE_PASSWORD", SECRET),
                ChildJob.billingArgs(root, output, work, url, from, to, extra));
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    /** The crash-point arguments: stop at {@code stepPrefix:when}, signal with {@code signal}, go on at {@code resume}. */
    static String[] crashAt(String point, Path signal, Path resume) {
        List<String> args = new ArrayList<>(List.of("--spring.main.sources=com.wabill.job.CrashPoints",
                "--wabill.test.crash-at=" + point, "--wabill.test.crash-signal=" + signal));
        if (resume != null) args.add("--wabill.test.resume-file=" + resume);
        return args.toArray(String[]::new);
    }
}
