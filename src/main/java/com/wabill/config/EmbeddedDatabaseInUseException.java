package com.wabill.config;

import java.nio.file.Path;

/** Another live wabill process uses the embedded database's folder. */
public class EmbeddedDatabaseInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public EmbeddedDatabaseInUseException(Path dataDir) {
        super("The embedded database in " + dataDir.toAbsolutePath() + " is in use by another wabill process, which"
                + " holds " + dataDir.resolve(EmbeddedServerGuard.LOCK_FILE) + ". Wait for it to finish, then run"
                + " this command again (or give this run a database of its own with --wabill.embedded-db.dir or"
                + " --spring.datasource.url).");
    }
}
