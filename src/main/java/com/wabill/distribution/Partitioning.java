package com.wabill.distribution;

import java.util.Locale;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code wabill.partitioning}: where the bucket partitions of {@code dedupe} and {@code replay} run.
 * <ul>
 *   <li>{@code local} (default): on this process's cores;</li>
 *   <li>{@code manager}: this process runs the job and sends each bucket to the worker processes over RabbitMQ;</li>
 *   <li>{@code worker}: this process runs no job; it executes the bucket steps the manager sends, until stopped.</li>
 * </ul>
 */
public enum Partitioning {
    LOCAL, MANAGER, WORKER;

    public static final String PROPERTY = "wabill.partitioning";

    public static Partitioning of(Environment env) {
        String value = env.getProperty(PROPERTY, "local").strip();
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + "='" + value + "' is not one of local, manager, worker.");
        }
    }

    public static boolean isWorker(Environment env) {
        return of(env) == WORKER;
    }

    /** Manager or worker: RabbitMQ and a shared database. */
    static final class Remote implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) != LOCAL;
        }
    }

    static final class Manager implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == MANAGER;
        }
    }

    static final class Worker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == WORKER;
        }
    }
}
