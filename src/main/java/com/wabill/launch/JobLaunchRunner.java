package com.wabill.launch;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Runs the job named by {@code spring.batch.job.name} once and turns its outcome into the exit status.
 *
 * <p>A job instance is identified by {@code from}, {@code to} and an {@code attempt} number. A failed attempt is
 * restarted with the same parameters, so it continues where it stopped; a completed one is run again as the next
 * attempt, because re-running a range (late logs, a corrected rate card) is an ordinary thing to do.
 */
@Component
public class JobLaunchRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchRunner.class);

    /** Exit status when the same range is already being billed by another process. */
    public static final int EXIT_ALREADY_RUNNING = 3;

    private final Map<String, Job> jobs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final BillingRange billingRange;
    private final String jobName;
    private final Clock clock;
    private final boolean launchOnStartup;
    private volatile int exitCode;
    private volatile JobExecution lastExecution;

    public JobLaunchRunner(Map<String, Job> jobs, JobOperator jobOperator, JobRepository jobRepository,
            BillingRange billingRange, @Value("${spring.batch.job.name:billing}") String jobName, Clock clock,
            @Value("${wabill.launch-on-startup:true}") boolean launchOnStartup) {
        this.launchOnStartup = launchOnStartup;
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.billingRange = billingRange;
        this.jobName = jobName;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!launchOnStartup) return;
        Job job = jobs.get(jobName);
        if (job == null) {
            fail(2, "No job named '" + jobName + "'. Use --spring.batch.job.name=billing or reconcile.");
            return;
        }
        LocalDate from = dateArg(args, "from");
        LocalDate to = dateArg(args, "to");
        if ((from == null) != (to == null)) {
            fail(2, "Give both from=YYYY-MM-DD and to=YYYY-MM-DD, or neither.");
            return;
        }
        String mode = null;
        if (from == null) {
            LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
            BillingRange.Range next = billingRange.nextRange(yesterday);
            if (next == null) {
                log.info("Nothing to bill: every day up to {} (yesterday, UTC) is billed already.", yesterday);
                return;
            }
            from = next.from();
            to = next.to();
            mode = next.reason();
            log.info("No from/to given: billing {}..{} ({}).", from, to, mode);
        }
        if (to.isBefore(from)) {
            fail(2, "to=" + to + " is before from=" + from + ".");
            return;
        }
        lastExecution = launch(job, from, to, mode);
    }

    public JobExecution launch(Job job, LocalDate from, LocalDate to) throws Exception {
        return launch(job, from, to, null);
    }

    /** @param mode why this range, when the runner chose it (not part of the job instance's identity) */
    public JobExecution launch(Job job, LocalDate from, LocalDate to, String mode) throws Exception {
        long attempt = 0;
        JobParameters params = params(from, to, attempt);
        JobInstance instance = jobRepository.getJobInstance(job.getName(), params);
        while (instance != null) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            BatchStatus status = last == null ? BatchStatus.FAILED : last.getStatus();
            if (status.isRunning()) {
                fail(EXIT_ALREADY_RUNNING, "Job " + job.getName() + " for " + from + ".." + to
                        + " is already running (execution " + last.getId() + "). Wait for it to finish;"
                        + " if its process is gone, mark it failed and run the same command again.");
                return last;
            }
            if (status != BatchStatus.COMPLETED) {
                log.info("Restarting the {} run of {}..{} (execution {} ended {}).", job.getName(), from, to,
                        last == null ? "?" : last.getId(), status);
                break;
            }
            attempt++;
            params = params(from, to, attempt);
            instance = jobRepository.getJobInstance(job.getName(), params);
        }
        if (mode != null) params = new JobParametersBuilder(params).addString("mode", mode, false).toJobParameters();
        JobExecution execution = jobOperator.start(job, params);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String reason = execution.getAllFailureExceptions().stream()
                    .map(JobLaunchRunner::rootMessage).findFirst()
                    .orElse(execution.getExitStatus().getExitDescription());
            fail(1, "Job " + job.getName() + " " + from + ".." + to + " " + execution.getStatus() + ": " + reason
                    + "\nFix the cause and run the same command again: the run restarts where it stopped.");
        }
        return execution;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? msg : (t.getMessage() != null && !t.getMessage().contains(msg) ? t.getMessage() + ": " + msg : msg);
    }

    private static JobParameters params(LocalDate from, LocalDate to, long attempt) {
        return new JobParametersBuilder()
                .addString("from", from.toString())
                .addString("to", to.toString())
                .addLong("attempt", attempt)
                .toJobParameters();
    }

    private LocalDate dateArg(ApplicationArguments args, String name) {
        for (String arg : args.getNonOptionArgs()) {
            if (arg.startsWith(name + "=")) return LocalDate.parse(arg.substring(name.length() + 1));
        }
        if (args.containsOption(name)) return LocalDate.parse(args.getOptionValues(name).get(0));
        return null;
    }

    private void fail(int code, String message) {
        exitCode = code;
        System.err.println("wabill: " + message);
    }

    public JobExecution lastExecution() {
        return lastExecution;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
