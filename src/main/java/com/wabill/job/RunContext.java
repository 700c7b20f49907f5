package com.wabill.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.wabill.engine.Decision.ClosedEarly;
import com.wabill.invoicing.WabaMonth;

/**
 * What the steps of one billing run tell each other, typed: the plan, the months the run touched, what it found
 * before clearing the ledger, what month rating changed. It lives in the job's execution context (committed with
 * the step that wrote it, {@link JobContextCommitConfig}), so a restart sees what the steps before it decided; the
 * string keys and their encoding are this class's business alone.
 */
public final class RunContext {

    private static final String MONTHS_BEFORE = "touched.monthsBefore";
    private static final String TOUCHED_MONTHS = "touched.months";
    private static final String RATED_DAYS = "touched.ratedDays";
    private static final String REPRICED_MESSAGE_DAYS = "touched.repricedMessageDays";
    private static final String OLD_CARRY_DIGEST = "carry.oldDigest";
    private static final String LATER_CLOSES = "carry.laterCloses";
    private static final String REVISED_INVOICES = "invoices.revised";

    private final ExecutionContext ctx;

    private RunContext(ExecutionContext ctx) {
        this.ctx = ctx;
    }

    /** The context of a job execution (a run of either job). */
    public static RunContext of(JobExecution execution) {
        return new RunContext(execution.getExecutionContext());
    }

    /** The context of the job a step runs in. */
    public static RunContext of(ChunkContext chunk) {
        return of(chunk.getStepContext().getStepExecution().getJobExecution());
    }

    /** Over a context read elsewhere (a stopped execution, the {@code #{jobExecutionContext}} of a step bean). */
    public static RunContext over(ExecutionContext ctx) {
        return new RunContext(ctx);
    }

    /** Whether the plan step completed (a billing run that failed before it has none). */
    public boolean isPlanned() {
        return RunPlan.isStoredIn(ctx);
    }

    public RunPlan plan() {
        return RunPlan.load(ctx);
    }

    public Optional<RunPlan> planIfMade() {
        return isPlanned() ? Optional.of(plan()) : Optional.empty();
    }

    public void plan(RunPlan plan) {
        plan.store(ctx);
    }

    /** The months whose invoices the run's days fed before prepare-ledger cleared them (recomputed even if left empty). */
    public SortedSet<WabaMonth> monthsBefore() {
        return months(MONTHS_BEFORE);
    }

    public void monthsBefore(Collection<WabaMonth> months) {
        putMonths(MONTHS_BEFORE, months);
    }

    /** The months the run touched: their invoices are recomputed and listed in the outputs. */
    public SortedSet<WabaMonth> touchedMonths() {
        return months(TOUCHED_MONTHS);
    }

    /** Whether month rating recorded the touched months (a run that stopped before it did not). */
    public boolean hasTouchedMonths() {
        return ctx.containsKey(TOUCHED_MONTHS);
    }

    public void touchedMonths(Collection<WabaMonth> months) {
        putMonths(TOUCHED_MONTHS, months);
    }

    /** The months whose CLOSED invoice the run revised. */
    public SortedSet<WabaMonth> revisedInvoices() {
        return months(REVISED_INVOICES);
    }

    public void revisedInvoices(Collection<WabaMonth> months) {
        putMonths(REVISED_INVOICES, months);
    }

    /** The digest of the state carried out of the run's last day before the run, when one was carried. */
    public Optional<Long> oldCarryDigest() {
        return ctx.containsKey(OLD_CARRY_DIGEST) ? Optional.of(ctx.getLong(OLD_CARRY_DIGEST)) : Optional.empty();
    }

    public void oldCarryDigest(long digest) {
        ctx.putLong(OLD_CARRY_DIGEST, digest);
    }

    /** Early closes that later days made to the run's conversations: put back after the replay. */
    public List<ClosedEarly> laterCloses() {
        List<ClosedEarly> closes = new ArrayList<>();
        for (String s : strings(LATER_CLOSES)) {
            int bar = s.lastIndexOf('|');
            closes.add(new ClosedEarly(s.substring(0, bar), Instant.parse(s.substring(bar + 1))));
        }
        return closes;
    }

    public void laterCloses(List<ClosedEarly> closes) {
        List<String> out = new ArrayList<>();
        for (ClosedEarly c : closes) out.add(c.conversationId() + "|" + c.closedAt());
        ctx.put(LATER_CLOSES, out);
    }

    /** UTC days whose conversations or priced messages month rating changed: their partitions are written again. */
    public SortedSet<LocalDate> ratedDays() {
        return days(RATED_DAYS);
    }

    public void ratedDays(Collection<LocalDate> days) {
        putDays(RATED_DAYS, days);
    }

    /**
     * UTC days on which month rating changed a priced message: publish takes their prices from the ledger. Empty
     * when month rating has not recorded them (every day is then read from the ledger).
     */
    public Optional<SortedSet<LocalDate>> repricedMessageDays() {
        return ctx.containsKey(REPRICED_MESSAGE_DAYS) ? Optional.of(days(REPRICED_MESSAGE_DAYS)) : Optional.empty();
    }

    public void repricedMessageDays(Collection<LocalDate> days) {
        putDays(REPRICED_MESSAGE_DAYS, days);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String key) {
        Object v = ctx.get(key);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    private SortedSet<WabaMonth> months(String key) {
        SortedSet<WabaMonth> months = new TreeSet<>();
        for (String s : strings(key)) {
            int bar = s.indexOf('|');
            months.add(new WabaMonth(s.substring(0, bar), s.substring(bar + 1)));
        }
        return months;
    }

    private void putMonths(String key, Collection<WabaMonth> months) {
        List<String> out = new ArrayList<>();
        for (WabaMonth m : new TreeSet<>(months)) out.add(m.wabaId() + "|" + m.period());
        ctx.put(key, out);
    }

    private SortedSet<LocalDate> days(String key) {
        SortedSet<LocalDate> days = new TreeSet<>();
        for (String s : strings(key)) days.add(LocalDate.parse(s));
        return days;
    }

    private void putDays(String key, Collection<LocalDate> days) {
        List<String> out = new ArrayList<>();
        for (LocalDate d : new TreeSet<>(days)) out.add(d.toString());
        ctx.put(key, out);
    }
}
