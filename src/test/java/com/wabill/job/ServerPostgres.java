package com.wabill.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server on 127.0.0.1:5432 (trust auth), for running the job tests against a real server as well
 * as the embedded one. Tests that use it are skipped where no server runs (a newcomer's laptop); CI starts one.
 */
final class ServerPostgres {

    static final String URL = System.getProperty("wabill.test.server-url", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("wabill.test.server-user", "postgres");
    /** Why a test that needs the server was skipped. */
    static final String SKIPPED = "no PostgreSQL server answers on 127.0.0.1:5432 (trust auth, user postgres): the tests"
            + " that need one are skipped; CI starts one and runs with -Dwabill.test.server-required=true";

    private ServerPostgres() {
    }

    /**
     * Creates a database of this test JVM named after {@code database} (a fixed test name, not input, followed by the
     * JVM's process id, so that two test runs sharing a server never use one database); returns its JDBC URL.
     * Databases left by test JVMs that have ended are dropped first.
     */
    static String createDatabase(String database) {
        String name = database + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "");
                Statement s = c.createStatement()) {
            dropDatabasesOfEndedRuns(c);
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create database " + name + " on " + URL, e);
        }
        return URL + name;
    }

    private static boolean cleaned;

    private static synchronized void dropDatabasesOfEndedRuns(Connection c) throws java.sql.SQLException {
        if (cleaned) return;
        cleaned = true;
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'wabill\\_test\\_%'")) {
            while (rs.next()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)$").matcher(rs.getString(1));
                if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) stale.add(rs.getString(1));
            }
        }
        for (String db : stale) {
            try (Statement s = c.createStatement()) {
                s.execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    static org.springframework.jdbc.core.JdbcTemplate jdbc(String url) {
        return new org.springframework.jdbc.core.JdbcTemplate(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(url, USER, ""));
    }

    static boolean reachable() {
        try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "")) {
            return c.isValid(2);
        } catch (Exception e) {
            if (Boolean.getBoolean("wabill.test.server-required")) {
                throw new IllegalStateException("PostgreSQL server at " + URL + " is required but not reachable", e);
            }
            return false;
        }
    }

    /** Drops and creates {@code database}, and points the application at it. */
    static void register(DynamicPropertyRegistry registry, String database) {
        String url = createDatabase(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }
}
