package com.wabill.distribution;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's RabbitMQ auto-configuration only in manager and worker mode: the local mode (the default, and the
 * README's first command) has nothing to do with a broker and must not try to reach one. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RabbitOnlyWhenRemote implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String RABBIT = "org.springframework.boot.amqp.autoconfigure.";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean remote = environment == null || Partitioning.of(environment) != Partitioning.LOCAL;
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String c = autoConfigurationClasses[i];
            match[i] = remote || c == null || !c.startsWith(RABBIT);
        }
        return match;
    }
}
