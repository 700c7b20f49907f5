package com.wabill.config;

import java.nio.file.Path;

/** The embedded PostgreSQL server did not start. */
public class EmbeddedDatabaseStartException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public EmbeddedDatabaseStartException(Path dataDir, Throwable cause) {
        super("The embedded PostgreSQL server did not start with its data in " + dataDir.toAbsolutePath() + ": "
                + cause.getMessage() + (cause.getCause() != null ? " (" + cause.getCause().getMessage() + ")" : "")
                + ". Check that the folder is writable and that no PostgreSQL server started by hand uses it, then run"
                + " the same command again.", cause);
    }
}
