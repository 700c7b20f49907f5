package com.wabill.replay;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.wabill.config.WabillProperties;
import com.wabill.invoicing.InvoiceTasklet;

/** The billing job's last steps: invoices and payments, reconciliation, publishing the files. */
@Configuration(proxyBeanMethods = false)
public class OutputStepsConfig {

    @Bean
    Step invoiceStep(JobRepository repo, PlatformTransactionManager tx, InvoiceTasklet invoiceTasklet) {
        return new StepBuilder("invoice", repo).tasklet(invoiceTasklet, tx).build();
    }

    @Bean
    @StepScope
    InvoiceTasklet invoiceTasklet(JdbcTemplate jdbc, ReferenceData referenceData) {
        return new InvoiceTasklet(jdbc, referenceData);
    }

    @Bean
    Step reconcileStep(JobRepository repo, PlatformTransactionManager tx) {
        // reconciliation against Meta's export is its own capability (SPEC 4); until it lands the step is a no-op
        return new StepBuilder("reconcile", repo).tasklet((c, ctx) -> RepeatStatus.FINISHED, tx).build();
    }

    @Bean
    Step publishStep(JobRepository repo, PlatformTransactionManager tx, PublishTasklet publishTasklet) {
        return new StepBuilder("publish", repo).tasklet(publishTasklet, tx).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(WabillProperties props, JdbcTemplate jdbc, DataSource dataSource,
            JobRepository jobRepository, RunOutputs runOutputs) {
        return new PublishTasklet(props, jdbc, dataSource, jobRepository, runOutputs);
    }
}
