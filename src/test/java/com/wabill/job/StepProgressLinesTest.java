package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import com.wabill.job.StepProgress.Kind;
import com.wabill.job.StepProgress.Snapshot;
import com.wabill.testsupport.FastTest;

/** The progress lines: share done, rate, time left; and the line when a step ends. */
@FastTest
class StepProgressLinesTest {

    @Test
    void rowsShowShareRateAndTimeLeft() {
        Snapshot s = new Snapshot("ingest", Kind.ROWS, "rows", 1_000_000, 0, 4_000_000, 0, Duration.ofSeconds(5));
        assertThat(s.progressLine()).isEqualTo("ingest: 25% (1,000,000 of 4,000,000 rows), 200,000 rows/s, about 15 s left");
        // a restarted ingest: the rows the failed run read count as done, not in the rate
        Snapshot restarted = new Snapshot("ingest", Kind.ROWS, "rows", 3_000_000, 2_000_000, 4_000_000, 0,
                Duration.ofSeconds(10));
        assertThat(restarted.progressLine()).isEqualTo("ingest: 75% (3,000,000 of 4,000,000 rows), 100,000 rows/s,"
                + " about 10 s left");
        Snapshot counting = new Snapshot("ingest", Kind.ROWS, "rows", 5_000, 0, -1, 0, Duration.ofSeconds(1));
        assertThat(counting.progressLine()).isEqualTo("ingest: 5,000 rows read, 5,000 rows/s, running 1.0 s"
                + " (the total is being counted)");
        assertThat(s.endLine(BatchStatus.COMPLETED)).isEqualTo("ingest: COMPLETED in 5.0 s, 1,000,000 rows read at"
                + " 200,000 rows/s");
    }

    @Test
    void bucketsShowShareRateAndTimeLeftAtThePaceOfTheFinishedOnes() {
        Snapshot s = new Snapshot("replay", Kind.BUCKETS, "messages", 4, 0, 16, 1_000_000, Duration.ofSeconds(20));
        assertThat(s.progressLine()).isEqualTo("replay: 25% (4 of 16 buckets), 1,000,000 messages at 50,000 messages/s,"
                + " about 1 min 00 s left");
        Snapshot none = new Snapshot("dedupe", Kind.BUCKETS, "rows", 0, 0, 16, 0, Duration.ofSeconds(5));
        assertThat(none.progressLine()).isEqualTo("dedupe: 0% (0 of 16 buckets), running 5.0 s, time left known when"
                + " a bucket finishes");
        assertThat(s.endLine(BatchStatus.FAILED)).isEqualTo("replay: FAILED after 20.0 s, 4 of 16 buckets, 1,000,000"
                + " messages at 50,000 messages/s");
    }

    @Test
    void otherStepsShowHowLongTheyHaveRun() {
        Snapshot s = new Snapshot("month-rating", Kind.TIME, "rows", 0, 0, -1, 0, Duration.ofSeconds(3_725));
        assertThat(s.progressLine()).isEqualTo("month-rating: running 1 h 02 min");
        assertThat(Snapshot.time(Duration.ofMillis(65_400))).isEqualTo("1 min 05 s");
        assertThat(Snapshot.time(Duration.ofMillis(42_400))).isEqualTo("42 s");
        assertThat(Snapshot.time(Duration.ofMillis(400))).isEqualTo("0.4 s");
    }
}
