package com.wabill.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.config.WabillProperties;
import com.wabill.ingest.LogFileDiscovery;
import com.wabill.ingest.MessageLogReader;

/**
 * Decides what a run does, once: the billed days, whether state is carried in or must be warmed up, which files
 * to read (the run's days, the lookback and the warm-up), and how many buckets keep each sort within memory.
 */
public class PlanTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);
    private static final Pattern PARTITION_DAY = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})");

    private final WabillProperties props;
    private final JdbcTemplate jdbc;
    private final LocalDate from;
    private final LocalDate to;

    public PlanTasklet(WabillProperties props, JdbcTemplate jdbc, LocalDate from, LocalDate to) {
        this.props = props;
        this.jdbc = jdbc;
        this.from = from;
        this.to = to;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // fail early, naming file and line, on broken reference files
        ReferenceData.load(props.accounts(), props.markets(), props.rateCards());

        Integer carried = jdbc.queryForObject("select count(*) from carry_point where carry_day = ?", Integer.class,
                from.minusDays(1));
        boolean warmup = carried == null || carried == 0;
        LocalDate readFrom = from.minusDays(props.lookbackDays() + (warmup ? props.warmupDays() : 0));

        LogFileDiscovery.Discovered found = LogFileDiscovery.discover(props.logs(), readFrom, to);
        List<String> files = found.files();
        List<String> stamps = new ArrayList<>();
        List<Boolean> own = new ArrayList<>();
        Map<LocalDate, Long> rowsByDay = new TreeMap<>();
        long rows = 0;
        for (String f : files) {
            LocalDate day = partitionDay(f);
            own.add(day == null || !day.isBefore(from));
            stamps.add(PlanInputs.stamp(f));
            long n = MessageLogReader.countRows(f);
            if (day != null) rowsByDay.merge(day, n, Long::sum);
            rows += n;
        }
        checkNoDayWithoutData(found, rowsByDay, rows);
        int buckets = (int) Math.max(1, (rows + props.bucketRows() - 1) / props.bucketRows());

        long instanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        Path workDir = props.workDir().resolve("billing-" + instanceId).toAbsolutePath();
        deleteTree(workDir);
        Files.createDirectories(workDir);

        RunPlan plan = new RunPlan(from, to, warmup, readFrom, files, own, buckets, workDir, Instant.now(), stamps);
        plan.store(chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext());
        log.info("Billing {}..{}: {} file(s), {} row(s), {} bucket(s){}", from, to, files.size(), rows, buckets,
                warmup ? "; no state carried into " + from + ": cold start, warming up from " + from.minusDays(props.warmupDays()) : "");
        return RepeatStatus.FINISHED;
    }

    /**
     * A billed day without log rows fails the run unless {@code wabill.allow-empty-days} names it: a missing export
     * (no partition), an export that wrote no file, or files without rows must not pass as a day without traffic.
     * A location that is not partitioned by day can only be told empty as a whole.
     */
    private void checkNoDayWithoutData(LogFileDiscovery.Discovered found, Map<LocalDate, Long> rowsByDay, long rows) {
        EmptyDays allowed = EmptyDays.parse(props.allowEmptyDays());
        List<String> problems = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        if (found.partitionedByDay()) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (allowed.allows(d)) continue;
                if (found.missingDays().contains(d)) {
                    problems.add(d + " (no partition date=" + d + ")");
                    days.add(d);
                } else if (rowsByDay.getOrDefault(d, 0L) == 0) {
                    problems.add(d + (rowsByDay.containsKey(d) ? " (its partition's files hold no row)"
                            : " (its partition date=" + d + " holds no data file)"));
                    days.add(d);
                }
            }
        } else if (rows == 0) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) if (!allowed.allows(d)) days.add(d);
            if (!days.isEmpty()) problems.add(found.files().isEmpty() ? "the location holds no log file" : "its files hold no row");
        }
        if (problems.isEmpty()) return;
        String list = days.stream().map(LocalDate::toString).reduce((a, b) -> a + "," + b).orElse("");
        throw new IllegalStateException("The logs at " + props.logs() + " have no data for " + String.join(", ", problems)
                + ": a missing export must not pass as a day without traffic. Export those days and run the same"
                + " command again; if they really had no messages, run it with --wabill.allow-empty-days=" + list + ".");
    }

    private static LocalDate partitionDay(String file) {
        Matcher m = PARTITION_DAY.matcher(file);
        LocalDate day = null;
        while (m.find()) day = LocalDate.parse(m.group(1));
        return day;
    }

    /** The days {@code wabill.allow-empty-days} names: dates, or {@code all}. */
    record EmptyDays(boolean all, Set<LocalDate> days) {

        static EmptyDays parse(List<String> values) {
            boolean all = false;
            Set<LocalDate> days = new TreeSet<>();
            for (String v : values == null ? List.<String>of() : values) {
                for (String part : v.split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) continue;
                    if (p.equalsIgnoreCase("all") || p.equalsIgnoreCase("true")) {
                        all = true;
                        continue;
                    }
                    try {
                        days.add(LocalDate.parse(p));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("wabill.allow-empty-days: '" + p
                                + "' is not a date (YYYY-MM-DD) nor 'all'");
                    }
                }
            }
            return new EmptyDays(all, days);
        }

        boolean allows(LocalDate day) {
            return all || days.contains(day);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
