package com.wabill.launch;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a start that failed on the database (unreachable, login refused, embedded server busy or not starting)
 * into Spring Boot's short "APPLICATION FAILED TO START" report instead of a page of stack trace; the last line on
 * standard error then says the same in one line ({@link com.wabill.WabillApplication}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (Failures.embeddedDatabaseInUse(failure) != null) {
            return new FailureAnalysis(Failures.startupMessage(failure),
                    "Wait for the other run to finish, then run the same command again.", failure);
        }
        if (Failures.isDatabaseUnavailable(failure)) {
            return new FailureAnalysis("wabill could not use its database: " + Failures.databaseMessage(failure),
                    "Check that PostgreSQL runs and that spring.datasource.url, spring.datasource.username and"
                            + " SPRING_DATASOURCE_PASSWORD are right, then run the same command again: a run that was"
                            + " under way continues where it stopped.", failure);
        }
        return null;
    }
}
