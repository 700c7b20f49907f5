package com.wabill.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import com.wabill.parquet.HadoopLocations;

/**
 * Finds the message log files of a location (SPEC 1.1): a file, a directory tree or a glob, as a bare path (the
 * local file system) or a {@code file:}, {@code hdfs:} or {@code s3a:} URI.
 *
 * <ul>
 *   <li>A file named directly is read whatever its name.</li>
 *   <li>Directories are walked recursively; every file in them is a log file except hidden and marker files and
 *       directories: names starting with {@code .} or {@code _} ({@code _SUCCESS}, {@code _temporary},
 *       {@code .hive-staging}) and names ending in {@code .crc}. (As Spark and Hive do: data files need no
 *       {@code .parquet} extension; a stray file that is not Parquet is refused when read, not skipped.)</li>
 *   <li>A glob (Hadoop syntax: {@code * ? [..] {a,b}}) is expanded; matched directories are walked as above; matched
 *       hidden files are skipped.</li>
 *   <li>Hive partition directories {@code date=YYYY-MM-DD}, at any depth below the location, whose day lies outside
 *       the requested UTC day range are not read. A tree without such directories is read whole. A
 *       {@code date=} directory whose value is not a date is read whatever the range (its rows are never dropped
 *       silently).</li>
 *   <li>For a partitioned tree and a day range, the days of the range that have no partition directory are
 *       reported, so that a missing export is not taken for a quiet day. A partition directory that exists but
 *       holds no data file counts as present (a quiet day).</li>
 * </ul>
 * Files are returned sorted by their location string, which is the location given followed by the path below it,
 * and can be passed to {@link MessageLogReader#open(String)} as they are.
 */
public final class LogFileDiscovery {

    private static final Pattern DAY_PARTITION = Pattern.compile("date=(.*)");

    private LogFileDiscovery() {}

    /**
     * The files of a location.
     *
     * @param files            the files to read, sorted
     * @param partitionedByDay whether any {@code date=} partition directory was found
     * @param partitionDays    the days that have a partition directory (all of them, in and out of the range)
     * @param missingDays      days of the requested range without a partition directory (empty when not partitioned
     *                         or no range was given)
     */
    public record Discovered(List<String> files, boolean partitionedByDay, List<LocalDate> partitionDays,
            List<LocalDate> missingDays) {}

    /** All files of a location, without day filtering. */
    public static Discovered discover(String location) {
        return discover(location, null, null, HadoopLocations.defaultConfiguration());
    }

    public static Discovered discover(String location, LocalDate firstDay, LocalDate lastDay) {
        return discover(location, firstDay, lastDay, HadoopLocations.defaultConfiguration());
    }

    /**
     * The files of a location whose day partitions (if any) fall in {@code [firstDay, lastDay]} (UTC days, both
     * given or both null for no filtering).
     */
    public static Discovered discover(String location, LocalDate firstDay, LocalDate lastDay, Configuration conf) {
        Objects.requireNonNull(location, "location");
        if ((firstDay == null) != (lastDay == null)) {
            throw new IllegalArgumentException("give both days of the range, or neither");
        }
        if (firstDay != null && lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("day range " + firstDay + ".." + lastDay + " is empty");
        }
        Walk walk = new Walk(location, firstDay, lastDay, conf);
        try {
            walk.run();
        } catch (FileNotFoundException e) {
            throw new LogFileException(location, "no such file or directory", e);
        } catch (IOException e) {
            throw new LogFileException(location, "cannot list: " + e.getMessage(), e);
        }
        List<LocalDate> missing = new ArrayList<>();
        if (firstDay != null && !walk.days.isEmpty()) {
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                if (!walk.days.contains(d)) {
                    missing.add(d);
                }
            }
        }
        return new Discovered(List.copyOf(walk.files), walk.partitioned, List.copyOf(walk.days), List.copyOf(missing));
    }

    /** Whether a file or directory name is hidden or a marker (never data). */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc");
    }

    static boolean isGlob(String location) {
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    private static final class Walk {
        final String location;
        final LocalDate firstDay;
        final LocalDate lastDay;
        final Configuration conf;
        final TreeSet<String> files = new TreeSet<>();
        final TreeSet<LocalDate> days = new TreeSet<>();
        boolean partitioned;
        FileSystem fs;

        Walk(String location, LocalDate firstDay, LocalDate lastDay, Configuration conf) {
            this.location = location;
            this.firstDay = firstDay;
            this.lastDay = lastDay;
            this.conf = conf;
        }

        void run() throws IOException {
            Path path = HadoopLocations.toPath(location);
            fs = path.getFileSystem(conf);
            if (!isGlob(location)) {
                FileStatus st = fs.getFileStatus(path);
                if (st.isFile()) {
                    files.add(location);
                } else {
                    walkDir(st.getPath(), trimSlash(location));
                }
                return;
            }
            // the part of the pattern before the first segment with a glob character
            int firstGlob = 0;
            while (!isGlobChar(location.charAt(firstGlob))) {
                firstGlob++;
            }
            int cut = location.lastIndexOf('/', firstGlob);
            String prefixDisplay = cut >= 0 ? location.substring(0, cut) : "";
            URI prefixUri = cut >= 0 ? fs.makeQualified(HadoopLocations.toPath(prefixDisplay.isEmpty() ? "/" : prefixDisplay)).toUri()
                    : fs.makeQualified(HadoopLocations.toPath(".")).toUri();
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new LogFileException(location, "no file matches the pattern");
            }
            for (FileStatus m : matches) {
                String rel = relative(prefixUri, m.getPath().toUri());
                String display = prefixDisplay.isEmpty() && cut < 0 ? rel : prefixDisplay + "/" + rel;
                boolean skip = false;
                for (String segment : rel.split("/")) {
                    if (segment.isEmpty()) {
                        continue;
                    }
                    if (isHidden(segment)) {
                        skip = true;
                    }
                    if (!dayWanted(segment)) {
                        skip = true;
                    }
                }
                if (skip) {
                    continue;
                }
                if (m.isFile()) {
                    files.add(display);
                } else {
                    walkDir(m.getPath(), display);
                }
            }
        }

        void walkDir(Path dir, String display) throws IOException {
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (isHidden(name)) {
                    continue;
                }
                String child = display.endsWith("/") ? display + name : display + "/" + name;
                if (st.isDirectory()) {
                    if (dayWanted(name)) {
                        walkDir(st.getPath(), child);
                    }
                } else {
                    files.add(child);
                }
            }
        }

        /** Records a day partition and says whether it is in the range (true for any other name). */
        boolean dayWanted(String name) {
            Matcher m = DAY_PARTITION.matcher(name);
            if (!m.matches()) {
                return true;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                return true;
            }
            partitioned = true;
            days.add(day);
            return firstDay == null || (!day.isBefore(firstDay) && !day.isAfter(lastDay));
        }

        private static String relative(URI base, URI child) {
            String b = base.getPath();
            String c = child.getPath();
            if (!b.endsWith("/")) {
                b = b + "/";
            }
            if (!c.startsWith(b)) {
                throw new IllegalStateException("glob match " + c + " is not below " + b);
            }
            return c.substring(b.length());
        }

        private static boolean isGlobChar(char c) {
            return c == '*' || c == '?' || c == '[' || c == '{';
        }

        private static String trimSlash(String s) {
            String t = s;
            while (t.length() > 1 && t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            return t;
        }
    }
}
