package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import com.wabill.testsupport.FastTest;

/** A stopped run planned before buckets were ranges of thread hashes (V12) is started afresh, not continued. */
@FastTest
class BucketsByHashRangeTest {

    private static final RunPlan PLAN = new RunPlan(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 10), false,
            LocalDate.of(2025, 3, 9), List.of("/logs/date=2025-03-10/part-0.parquet"), List.of(true), 42,
            Path.of("/tmp/work"), Instant.parse("2025-03-11T01:00:00Z"), null, null);

    private static JobExecution stopped(String job) {
        return new JobExecution(3L, new JobInstance(1L, job), new JobParameters());
    }

    @Test
    void aPlanOfThisVersionContinues() {
        JobExecution e = stopped(Jobs.BILLING);
        PLAN.store(e.getExecutionContext());
        assertThat(new BucketsByHashRange().startAfresh(e)).isNull();
    }

    @Test
    void aPlanFromBeforeV12StartsAfresh() {
        JobExecution e = stopped(Jobs.BILLING);
        PLAN.store(e.getExecutionContext());
        e.getExecutionContext().remove("plan.bucketsByHashRange"); // what a plan stored before V12 lacks
        assertThat(new BucketsByHashRange().startAfresh(e)).contains("before V12").contains("remainder");
    }

    @Test
    void aRunNotPlannedYetOrAnotherJobContinues() {
        assertThat(new BucketsByHashRange().startAfresh(stopped(Jobs.BILLING))).isNull();
        JobExecution reconcile = stopped(Jobs.RECONCILE);
        assertThat(new BucketsByHashRange().startAfresh(reconcile)).isNull();
    }
}
