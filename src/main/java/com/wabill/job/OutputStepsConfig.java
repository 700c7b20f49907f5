package com.wabill.job;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.MonthRatingStore;
import com.wabill.ledger.MovedMessages;
import com.wabill.ledger.InvoiceStore;
import com.wabill.rating.ReferenceData;


/** The billing job's last steps: invoices and payments, reconciliation, publishing the files. */
@Configuration(proxyBeanMethods = false)
public class OutputStepsConfig {

    @Bean
    Step invoiceStep(JobRepository repo, PlatformTransactionManager tx, InvoiceTasklet invoiceTasklet,
            StepProgress progress) {
        return new StepBuilder("invoice", repo).listener(progress).tasklet(invoiceTasklet, tx).build();
    }

    @Bean
    @StepScope
    InvoiceTasklet invoiceTasklet(AdvisoryLocks locks, BilledDays billedDays, InvoiceStore invoices,
            ReferenceData referenceData) {
        return new InvoiceTasklet(locks, billedDays, invoices, referenceData);
    }

    /** Reconciles the months the run touched against Meta's export, when {@code wabill.meta-billing} exists. */
    @Bean
    Step reconcileStep(JobRepository repo, PlatformTransactionManager tx, ReconcileTasklet reconcileTasklet,
            StepProgress progress) {
        return new StepBuilder("reconcile", repo).listener(progress).tasklet(reconcileTasklet, tx).build();
    }

    @Bean
    Step publishStep(JobRepository repo, PlatformTransactionManager tx, PublishTasklet publishTasklet,
            StepProgress progress) {
        return new StepBuilder("publish", repo).listener(progress).tasklet(publishTasklet, tx).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(WabillProperties props, AdvisoryLocks locks, BilledDays billedDays,
            CarriedStates carriedStates, EarlyCloses earlyCloses, DataSource dataSource, JobRepository jobRepository,
            RunOutputs runOutputs, MovedMessages movedMessages, MonthRatingStore monthRating) {
        return new PublishTasklet(props, locks, billedDays, carriedStates, earlyCloses, dataSource, jobRepository,
                runOutputs, movedMessages, monthRating);
    }
}
