package com.wabill;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: runs the job named by {@code --spring.batch.job.name} (default {@code billing}) and exits with its status. */
@SpringBootApplication
public class WabillApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(WabillApplication.class, args)));
    }
}
