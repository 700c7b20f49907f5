package com.wabill.parquet;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns the location strings users give ({@code file:}, {@code hdfs:}, {@code s3a:} URIs or bare paths)
 * into Hadoop {@link Path}s. A bare path always means the local file system, whatever
 * {@code fs.defaultFS} says, and is resolved against the working directory.
 */
public final class HadoopLocations {

    /** A URI scheme of two or more characters (so that a Windows drive letter is not taken for one). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]+:.*", Pattern.DOTALL);

    private static volatile Configuration defaultConf;

    private HadoopLocations() {}

    /**
     * A shared default Hadoop configuration (core-default.xml plus any core-site.xml on the class path), with Parquet
     * page checksums verified on reading unless a site file says otherwise.
     */
    public static Configuration defaultConfiguration() {
        Configuration c = defaultConf;
        if (c == null) {
            synchronized (HadoopLocations.class) {
                c = defaultConf;
                if (c == null) {
                    c = new Configuration();
                    // pages that carry a CRC (parquet-java and Spark write them) are checked when read: a garbled
                    // uncompressed page would otherwise decode into plausible wrong values
                    c.setBooleanIfUnset("parquet.page.verify-checksum.enabled", true);
                    defaultConf = c;
                }
            }
        }
        return c;
    }

    /** Whether the location names a URI scheme (anything but a bare path). */
    public static boolean hasScheme(String location) {
        return SCHEME.matcher(location).matches();
    }

    /** Whether the location is on the local file system: a bare path or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        return !hasScheme(location) || location.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * The Hadoop path of a location. A bare path becomes an absolute {@code file:} path; glob characters
     * are kept as they are.
     */
    public static Path toPath(String location) {
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("empty location");
        }
        if (hasScheme(location)) {
            return new Path(location);
        }
        String absolute = Paths.get(location).toAbsolutePath().normalize().toString();
        return new Path("file", null, absolute);
    }

    /** The local {@link java.nio.file.Path} of a bare path or {@code file:} location. */
    public static java.nio.file.Path toLocalPath(String location) {
        if (!isLocal(location)) {
            throw new IllegalArgumentException("not a local location: " + location);
        }
        if (!hasScheme(location)) {
            return Paths.get(location).toAbsolutePath().normalize();
        }
        return Paths.get(toPath(location).toUri().getPath()).toAbsolutePath().normalize();
    }

    /** The file system that holds a location. */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        return path.getFileSystem(conf);
    }
}
