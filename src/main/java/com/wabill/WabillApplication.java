package com.wabill;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.wabill.launch.Failures;

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
            System.err.println("wabill: " + Failures.startupMessage(failure));
            status = Failures.startupExitStatus(failure);
        }
        System.exit(status);
    }
}
