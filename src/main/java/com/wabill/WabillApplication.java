package com.wabill;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.wabill.launch.Failures;
import com.wabill.report.FailureLine;

/**
 * Entry point: runs the job named by {@code --spring.batch.job.name} (default {@code billing}) and exits with its status.
 * A start that fails (the database unreachable, say) ends with one line on standard error and its own exit status.
 */
@SpringBootApplication
public class WabillApplication {

    public static void main(String[] args) {
        int status;
        try {
            status = SpringApplication.exit(SpringApplication.run(WabillApplication.class, args));
        } catch (Throwable failure) {
            // Spring Boot has logged it; the last line says what failed and what to do
            status = Failures.startupExitStatus(failure);
            System.err.println("wabill: " + (status == 1 ? FailureLine.forStartup(failure) : Failures.startupMessage(failure)));
        }
        System.exit(status);
    }
}
