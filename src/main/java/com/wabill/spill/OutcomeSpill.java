package com.wabill.spill;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The message outcomes of one replay bucket, spilled per UTC day ({@code day=<day>/bucket-<k>.bin} under the run's
 * outcomes folder), for publishing to turn into Parquet once the ledger is final.
 */
public final class OutcomeSpill implements Closeable {

    private final Path outcomesDir;
    private final int bucket;
    private final Map<LocalDate, SpillOutput> files = new HashMap<>();

    public OutcomeSpill(Path outcomesDir, int bucket) {
        this.outcomesDir = outcomesDir;
        this.bucket = bucket;
    }

    /** The replay bucket whose outcomes a spill file holds (its name says). */
    public static int bucketOf(Path spill) {
        String name = spill.getFileName().toString();
        if (!name.startsWith("bucket-") || !name.endsWith(".bin")) {
            throw new IllegalArgumentException("not an outcome spill: " + spill);
        }
        return Integer.parseInt(name.substring("bucket-".length(), name.length() - ".bin".length()));
    }

    /** The folder of every bucket's outcomes of {@code day}. */
    public static Path dayDir(Path outcomesDir, LocalDate day) {
        return outcomesDir.resolve("day=" + day);
    }

    public void add(LocalDate day, OutcomeRecord r) throws IOException {
        SpillOutput out = files.get(day);
        if (out == null) {
            out = SpillOutput.create(dayDir(outcomesDir, day).resolve("bucket-" + bucket + ".bin"));
            files.put(day, out);
        }
        SpillCodec.writeOutcome(out, r);
    }

    @Override
    public void close() throws IOException {
        for (SpillOutput out : files.values()) out.close();
    }
}
