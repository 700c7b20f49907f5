package com.wabill.launch;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import com.wabill.job.Jobs;
import com.wabill.job.RunSummaryListener;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.job.ScratchFolderInUseException;
import com.wabill.job.ScratchFolders;

/**
 * Runs the job named by {@code spring.batch.job.name} once and turns its outcome into the exit status.
 *
 * <p>A job instance is identified by {@code from}, {@code to} and an {@code attempt} number. A failed attempt is
 * restarted with the same parameters, so it continues where it stopped; a completed one is run again as the next
 * attempt, because re-running a range (late logs, a corrected rate card) is an ordinary thing to do. A failed one
 * whose input changed since it was planned (a log file replaced, added or gone: {@link StoppedRuns}) is abandoned and
 * its range started afresh as the next attempt, since continuing would bill the old input.
 */
@Component
public class JobLaunchRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchRunner.class);

    /** Exit status when the same range (or the run's scratch folder) is already in use by another process. */
    public static final int EXIT_ALREADY_RUNNING = 3;
    /** Exit status when the database cannot be reached, at start or during the run: run again once it is back. */
    public static final int EXIT_DATABASE_UNAVAILABLE = 4;

    private static final String RECONCILE = "reconcile";

    private final Map<String, Job> jobs;
    private final AdvisoryLocks advisoryLocks;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final BillingRange billingRange;
    private final String jobName;
    private final Clock clock;
    private final boolean launchOnStartup;
    private final StoppedRuns stoppedRuns;
    private volatile int exitCode;
    private volatile JobExecution lastExecution;
    /** Set in the scheduled mode, where {@link NightlyScheduler} launches the runs instead. */
    @Value("${wabill.schedule:}")
    private String schedule = "";
    /** A worker process ({@code wabill.partitioning=worker}) runs the buckets it is sent, never a job. */
    @Value("#{'${wabill.partitioning:local}'.trim().equalsIgnoreCase('worker')}")
    private boolean worker;
    /** Removes the scratch folder of a run abandoned for a new attempt. */
    @Autowired(required = false)
    private ScratchFolders scratchFolders;
    /** Writes summary.json also when there is nothing to bill. */
    @Autowired(required = false)
    private RunSummaryListener summaries;
    /** The range being launched, for the message of a launch that fails outside its job. */
    private volatile String launching;
    private volatile String lastFailure;

    public JobLaunchRunner(Map<String, Job> jobs, AdvisoryLocks advisoryLocks, JobOperator jobOperator, JobRepository jobRepository,
            BillingRange billingRange, @Value("${spring.batch.job.name:billing}") String jobName, Clock clock,
            @Value("${wabill.launch-on-startup:true}") boolean launchOnStartup, StoppedRuns stoppedRuns) {
        this.launchOnStartup = launchOnStartup;
        this.stoppedRuns = stoppedRuns;
        this.jobs = jobs;
        this.advisoryLocks = advisoryLocks;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.billingRange = billingRange;
        this.jobName = jobName;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!launchOnStartup || !schedule.isBlank() || worker) return;
        try {
            runJob(args);
        } catch (DateTimeParseException e) {
            fail(2, "Not a date (YYYY-MM-DD): '" + e.getParsedString() + "'.");
        } catch (Exception e) {
            // not a failed job (that ends in launchLocked) but a launch that could not go on, typically because the
            // database went away and the job repository could not even record the failure
            failWith(e, "Job " + jobName + (launching == null ? "" : " " + launching) + " could not finish");
        }
    }

    private void runJob(ApplicationArguments args) throws Exception {
        Job job = jobs.get(jobName);
        if (job == null) {
            fail(2, "No job named '" + jobName + "'. Use --spring.batch.job.name=billing or reconcile.");
            return;
        }
        LocalDate from;
        LocalDate to;
        try {
            from = dateArg(args, "from");
            to = dateArg(args, "to");
        } catch (DateTimeParseException e) {
            fail(2, "'" + e.getParsedString() + "' is not a date: write from and to as YYYY-MM-DD, for example"
                    + " from=2025-03-01 to=2025-03-31.");
            return;
        }
        if ((from == null) != (to == null)) {
            fail(2, "Give both from=YYYY-MM-DD and to=YYYY-MM-DD, or neither.");
            return;
        }
        String mode = null;
        if (from == null && RECONCILE.equals(job.getName())) {
            // the reconcile job takes the months Meta's export covers
            log.info("No from/to given: reconciling the months that Meta's export covers.");
            lastExecution = launch(job, null, null);
            return;
        }
        if (from == null) {
            LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
            BillingRange.Range next = billingRange.nextRange(yesterday);
            if (next == null) {
                log.info("Nothing to bill: every day the logs have, up to {} (yesterday, UTC), is billed already.", yesterday);
                if (summaries != null) {
                    summaries.nothingToBill(job.getName(), "every day the logs have, up to " + yesterday
                            + " (yesterday, UTC), is billed already");
                }
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

    /** Runs the job for {@code from..to}; both null (the reconcile job only) means the export's period. */
    public JobExecution launch(Job job, LocalDate from, LocalDate to) throws Exception {
        return launch(job, from, to, null);
    }

    /** @param mode why this range, when the runner chose it (not part of the job instance's identity) */
    public JobExecution launch(Job job, LocalDate from, LocalDate to, String mode) throws Exception {
        launching = from == null ? null : from + ".." + to;
        try (AdvisoryLocks.Session lock = advisoryLocks.openSession()) {
            try {
                String busy = DayLocks.lock(lock, job.getName(), from, to);
                if (busy != null) {
                    fail(EXIT_ALREADY_RUNNING, busy);
                    return null;
                }
                return launchLocked(job, from, to, mode);
            } finally {
                DayLocks.release(lock);
            }
        }
    }

    private JobExecution launchLocked(Job job, LocalDate from, LocalDate to, String mode) throws Exception {
        String range = from == null ? "the export's period" : from + ".." + to;
        long attempt = 0;
        JobParameters params = params(from, to, attempt);
        JobInstance instance = jobRepository.getJobInstance(job.getName(), params);
        while (instance != null) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            BatchStatus status = last == null ? BatchStatus.FAILED : last.getStatus();
            if (status.isRunning()) {
                // we hold the days' locks, so no live process runs it: its process died (killed, machine lost)
                log.warn("The {} run of {} (execution {}) was interrupted: its process is gone. Marking it"
                        + " failed and restarting it where it stopped.", job.getName(), range, last.getId());
                jobOperator.recover(last);
                status = BatchStatus.FAILED;
            }
            if (status != BatchStatus.COMPLETED && status != BatchStatus.ABANDONED) {
                String afresh = last == null ? null : stoppedRuns.whyStartAfresh(last);
                if (afresh == null) {
                    log.info("Restarting the {} run of {} (execution {} ended {}).", job.getName(), range,
                            last == null ? "?" : last.getId(), status);
                    if (last != null) stoppedRuns.releaseUnknown(last);
                    break;
                }
                // continuing would bill what the stopped run planned, not what is there now
                log.warn("The {} run of {} (execution {}) stopped, and its input changed since: {}. Starting the"
                        + " range afresh as attempt {} (what the stopped run wrote is replaced).", job.getName(),
                        range, last.getId(), afresh, attempt + 1);
                jobOperator.abandon(jobRepository.getJobExecution(last.getId()));
                if (scratchFolders != null && Jobs.BILLING.equals(job.getName())) {
                    scratchFolders.discard(instance.getInstanceId());
                }
            }
            attempt++;
            params = params(from, to, attempt);
            instance = jobRepository.getJobInstance(job.getName(), params);
        }
        if (mode != null) params = new JobParametersBuilder(params).addString("mode", mode, false).toJobParameters();
        JobExecution execution = jobOperator.start(job, params);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String step = execution.getStepExecutions().stream()
                    .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.UNKNOWN)
                    .map(s -> s.getStepName()).reduce((a, b) -> b).orElse("?");
            String what = "Job " + job.getName() + " " + from + ".." + to + " " + execution.getStatus() + " in step " + step;
            ScratchFolderInUseException scratchInUse = execution.getAllFailureExceptions().stream()
                    .filter(ScratchFolderInUseException.class::isInstance).map(ScratchFolderInUseException.class::cast)
                    .findFirst().orElse(null);
            if (scratchInUse != null) {
                fail(EXIT_ALREADY_RUNNING, scratchInUse.getMessage());
                return execution;
            }
            Throwable lostDatabase = execution.getAllFailureExceptions().stream()
                    .filter(Failures::isDatabaseUnavailable).findFirst().orElse(null);
            if (lostDatabase != null) {
                failWith(lostDatabase, what);
                return execution;
            }
            // one line: what failed, where (step, file, line or row) and what to do
            fail(1, RunSummaryListener.failureLine(execution));
        }
        return execution;
    }

    /** Ends the launch on a failure: exit status 4 with what to do when it is the database, 1 otherwise. */
    private void failWith(Throwable failure, String what) {
        if (Failures.isDatabaseUnavailable(failure)) {
            fail(EXIT_DATABASE_UNAVAILABLE, what + ": lost the database (" + Failures.databaseMessage(failure) + ")."
                    + "\nOnce the database answers again, run the same command: the run restarts where it stopped"
                    + " (an execution left marked as running is recovered).");
        } else {
            log.error(what, failure);
            fail(1, what + ": " + rootMessage(failure)
                    + "\nFix the cause and run the same command again: the run restarts where it stopped.");
        }
    }

    static String rootMessage(Throwable failure) {
        // Spring Batch wraps what a chunk step's reader or writer threw ("Unable to process chunk"): say what was thrown
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.springframework.batch.")) {
            t = t.getCause();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (root instanceof java.nio.file.NoSuchFileException) msg = "file not found: " + msg;
        if (root == t || t.getMessage() == null) return msg;
        // the outer message says where (file, row, step); the root what (it is often already part of the outer one)
        return t.getMessage().contains(msg) ? t.getMessage() : t.getMessage() + ": " + msg;
    }

    private static JobParameters params(LocalDate from, LocalDate to, long attempt) {
        JobParametersBuilder b = new JobParametersBuilder();
        if (from != null) b.addString("from", from.toString()).addString("to", to.toString());
        return b.addLong("attempt", attempt).toJobParameters();
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
        lastFailure = message;
        System.err.println("wabill: " + message);
    }

    /** The message of the last launch that failed (what standard error said), or null. */
    public String lastFailure() {
        return lastFailure;
    }

    public JobExecution lastExecution() {
        return lastExecution;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
