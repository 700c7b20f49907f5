package com.wabill.job;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import com.wabill.invoicing.WabaMonth;

/**
 * Clears what an earlier run of the same days left, so that a re-run replaces its results: the days'
 * conversations and priced messages, early closes that messages of these days made to older conversations, and
 * the state carried out of these days. Runs after the input was checked, in one transaction.
 */
public class PrepareLedgerTasklet implements Tasklet {

    private final JdbcTemplate jdbc;

    public PrepareLedgerTasklet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();
        Timestamp start = Timestamp.from(plan.replayStart());
        Timestamp end = Timestamp.from(plan.replayEnd());

        // months whose invoices these days fed: they are recomputed even if the re-run leaves them empty
        run.monthsBefore(jdbc.query(
                "select distinct waba_id, local_month from conversation where day between ? and ?"
                        + " union select distinct waba_id, local_month from priced_message where day between ? and ?",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)), plan.from(), plan.to(), plan.from(), plan.to()));

        // the state the following day started from, to tell whether it changes
        List<Long> old = jdbc.queryForList("select digest from carry_point where carry_day = ?", Long.class, plan.to());
        if (!old.isEmpty()) run.oldCarryDigest(old.get(0));

        // conversations of these days that a later day's free entry point closed early: the re-run inserts them
        // anew, and the close, made by a message outside this run, is put back after the replay
        run.laterCloses(jdbc.query("select conversation_id, closed_at from conversation"
                + " where day between ? and ? and closed_at >= ? and closed_at < scheduled_end",
                (rs, i) -> new RunContext.EarlyClose(rs.getString(1), rs.getTimestamp(2).toInstant()),
                plan.from(), plan.to(), end));

        jdbc.update("delete from conversation where day between ? and ?", plan.from(), plan.to());
        jdbc.update("delete from priced_message where day between ? and ?", plan.from(), plan.to());
        jdbc.update("delete from conversation_link where day between ? and ?", plan.from(), plan.to());
        jdbc.update("update conversation set closed_at = scheduled_end where closed_at >= ? and closed_at < ?"
                + " and closed_at < scheduled_end", start, end);
        jdbc.update("delete from thread_state where carry_day between ? and ?", plan.from(), plan.to());
        jdbc.update("delete from carry_point where carry_day between ? and ?", plan.from(), plan.to());
        jdbc.update("delete from billed_day where day between ? and ?", plan.from(), plan.to());
        return RepeatStatus.FINISHED;
    }
}
