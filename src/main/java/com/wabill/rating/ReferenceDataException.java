package com.wabill.rating;

import java.nio.file.Path;

/**
 * A reference file (accounts, markets, rate cards, volume tiers) that cannot be used as it is.
 * The message names the file and, when the problem sits on one record, its line number
 * (the physical line where the record starts, the header being line 1).
 */
public class ReferenceDataException extends RuntimeException {

    private final Path file;
    private final long line;

    /** A problem with one record of {@code file}, starting on {@code line} (1-based). */
    public ReferenceDataException(Path file, long line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with a whole file or directory. */
    public ReferenceDataException(Path file, String problem) {
        this(file, 0, problem);
    }

    public ReferenceDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file (or directory) at fault. */
    public Path file() {
        return file;
    }

    /** The line at fault (1-based), or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
