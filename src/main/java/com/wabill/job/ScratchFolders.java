package com.wabill.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

import com.wabill.ledger.DatabaseIdentity;

/**
 * The scratch folders of billing runs under {@code wabill.work-dir}: one per job instance, named
 * {@code billing-<database identity>-<instance id>} so that no other database (a second server, the embedded one, a
 * staging copy), job or instance reaches it, and locked ({@link FileChannel#tryLock}, on {@value #LOCK_FILE}) by
 * the process that runs the instance. Worker processes of remote partitioning use the folder their manager planned,
 * without locking it.
 *
 * <p>A completed run removes its folder; a failed or stopped one keeps it for its restart. A folder whose instance
 * has since completed or been abandoned (its process died after publishing, or its range was started afresh) is
 * removed by the next run of the same database, so no cleaning job is ever needed.
 */
public class ScratchFolders {

    private static final Logger log = LoggerFactory.getLogger(ScratchFolders.class);

    /** The lock file in a scratch folder; the lock is on this file, so the folder is never deleted before it. */
    public static final String LOCK_FILE = ".lock";

    private final Path workDir;
    private final DatabaseIdentity database;
    private final JobRepository jobRepository;
    private final Map<Path, Lease> held = new ConcurrentHashMap<>();

    public ScratchFolders(Path workDir, DatabaseIdentity database, JobRepository jobRepository) {
        this.workDir = workDir.toAbsolutePath();
        this.database = database;
        this.jobRepository = jobRepository;
    }

    /** The scratch folder of a billing job instance of this database. */
    public Path folderOf(long instanceId) {
        return workDir.resolve(prefix() + instanceId);
    }

    private String prefix() {
        return Jobs.BILLING + "-" + database.identity() + "-";
    }

    /**
     * Creates the folder of {@code instanceId} if needed and locks it for this process until {@link #release}.
     *
     * @throws ScratchFolderInUseException when another process (or another run in this one) holds it
     */
    public Path acquire(long instanceId) throws IOException {
        Path folder = folderOf(instanceId);
        Files.createDirectories(folder);
        Lease lease = Lease.tryTake(folder);
        if (lease == null) throw new ScratchFolderInUseException(folder);
        held.put(folder, lease);
        return folder;
    }

    /** Unlocks the folder of {@code instanceId}; with {@code delete}, removes it first (the run completed). */
    public void release(long instanceId, boolean delete) {
        Path folder = folderOf(instanceId);
        Lease lease = held.remove(folder);
        if (lease == null) return;
        try {
            if (delete) deleteContents(folder, true);
        } catch (IOException e) {
            log.warn("Could not remove the scratch folder {}: {}", folder, e.toString());
        } finally {
            lease.close();
        }
    }

    /**
     * Removes the folders of this database's instances that completed or were abandoned, and that no process
     * holds: what a run killed after publishing, or a range started afresh, left behind.
     */
    public void sweep() {
        if (!Files.isDirectory(workDir)) return;
        Pattern mine = Pattern.compile(Pattern.quote(prefix()) + "(\\d+)");
        List<Path> folders;
        try (Stream<Path> s = Files.list(workDir)) {
            folders = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            log.warn("Could not list {}: {}", workDir, e.toString());
            return;
        }
        for (Path folder : folders) {
            Matcher m = mine.matcher(folder.getFileName().toString());
            if (!m.matches() || held.containsKey(folder)) continue;
            if (!isOver(Long.parseLong(m.group(1)))) continue;
            removeIfFree(folder);
        }
    }

    /**
     * Removes {@code folder} when it is a folder of a version before issue 16 ({@code billing-<instance>} under the
     * work folder), which the plan of a run restarted across the upgrade still names.
     */
    public void removeLegacy(Path folder) {
        Path f = folder.toAbsolutePath();
        if (f.getParent() == null || !f.getParent().equals(workDir)) return;
        if (!f.getFileName().toString().matches(Pattern.quote(Jobs.BILLING) + "-\\d+")) return;
        try {
            deleteContents(f, true);
            log.info("Removed the scratch folder {} of a run planned by an earlier version", f);
        } catch (IOException e) {
            log.warn("Could not remove the scratch folder {}: {}", f, e.toString());
        }
    }

    /** Removes the folder of an instance abandoned for a new attempt (unless a process holds it). */
    public void discard(long instanceId) {
        Path folder = folderOf(instanceId);
        if (Files.isDirectory(folder)) removeIfFree(folder);
    }

    private boolean isOver(long instanceId) {
        JobInstance instance = jobRepository.getJobInstance(instanceId);
        if (instance == null) return false; // not ours to judge (a job repository emptied by hand, say)
        JobExecution last = jobRepository.getLastJobExecution(instance);
        return last != null && (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED);
    }

    private void removeIfFree(Path folder) {
        Lease lease;
        try {
            lease = Lease.tryTake(folder);
        } catch (IOException e) {
            log.warn("Could not lock {} to remove it: {}", folder, e.toString());
            return;
        }
        if (lease == null) return; // in use
        try {
            deleteContents(folder, true);
            log.info("Removed the scratch folder {} of a run that has ended", folder);
        } catch (IOException e) {
            log.warn("Could not remove the scratch folder {}: {}", folder, e.toString());
        } finally {
            lease.close();
        }
    }

    /** Empties {@code folder} but for its lock file (the plan step of a run starting over). */
    public static void clear(Path folder) throws IOException {
        deleteContents(folder, false);
    }

    /** Everything under {@code folder}, in bytes. */
    public static long bytesUsed(Path folder) {
        if (!Files.isDirectory(folder)) return 0;
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes what is under {@code folder}, the lock file last and the folder itself with {@code all}. */
    private static void deleteContents(Path folder, boolean all) throws IOException {
        if (!Files.exists(folder)) return;
        Path lock = folder.resolve(LOCK_FILE);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (p.equals(folder) || p.equals(lock)) continue;
                Files.delete(p);
            }
        }
        if (all) {
            Files.deleteIfExists(lock);
            Files.deleteIfExists(folder);
        }
    }

    /** A lock on a folder's lock file, held by this process. */
    private record Lease(FileChannel channel, FileLock lock) {

        static Lease tryTake(Path folder) throws IOException {
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run of this process
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            return new Lease(channel, lock);
        }

        void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                log.debug("Closing a scratch lock", e);
            }
        }
    }
}
