package com.wabill;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.wabill.reporting.FailureLine;

/** Entry point: runs the job named by {@code --spring.batch.job.name} (default {@code billing}) and exits with its status. */
@SpringBootApplication
public class WabillApplication {

    public static void main(String[] args) {
        int status;
        try {
            status = SpringApplication.exit(SpringApplication.run(WabillApplication.class, args));
        } catch (Throwable e) {
            // Spring Boot has logged it with its stack trace; the last line says what failed and what to do
            System.err.println("wabill: " + FailureLine.forStartup(e));
            status = 1;
        }
        System.exit(status);
    }
}
