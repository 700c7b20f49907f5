package com.wabill.replay;

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

    /** Drops and creates {@code database} (a fixed test name, not input); returns its JDBC URL. */
    static String createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create database " + database + " on " + URL, e);
        }
        return URL + database;
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
        createDatabase(database);
        registry.add("spring.datasource.url", () -> URL + database);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }
}
