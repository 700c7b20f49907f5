package com.wabill.job;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.wabill.testsupport.JobTest;

/**
 * The one Spring context the job tests share: the whole application with the default settings, on the scratch
 * installation {@link #ROOT} (its own logs, reference files, output, work folder and embedded database). Every class
 * annotated with it gets the same context configuration, so Spring's test context cache starts it once per test JVM
 * instead of once per class. A test that needs other settings (smaller buckets, a schedule, beans of its own) keeps
 * its own {@code @SpringBootTest} and {@link JobTestSupport#register}.
 *
 * <p>The classes share the installation one after the other: each empties logs, output and ledger before it bills
 * ({@link JobTestSupport#reset}), and the job repository is emptied before each class, so that no class restarts or
 * counts the runs another one left.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@JobTest
@SpringBootTest
@ContextConfiguration(initializers = SharedJobContext.Installation.class)
@ExtendWith(SharedJobContext.EmptyJobRepository.class)
public @interface SharedJobContext {

    /** The shared installation's folder. */
    Path ROOT = JobTestSupport.newRoot("shared");

    /** The settings of {@link JobTestSupport#register} for {@link #ROOT}, and one day allowed to be empty. */
    final class Installation implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>();
            JobTestSupport.register((name, value) -> properties.put(name, value.get()), ROOT);
            // the bad-input corpus's day without traffic (BadInputCorpusTest); no other test bills that day
            properties.put("wabill.allow-empty-days", "2025-03-20");
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("wabill-shared-test-installation", properties));
        }
    }

    /** Before each class: no job instance of an earlier class is left to restart or to count attempts from. */
    final class EmptyJobRepository implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            JdbcTemplate jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcTemplate.class);
            String tables = String.join(", ", jdbc.queryForList("select tablename from pg_tables"
                    + " where schemaname = current_schema() and tablename like 'batch\\_%'", String.class));
            if (!tables.isEmpty()) jdbc.execute("truncate " + tables + " cascade");
        }
    }
}
