package com.wabill.job;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For {@link ScratchFolderLockTest} only: another process holding a scratch folder's lock, as a second wabill would.
 * {@code java -cp <test class path> com.wabill.job.LockHolder <lock file> <signal file>}: locks the file, writes
 * the signal file and waits until killed.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Files.writeString(Path.of(args[1]), "locked");
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
