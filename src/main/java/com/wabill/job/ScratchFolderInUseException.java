package com.wabill.job;

import java.nio.file.Path;

/** Another process holds the scratch folder a run would use: the run refuses to start (exit status 3). */
public class ScratchFolderInUseException extends RuntimeException {

    public ScratchFolderInUseException(Path folder) {
        super("The scratch folder " + folder + " is in use by another wabill process right now (the same database"
                + " identity, or a copy of this database, billing the same job instance); wait for it to finish, then"
                + " run this command again.");
    }
}
