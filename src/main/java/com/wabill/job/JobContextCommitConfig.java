package com.wabill.job;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job's execution context is committed in the same transaction as the step that wrote it.
 *
 * <p>Spring Batch saves the job's context only after a step has been marked complete, in a transaction of its own. A
 * process killed between the two leaves a step that counts as done and a job context without what it wrote: the
 * plan step's plan (every later step then fails, on every restart), the months and early closes that
 * prepare-ledger recorded before clearing the ledger (they cannot be read again). So every tasklet step defined as
 * a bean (the steps of the jobs, not the bucket workers of a partitioned step, which write only their own context)
 * also saves the job's context in its chunk transaction, right where Spring Batch saves the step's own context:
 * the step's work, its context and the job's context are committed together or not at all.
 */
@Configuration(proxyBeanMethods = false)
public class JobContextCommitConfig {

    @Bean
    static BeanPostProcessor jobContextCommitPostProcessor(ObjectProvider<JobRepository> jobRepository) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof TaskletStep step) step.registerStream(new JobContextCommit(jobRepository));
                return bean;
            }
        };
    }

    /** An {@link ItemStream} whose update, called by the tasklet step inside its transaction, saves the job context. */
    static final class JobContextCommit implements ItemStream {

        private final ObjectProvider<JobRepository> jobRepository;

        JobContextCommit(ObjectProvider<JobRepository> jobRepository) {
            this.jobRepository = jobRepository;
        }

        @Override
        public void update(ExecutionContext stepContext) {
            // also called once before the first chunk, outside any transaction: nothing to save then
            if (!TransactionSynchronizationManager.isActualTransactionActive()) return;
            StepContext step = StepSynchronizationManager.getContext();
            if (step == null) return;
            jobRepository.getObject().updateExecutionContext(step.getStepExecution().getJobExecution());
        }
    }
}
