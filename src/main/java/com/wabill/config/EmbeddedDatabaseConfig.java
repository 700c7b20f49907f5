package com.wabill.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Without {@code spring.datasource.url} wabill starts a real PostgreSQL server of its own, with its data in a
 * local folder, so that a first run needs nothing installed and state carries from one run to the next. A server
 * left running by a wabill process that was killed is shut down first; a folder in use by a live one is refused
 * ({@link EmbeddedServerGuard}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDataSourceUrl.class)
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${wabill.embedded-db.dir:.wabill/pgdata}") Path dir) throws IOException {
        Files.createDirectories(dir);
        log.info("No spring.datasource.url: starting the embedded PostgreSQL with its data in {}", dir.toAbsolutePath());
        // refuse a folder another live run uses; stop a server that a killed run left running
        EmbeddedServerGuard.prepare(dir);
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) throw new EmbeddedDatabaseInUseException(dir);
            throw new EmbeddedDatabaseStartException(dir, e);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseStartException(dir, e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setMaximumPoolSize(8);
        return pool;
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
