package com.wabill.replay;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.wabill.config.WabillProperties;
import com.wabill.ingest.RowRejection;

/** The run's rejected rows as {@code rejected_rows.csv}, and its summary in the log. */
@Component
public class LedgerRunOutputs implements RunOutputs {

    private static final Logger log = LoggerFactory.getLogger(LedgerRunOutputs.class);

    private final WabillProperties props;

    public LedgerRunOutputs(WabillProperties props) {
        this.props = props;
    }

    @Override
    public void write(JobExecution execution, RunPlan plan, Map<String, Long> counters, List<String> warnings)
            throws Exception {
        List<RowRejection> rejected = rejectedRows(plan);
        Path tmp = props.output().resolve("rejected_rows.csv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            w.write("source,row,message_id,reason\n");
            for (RowRejection r : rejected) {
                w.write(csv(r.source()) + "," + r.row() + "," + csv(r.messageId()) + "," + csv(r.reason()) + "\n");
            }
        }
        Files.move(tmp, props.output().resolve("rejected_rows.csv"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        log.info("Run {}..{} done: {}", plan.from(), plan.to(), counters);
    }

    /** Every row the run rejected: at ingest (invalid values) and at de-duplication (conflicting copies). */
    public static List<RowRejection> rejectedRows(RunPlan plan) throws Exception {
        List<Path> files = new ArrayList<>();
        Path ingest = MessageIdSpillWriter.rejectedFile(plan.ingestDir());
        if (Files.exists(ingest)) files.add(ingest);
        if (Files.isDirectory(plan.rejectedDir())) {
            try (Stream<Path> s = Files.list(plan.rejectedDir())) {
                files.addAll(s.sorted().toList());
            }
        }
        List<RowRejection> rows = new ArrayList<>();
        for (Path f : files) {
            try (SpillInput in = new SpillInput(f)) {
                while (in.hasMore()) rows.add(IngestRecord.readRejection(in));
            }
        }
        rows.sort(java.util.Comparator.comparing(RowRejection::source).thenComparingLong(RowRejection::row));
        return rows;
    }

    static String csv(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
