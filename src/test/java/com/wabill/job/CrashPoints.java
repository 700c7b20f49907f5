package com.wabill.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * For crash tests only: stops a child wabill at an exact point so that the test can SIGKILL it there. Loaded into
 * the child with {@code --spring.main.sources=com.wabill.job.CrashPoints} and told where with
 * {@code --wabill.test.crash-at=<step name prefix>:<when>}:
 * <ul>
 *   <li>{@code committed}: a transaction of the step (a chunk, a tasklet, a bucket) has committed, and the step is
 *       still marked as running: the moment between a step's work reaching the database and its being recorded
 *       as complete;</li>
 *   <li>{@code completed}: the step has been recorded as complete, and the job has not yet saved its own context.</li>
 * </ul>
 * At that point the thread writes the file {@code wabill.test.crash-signal} and waits for ever; the test sees the
 * file and kills the process; or, with {@code wabill.test.resume-file}, waits until that file exists and goes on
 * (to hold a run at a point while another runs). (Its {@code @Bean} method is processed in "lite" mode when the class is given as a
 * source.)
 */
public class CrashPoints { // not @Configuration: component scanning of the in-process tests must not pick it up

    @Bean
    static BeanPostProcessor crashPointRepository(Environment env) {
        String at = env.getProperty("wabill.test.crash-at");
        String signal = env.getProperty("wabill.test.crash-signal");
        String resume = env.getProperty("wabill.test.resume-file");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (at == null || !(bean instanceof JobRepository repo)) return bean;
                String[] p = at.split(":", 2);
                return Proxy.newProxyInstance(CrashPoints.class.getClassLoader(), new Class<?>[] {JobRepository.class},
                        new Handler(repo, p[0], p[1], Path.of(signal), resume == null ? null : Path.of(resume)));
            }
        };
    }

    static final class Handler implements InvocationHandler {
        private final JobRepository delegate;
        private final String step;
        private final String when;
        private final Path signal;
        private final Path resume;
        private final AtomicBoolean reached = new AtomicBoolean();

        Handler(JobRepository delegate, String step, String when, Path signal, Path resume) {
            this.delegate = delegate;
            this.step = step;
            this.when = when;
            this.signal = signal;
            this.resume = resume;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("update") && args != null && args.length == 1
                    && args[0] instanceof StepExecution se && se.getStepName().startsWith(step)) {
                if (when.equals("completed") && se.getStatus() == BatchStatus.COMPLETED) {
                    stop(se);
                } else if (when.equals("committed") && se.getStatus() == BatchStatus.STARTED && se.getCommitCount() >= 1
                        && TransactionSynchronizationManager.isSynchronizationActive() && !reached.get()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            stop(se);
                        }
                    });
                }
            }
            return result;
        }

        private void stop(StepExecution se) {
            if (!reached.compareAndSet(false, true)) return;
            try {
                Files.writeString(signal, se.getStepName() + " " + when + " " + se.getId());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            while (resume == null || !Files.exists(resume)) {
                try {
                    Thread.sleep(resume == null ? 60_000 : 20);
                } catch (InterruptedException e) {
                    // wait for the kill, or the resume file
                }
            }
        }
    }
}
