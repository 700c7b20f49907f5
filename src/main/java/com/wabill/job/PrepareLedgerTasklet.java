package com.wabill.job;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.ledger.BilledDays;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.LedgerDays;

/**
 * Clears what an earlier run of the same days left, so that a re-run replaces its results: the days'
 * conversations and priced messages, early closes that messages of these days made to older conversations, and
 * the state carried out of these days. Runs after the input was checked, in one transaction.
 */
public class PrepareLedgerTasklet implements Tasklet {

    private final LedgerDays ledgerDays;
    private final EarlyCloses earlyCloses;
    private final CarriedStates carriedStates;
    private final BilledDays billedDays;

    public PrepareLedgerTasklet(LedgerDays ledgerDays, EarlyCloses earlyCloses, CarriedStates carriedStates,
            BilledDays billedDays) {
        this.ledgerDays = ledgerDays;
        this.earlyCloses = earlyCloses;
        this.carriedStates = carriedStates;
        this.billedDays = billedDays;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();

        // months whose invoices these days fed: they are recomputed even if the re-run leaves them empty
        run.monthsBefore(ledgerDays.monthsFed(plan.from(), plan.to()));

        // the state the following day started from, to tell whether it changes
        carriedStates.digest(plan.to()).ifPresent(run::oldCarryDigest);

        // conversations of these days that a later day's free entry point closed early: the re-run inserts them
        // anew, and the close, made by a message outside this run, is put back after the replay
        run.laterCloses(earlyCloses.closedFrom(plan.from(), plan.to(), plan.replayEnd()));

        ledgerDays.clear(plan.from(), plan.to());
        earlyCloses.reopen(plan.replayStart(), plan.replayEnd());
        carriedStates.clear(plan.from(), plan.to());
        billedDays.clear(plan.from(), plan.to());
        return RepeatStatus.FINISHED;
    }
}
