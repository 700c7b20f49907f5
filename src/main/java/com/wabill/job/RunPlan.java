package com.wabill.job;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the plan step decided for a run, kept in the job's execution context so that a restart works from the
 * same decisions: the billed days, whether a warm-up is needed, the files to read and the number of buckets.
 * {@code plannedAt} is when the plan was made: log times after it are in the future; {@code fileStamps} are the
 * length and modification time of each file, to tell whether the input changed before a restart (both null in plans
 * stored by versions that did not record them). {@code carriedFrom} is the day whose carried state the replay
 * starts from: the day before {@code from}, or an earlier billed day when the days between were never billed (they
 * are then replayed without writing, from their logs); null on a cold start ({@code warmup}).
 */
public record RunPlan(
        LocalDate from,
        LocalDate to,
        boolean warmup,
        LocalDate readFrom,
        List<String> files,
        List<Boolean> ownFiles,
        int buckets,
        Path workDir,
        Instant plannedAt,
        List<String> fileStamps,
        LocalDate carriedFrom) {

    /** First instant that is billed. */
    public Instant replayStart() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** First instant after the billed range: state is carried as of here. */
    public Instant replayEnd() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Where the replay of messages that only rebuild state starts: the warm-up days on a cold start, the day after
     * {@link #carriedFrom} otherwise (nothing before {@code from} when it is the day before).
     */
    public Instant warmupStart(int warmupDays) {
        if (warmup) return from.minusDays(warmupDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (carriedFrom == null) return replayStart();
        return carriedFrom.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Path ingestDir() {
        return workDir.resolve("ingest");
    }

    public Path threadsDir() {
        return workDir.resolve("threads");
    }

    public Path outcomesDir() {
        return workDir.resolve("outcomes");
    }

    public Path rejectedDir() {
        return workDir.resolve("rejected");
    }

    /** Stored with every plan since V12: its threads went to buckets by ranges of their hash, not by remainders. */
    private static final String BUCKETS_BY_HASH_RANGE = "plan.bucketsByHashRange";

    void store(ExecutionContext ctx) {
        ctx.put(BUCKETS_BY_HASH_RANGE, true);
        ctx.putString("plan.from", from.toString());
        ctx.putString("plan.to", to.toString());
        ctx.put("plan.warmup", warmup);
        ctx.putString("plan.readFrom", readFrom.toString());
        ctx.put("plan.files", new ArrayList<>(files));
        ctx.put("plan.ownFiles", new ArrayList<>(ownFiles));
        ctx.putInt("plan.buckets", buckets);
        ctx.putString("plan.workDir", workDir.toString());
        if (plannedAt != null) ctx.putLong("plan.plannedAt", plannedAt.toEpochMilli());
        if (fileStamps != null) ctx.put("plan.fileStamps", new ArrayList<>(fileStamps));
        if (carriedFrom != null) ctx.putString("plan.carriedFrom", carriedFrom.toString());
    }

    /** Whether {@code ctx} holds a plan. */
    static boolean isStoredIn(ExecutionContext ctx) {
        return ctx.containsKey("plan.from");
    }

    /** Whether the stored plan put threads into buckets by ranges of their hash ({@code AcceptedMessage#bucketOfHash}). */
    static boolean bucketsByHashRange(ExecutionContext ctx) {
        return ctx.containsKey(BUCKETS_BY_HASH_RANGE);
    }

    @SuppressWarnings("unchecked")
    static RunPlan load(ExecutionContext ctx) {
        if (!isStoredIn(ctx)) throw new IllegalStateException("The run has no plan (the plan step did not complete)");
        return new RunPlan(
                LocalDate.parse(ctx.getString("plan.from")),
                LocalDate.parse(ctx.getString("plan.to")),
                (Boolean) ctx.get("plan.warmup"),
                LocalDate.parse(ctx.getString("plan.readFrom")),
                (List<String>) ctx.get("plan.files"),
                (List<Boolean>) ctx.get("plan.ownFiles"),
                ctx.getInt("plan.buckets"),
                Path.of(ctx.getString("plan.workDir")),
                ctx.containsKey("plan.plannedAt") ? Instant.ofEpochMilli(ctx.getLong("plan.plannedAt")) : null,
                (List<String>) ctx.get("plan.fileStamps"),
                ctx.containsKey("plan.carriedFrom") ? LocalDate.parse(ctx.getString("plan.carriedFrom"))
                        : (Boolean) ctx.get("plan.warmup") ? null : LocalDate.parse(ctx.getString("plan.from")).minusDays(1));
    }
}
