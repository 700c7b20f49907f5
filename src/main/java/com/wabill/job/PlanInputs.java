package com.wabill.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.wabill.ingest.LogFileDiscovery;
import com.wabill.parquet.HadoopLocations;

/**
 * Whether the log files a billing run planned are still what is there: the same files (none added, none gone) with
 * the same length and modification time. A stopped run whose input changed is started afresh rather than continued
 * ({@link RestartCheck}): an operator who replaces a broken file and runs the same command again bills the new file.
 */
@Component
public class PlanInputs implements RestartCheck {

    private final WabillProperties props;

    public PlanInputs(WabillProperties props) {
        this.props = props;
    }

    @Override
    public String startAfresh(JobExecution stopped) {
        if (!Jobs.isBilling(stopped)) return null;
        RunContext run = RunContext.of(stopped);
        if (!run.isPlanned()) return null; // not planned yet: the restart plans
        return changedSince(run.plan(), props.logs());
    }

    /** What changed in the input of {@code plan} at {@code logs}, or null when nothing did (or it cannot be told). */
    static String changedSince(RunPlan plan, String logs) {
        if (plan.fileStamps() == null) return null;
        List<String> now;
        try {
            now = LogFileDiscovery.discover(logs, plan.readFrom(), plan.to()).files();
        } catch (RuntimeException e) {
            return "the logs at " + logs + " cannot be listed (" + e.getMessage() + ")";
        }
        List<String> gone = new ArrayList<>(plan.files());
        gone.removeAll(now);
        List<String> added = new ArrayList<>(now);
        added.removeAll(plan.files());
        if (!gone.isEmpty()) return "no longer there: " + describe(gone);
        if (!added.isEmpty()) return "new: " + describe(added);
        for (int i = 0; i < plan.files().size(); i++) {
            String file = plan.files().get(i);
            if (!Objects.equals(stamp(file), plan.fileStamps().get(i))) return "rewritten: " + file;
        }
        return null;
    }

    /** A file's length and modification time, as the file system tells them ("" when it cannot be read). */
    static String stamp(String file) {
        try {
            Path p = HadoopLocations.toPath(file);
            FileStatus st = p.getFileSystem(HadoopLocations.defaultConfiguration()).getFileStatus(p);
            return st.getLen() + ":" + st.getModificationTime();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String describe(List<String> files) {
        return files.size() <= 3 ? String.join(", ", files) : String.join(", ", files.subList(0, 3)) + " and "
                + (files.size() - 3) + " more";
    }
}
