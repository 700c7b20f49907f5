package com.wabill.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.ingest.LogFileDiscovery;
import com.wabill.ingest.MessageLogReader;
import com.wabill.ledger.CarriedStates;
import com.wabill.rating.ReferenceData;

/**
 * Decides what a run does, once: the billed days, whether state is carried in or must be warmed up, which files
 * to read (the run's days, the lookback and the warm-up), and how many buckets keep each sort within memory.
 */
public class PlanTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);
    private static final Pattern PARTITION_DAY = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})");

    private final WabillProperties props;
    private final CarriedStates carriedStates;
    private final ScratchFolders scratchFolders;
    private final LocalDate from;
    private final LocalDate to;

    public PlanTasklet(WabillProperties props, CarriedStates carriedStates, ScratchFolders scratchFolders,
            LocalDate from, LocalDate to) {
        this.props = props;
        this.carriedStates = carriedStates;
        this.scratchFolders = scratchFolders;
        this.from = from;
        this.to = to;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // fail early, naming file and line, on broken reference files
        ReferenceData.load(props.accounts(), props.markets(), props.rateCards());

        // the state of the day before; or, when the days just before were never billed, of the last billed day
        // within the warm-up's reach (the unbilled days are replayed from it without writing: a warm-up from the
        // true state, reading no more files than a cold warm-up would); else a cold start
        LocalDate carriedFrom = carriedStates.lastBefore(from, from.minusDays(props.warmupDays() + 1)).orElse(null);
        boolean warmup = carriedFrom == null;
        LocalDate warmFrom = warmup ? from.minusDays(props.warmupDays()) : carriedFrom.plusDays(1);
        LocalDate readFrom = warmFrom.minusDays(props.lookbackDays());

        LogFileDiscovery.Discovered found = LogFileDiscovery.discover(props.logs(), readFrom, to);
        List<String> files = found.files();
        List<String> stamps = new ArrayList<>();
        List<Boolean> own = new ArrayList<>();
        Map<LocalDate, Long> rowsByDay = new TreeMap<>();
        long rows = 0;
        for (String f : files) {
            Matcher m = PARTITION_DAY.matcher(f);
            LocalDate day = null;
            while (m.find()) day = LocalDate.parse(m.group(1));
            own.add(day == null || !day.isBefore(from));
            stamps.add(PlanInputs.stamp(f));
            long n = MessageLogReader.countRows(f);
            if (day != null) rowsByDay.merge(day, n, Long::sum);
            rows += n;
        }
        DaysWithoutData.check(props, from, to, found, rowsByDay, rows);
        int buckets = (int) Math.max(1, (rows + props.bucketRows() - 1) / props.bucketRows());

        long instanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        // the instance's own folder, locked by this process since the job started: emptied of what a plan that
        // failed before it completed may have left
        Path workDir = scratchFolders.folderOf(instanceId);
        ScratchFolders.clear(workDir);
        Files.createDirectories(workDir);

        RunPlan plan = new RunPlan(from, to, warmup, readFrom, files, own, buckets, workDir, Instant.now(), stamps,
                carriedFrom);
        RunContext.of(chunkContext).plan(plan);
        log.info("Billing {}..{}: {} file(s), {} row(s), {} bucket(s){}", from, to, files.size(), rows, buckets,
                warmup ? "; no state carried into " + from + ": cold start, warming up from " + warmFrom
                        : carriedFrom.isBefore(from.minusDays(1)) ? "; days " + warmFrom + ".." + from.minusDays(1)
                        + " were never billed: replaying them from the state carried out of " + carriedFrom : "");
        return RepeatStatus.FINISHED;
    }
}
