package com.wabill.reconciliation;

import java.nio.file.Path;

/**
 * A file of Meta's billing export that cannot be read. The message names the file and where the problem is: a
 * JSON path such as {@code $.conversation_analytics.data[0].data_points[3].cost}, a JSON line and column, or a CSV
 * line number.
 */
public class MetaExportException extends RuntimeException {

    private final transient Path file;
    private final String location;

    public MetaExportException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    public MetaExportException(Path file, String location, String problem, Throwable cause) {
        super(file + (location == null ? "" : " " + location) + ": " + problem, cause);
        this.file = file;
        this.location = location;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Where in the file (a JSON path, "line L, column C" or "line N"), or null for the whole file. */
    public String location() {
        return location;
    }
}
