package com.wabill.ingest;

/**
 * A message log file that cannot be read: missing, not Parquet, truncated or corrupt, or with a schema that
 * breaks SPEC 1.1 (a required column missing, a column of the wrong physical type). The message always names
 * the file, and the column, row group or row when they are known.
 */
public class LogFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String column;
    private final long row;

    public LogFileException(String file, String reason) {
        this(file, null, -1, reason, null);
    }

    public LogFileException(String file, String reason, Throwable cause) {
        this(file, null, -1, reason, cause);
    }

    /**
     * @param file   the file's location as given
     * @param column the column concerned, or null
     * @param row    the row number (from 1) concerned, or -1
     * @param reason what is wrong, without the file name
     */
    public LogFileException(String file, String column, long row, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.column = column;
        this.row = row;
    }

    /** The file's location as given. */
    public String file() {
        return file;
    }

    /** The column concerned, or null. */
    public String column() {
        return column;
    }

    /** The row number concerned (data rows from 1), or -1. */
    public long row() {
        return row;
    }
}
