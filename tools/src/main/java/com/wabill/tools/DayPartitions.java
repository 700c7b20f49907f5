package com.wabill.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.wabill.parquet.MessageLogWriter;

/**
 * Hive-partitioned output: {@code <out>/date=YYYY-MM-DD/part-NNNNN.parquet}, one open writer per day, a new part
 * file once a part holds {@code partRows} rows. Memory is bounded by the open writers' row groups.
 */
final class DayPartitions implements AutoCloseable {

    private static final class Day {
        final Path dir;
        int part = -1;
        long rowsInPart;
        long rows;
        MessageLogWriter writer;

        Day(Path dir) {
            this.dir = dir;
        }
    }

    private final Path out;
    private final long partRows;
    private final int rowGroupRows;
    private final Map<LocalDate, Day> days = new TreeMap<>();
    private final List<Path> files = new ArrayList<>();

    DayPartitions(Path out, long partRows, int rowGroupRows) {
        this.out = out;
        this.partRows = partRows;
        this.rowGroupRows = rowGroupRows;
    }

    static Path dayDir(Path out, LocalDate day) {
        return out.resolve("date=" + day);
    }

    void write(LocalDate date, Object[] row) {
        Day d = days.computeIfAbsent(date, k -> open(dayDir(out, k)));
        if (d.writer == null || d.rowsInPart >= partRows) {
            if (d.writer != null) d.writer.close();
            d.part++;
            Path file = d.dir.resolve(String.format(Locale.ROOT, "part-%05d.parquet", d.part));
            files.add(file);
            d.writer = MessageLogWriter.builder(file.toString()).rowGroupRows(rowGroupRows).build();
            d.rowsInPart = 0;
        }
        d.writer.writeValues(row);
        d.rowsInPart++;
        d.rows++;
    }

    /** Creates the day's folder and removes part files an earlier run left there. */
    private static Day open(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    if (p.getFileName().toString().matches("part-[0-9]+\\.parquet")) Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        return new Day(dir);
    }

    /** The files written, in the order they were started. */
    List<Path> files() {
        return List.copyOf(files);
    }

    long rows(LocalDate day) {
        Day d = days.get(day);
        return d == null ? 0 : d.rows;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Day d : days.values()) {
            try {
                if (d.writer != null) d.writer.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
            d.writer = null;
        }
        if (first != null) throw first;
    }
}
