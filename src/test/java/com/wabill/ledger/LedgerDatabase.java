package com.wabill.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the ledger's tests: one embedded server per test JVM, migrated with the project's Flyway
 * migrations. {@link #clean()} empties the ledger's tables; {@link #inTransaction} runs work the way a step does.
 */
final class LedgerDatabase {

    private static EmbeddedPostgres server;
    private static HikariDataSource dataSource;

    private LedgerDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            pool.setMaximumPoolSize(4);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            dataSource = pool;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dataSource.close();
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return dataSource;
    }

    /** A new, empty database on the same server (for the tests of the migrations themselves). */
    static String newDatabase(String name) {
        jdbc().execute("drop database if exists " + name);
        jdbc().execute("create database " + name);
        return server.getJdbcUrl("postgres", name);
    }

    static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    static void clean() {
        jdbc().execute("truncate conversation, priced_message, conversation_link, thread_state, carry_point,"
                + " billed_day, invoice, invoice_line, payment, discrepancy, reconciliation_run");
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in one transaction, as a step's tasklet does; committed unless it throws. */
    static void inTransaction(Work work) {
        new TransactionTemplate(new DataSourceTransactionManager(dataSource())).executeWithoutResult(status -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
