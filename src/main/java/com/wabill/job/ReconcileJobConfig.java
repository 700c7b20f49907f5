package com.wabill.job;

import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.DiscrepancyStore;
import com.wabill.ledger.ReconciliationReads;


/**
 * The {@code reconcile} job (SPEC 5): reconciles already billed months again against a new Meta export, without
 * replaying. One step; job parameters {@code from} and {@code to} (inclusive UTC dates) are optional: without them
 * the months are those the export covers. The {@link ReconcileTasklet} is shared with the billing job's
 * {@code reconcile} step.
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileJobConfig {

    @Bean
    Job reconcile(JobRepository jobRepository, Step reconcileOnlyStep, RunSummaryListener runSummary) {
        return new JobBuilder("reconcile", jobRepository).listener(runSummary).start(reconcileOnlyStep).build();
    }

    @Bean
    Step reconcileOnlyStep(JobRepository repo, PlatformTransactionManager tx, ReconcileTasklet reconcileTasklet,
            StepProgress progress) {
        return new StepBuilder("reconcile", repo).listener(progress).tasklet(reconcileTasklet, tx).build();
    }

    @Bean
    @StepScope
    ReconcileTasklet reconcileTasklet(WabillProperties props, ReconciliationReads ledger, BilledDays billedDays,
            DiscrepancyStore discrepancies, AdvisoryLocks locks,
            @Value("#{jobParameters['from']}") String from, @Value("#{jobParameters['to']}") String to) {
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("Give both from and to (UTC dates), or neither.");
        }
        return new ReconcileTasklet(props, ledger, billedDays, discrepancies, locks, date(from), date(to));
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s);
    }
}
