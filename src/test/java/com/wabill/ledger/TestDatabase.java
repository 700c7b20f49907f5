package com.wabill.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test JVM, migrated with the project's Flyway migrations, shared by the
 * tests of what the outputs read from the ledger. {@link #clean()} empties the ledger tables between tests.
 */
public final class TestDatabase {

    private static EmbeddedPostgres server;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ((HikariDataSource) dataSource).close();
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            // a small pool: the server's own data source opens a connection per statement
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            pool.setMaximumPoolSize(4);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            dataSource = pool;
        }
        return dataSource;
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    /** Empties the tables the outputs read. */
    public static void clean() {
        jdbc().execute("truncate invoice, invoice_line, payment, discrepancy, conversation, priced_message,"
                + " reconciliation_run");
    }
}
