package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import com.wabill.testsupport.FastTest;

/**
 * The flake of CrashRecoveryTest ("bucket is null"): Spring Batch 6 saves a partition's step execution, then its
 * context; a manager killed in between leaves a partition with an empty context, which every restart copies. The
 * bucket is then taken from the partition's name, and put back in its context.
 */
@FastTest
class BucketPartitionTest {

    private static StepExecution partition(String name) {
        return new StepExecution(7L, name, new JobExecution(3L, new JobInstance(1L, "billing"), new JobParameters()));
    }

    @Test
    void theBucketComesFromTheContextWhenItHasOne() {
        StepExecution se = partition("dedupe-bucket:bucket-0002");
        se.getExecutionContext().putInt(BillingJobConfig.BUCKET, 5);
        assertThat(BillingJobConfig.bucketOf(se)).isEqualTo(5);
    }

    @Test
    void aPartitionLeftWithAnEmptyContextTakesItsBucketFromItsName() {
        StepExecution se = partition("replay-bucket:bucket-0013");
        assertThat(se.getExecutionContext().containsKey(BillingJobConfig.BUCKET)).isFalse();
        assertThat(BillingJobConfig.bucketOf(se)).isEqualTo(13);
        assertThat(se.getExecutionContext().getInt(BillingJobConfig.BUCKET)).as("the context is mended").isEqualTo(13);
    }

    @Test
    void aStepThatIsNoBucketPartitionIsAnError() {
        assertThatThrownBy(() -> BillingJobConfig.bucketOf(partition("publish"))).hasMessageContaining("publish");
    }
}
