package com.wabill.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import com.wabill.report.FailureLine;
import com.wabill.job.RunSummaryListener;
import com.wabill.ledger.BilledDays;

/**
 * The scheduled mode, {@code --wabill.schedule="0 30 2 * * *"}: the application keeps running and, at every time
 * the cron expression names (in {@code wabill.schedule-zone}, default UTC), bills the days after the last billed
 * one up to yesterday (UTC), or up to the last day the logs have.
 *
 * <ul>
 *   <li>One run per day, in order: after missed nights (the machine was down) every missed day is billed, the
 *       oldest first, each carrying its state into the next.</li>
 *   <li>A day that completed is not run again: the next day to bill is the one after the last billed day, and a
 *       day that another run billed meanwhile is skipped.</li>
 *   <li>A day whose run fails stops the catch-up there: the days after it wait, and the next tick restarts the
 *       failed run where it stopped. A day that another process is billing is left to it.</li>
 *   <li>On start it catches up at once ({@code wabill.schedule-catch-up-on-start}, default true), not only at the
 *       next scheduled time.</li>
 *   <li>On shutdown (SIGTERM, Ctrl-C) the loop ends; a run cut short is like a killed one: the next start
 *       recovers it and restarts it where it stopped, then goes on with the days after it.</li>
 * </ul>
 * The cron expression has six fields (second minute hour day-of-month month day-of-week), or is a macro such as
 * {@code @daily}. Time is read from the {@link Clock} bean, so a test can move it.
 */
@Component
@ConditionalOnProperty(name = "wabill.schedule")
public class NightlyScheduler implements ApplicationRunner, ExitCodeGenerator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

    /** Longest sleep between two looks at the clock: a clock that jumps (suspend, NTP, a test) is noticed soon. */
    static final Duration POLL = Duration.ofSeconds(1);
    static final String JOB = "billing";

    private final JobLaunchRunner launcher;
    private final Job billing;
    private final BillingRange billingRange;
    private final BilledDays billedDays;
    private final RunSummaryListener summaries;
    private final Clock clock;
    private final String expression;
    private final ZoneId zone;
    private final boolean launchOnStartup;
    private final boolean catchUpOnStart;

    private final Object monitor = new Object();
    private volatile boolean stopping;
    private volatile boolean closing;
    private volatile int exitCode;

    public NightlyScheduler(JobLaunchRunner launcher, Map<String, Job> jobs, BillingRange billingRange, BilledDays billedDays,
            RunSummaryListener summaries, Clock clock,
            @Value("${wabill.schedule}") String expression,
            @Value("${wabill.schedule-zone:UTC}") ZoneId zone,
            @Value("${wabill.launch-on-startup:true}") boolean launchOnStartup,
            @Value("${wabill.schedule-catch-up-on-start:true}") boolean catchUpOnStart) {
        this.launcher = launcher;
        this.billing = jobs.get(JOB);
        this.billingRange = billingRange;
        this.billedDays = billedDays;
        this.summaries = summaries;
        this.clock = clock;
        this.expression = expression.strip();
        this.zone = zone;
        this.launchOnStartup = launchOnStartup;
        this.catchUpOnStart = catchUpOnStart;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!launchOnStartup) return; // tests drive the scheduler themselves
        boolean range = args.containsOption("from") || args.containsOption("to")
                || args.getNonOptionArgs().stream().anyMatch(a -> a.startsWith("from=") || a.startsWith("to="));
        if (range) {
            usage("from/to cannot be combined with wabill.schedule: the schedule bills the days after the last"
                    + " billed day. Bill a range with the same command without --wabill.schedule.");
            return;
        }
        CronExpression cron = cron();
        if (cron == null) return;
        runUntilStopped(cron, catchUpOnStart);
        // stopped by the shutdown hook: the JVM ends when the hook is done; returning would go on with a context
        // that is closing
        if (closing) new CountDownLatch(1).await();
    }

    /** The cron expression, or null (and exit status 2) when it is not one. */
    CronExpression cron() {
        try {
            return CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            usage("wabill.schedule='" + expression + "' is not a cron expression (" + e.getMessage() + "): write six"
                    + " fields, second minute hour day-of-month month day-of-week, for example"
                    + " --wabill.schedule='0 30 2 * * *' for 02:30 every night.");
            return null;
        }
    }

    private void usage(String message) {
        exitCode = 2;
        System.err.println("wabill: " + message);
    }

    /**
     * Ticks at every time of {@code cron} until {@link #stop()}; a tick that fails (logs unreachable) is logged and
     * the next one tries again.
     */
    public void runUntilStopped(CronExpression cron, boolean catchUpFirst) {
        stopping = false;
        log.info("Scheduled mode: billing the days after the last billed one at '{}' ({}); next run at {}."
                + " Stop with Ctrl-C or SIGTERM.", expression, zone, next(cron));
        if (catchUpFirst) safeTick();
        while (!stopping) {
            ZonedDateTime next = next(cron);
            if (next == null) {
                log.warn("The schedule '{}' names no later time: the scheduled mode ends.", expression);
                return;
            }
            if (!waitUntil(next.toInstant())) return;
            safeTick();
        }
    }

    private ZonedDateTime next(CronExpression cron) {
        return cron.next(ZonedDateTime.now(clock.withZone(zone)));
    }

    /** Sleeps until the clock reaches {@code at}; false when stopped first. */
    private boolean waitUntil(Instant at) {
        synchronized (monitor) {
            while (!stopping) {
                long ms = Duration.between(clock.instant(), at).toMillis();
                if (ms <= 0) return true;
                try {
                    monitor.wait(Math.min(ms, POLL.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            return false;
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (Exception e) {
            if (closing) {
                log.warn("The run in progress was cut short by the shutdown: the next start restarts it where it"
                        + " stopped ({}).", e.toString());
                return;
            }
            log.error("The scheduled run could not start; the next scheduled time tries again.", e);
            System.err.println("wabill: scheduled run at " + clock.instant() + " failed: " + FailureLine.forStartup(e));
        }
    }

    /**
     * Bills every day after the last billed one up to yesterday (UTC), one run per day, oldest first; stops at a
     * day that does not complete. Returns the runs launched, in order.
     */
    public synchronized List<JobExecution> tick() throws Exception {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        BillingRange.Range range = billingRange.nextRange(yesterday);
        List<JobExecution> runs = new ArrayList<>();
        if (range == null) {
            log.info("Nothing to bill: every day the logs have, up to {} (yesterday, UTC), is billed already.", yesterday);
            summaries.nothingToBill(JOB, "nightly schedule '" + expression + "': every day the logs have, up to "
                    + yesterday + " (yesterday, UTC), is billed already");
            return runs;
        }
        long days = ChronoUnit.DAYS.between(range.from(), range.to()) + 1;
        if (days > 1) {
            log.info("Catching up {} days, {}..{} ({}): one run per day, in order.", days, range.from(), range.to(),
                    range.reason());
        }
        int k = 0;
        for (LocalDate day = range.from(); !day.isAfter(range.to()) && !stopping; day = day.plusDays(1)) {
            k++;
            if (billedDays.isBilled(day)) {
                log.info("{} is billed already (by another run meanwhile): not run again.", day);
                continue;
            }
            String mode = "nightly schedule '" + expression + "', "
                    + (days == 1 ? range.reason() : "day " + k + " of " + days + " caught up: " + range.reason());
            log.info("Scheduled billing of {} ({}).", day, days == 1 ? "yesterday's run" : "day " + k + " of " + days);
            JobExecution e = launcher.launch(billing, day, day, mode);
            if (e == null) {
                log.warn("{} is being billed by another run: the catch-up goes on at the next scheduled time.", day);
                break;
            }
            runs.add(e);
            if (e.getStatus() != BatchStatus.COMPLETED) {
                log.error("Billing {} ended {}: the days after it wait until it completes; the next scheduled time"
                        + " restarts it where it stopped.", day, e.getStatus());
                break;
            }
        }
        return runs;
    }

    /**
     * Ends the loop at the next look at the clock, or after the run in progress. A run that the end of the process
     * cuts short is left as a killed one: the next start recovers it and restarts it where it stopped.
     */
    public void stop() {
        stopping = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    @Override
    public void destroy() {
        closing = true;
        stop();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
