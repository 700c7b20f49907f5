package com.wabill.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.ingest.LogFileDiscovery.Discovered;
import com.wabill.testsupport.FastTest;

@FastTest
class LogFileDiscoveryTest {

    @TempDir
    Path dir;
    String root;

    private void touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    @BeforeEach
    void tree() throws IOException {
        root = dir.resolve("logs").toString();
        touch("logs/date=2025-03-01/part-0.parquet");
        touch("logs/date=2025-03-01/part-1.parquet");
        touch("logs/date=2025-03-01/_SUCCESS");
        touch("logs/date=2025-03-01/.part-0.parquet.crc");
        touch("logs/date=2025-03-01/part-2.parquet.crc");
        touch("logs/date=2025-03-02/part-0.parquet");
        touch("logs/date=2025-03-02/_temporary/0/part-9.parquet");
        touch("logs/date=2025-03-02/.hive-staging/part-8.parquet");
        touch("logs/date=2025-03-03/nested/deeper/part-0.snappy.parquet");
        touch("logs/date=2025-03-05/000000_0");
        touch("logs/_delta_log/00000.json");
        touch("logs/.DS_Store");
        Files.createDirectories(dir.resolve("logs/date=2025-03-06"));
    }

    @Test
    void aFileIsItself() {
        String f = root + "/date=2025-03-01/part-0.parquet";
        Discovered d = LogFileDiscovery.discover(f, LocalDate.parse("2025-04-01"), LocalDate.parse("2025-04-02"));
        assertThat(d.files()).containsExactly(f);
        assertThat(d.partitionedByDay()).isFalse();
        assertThat(d.missingDays()).isEmpty();
    }

    @Test
    void aTreeIsWalkedSortedWithoutHiddenFiles() {
        Discovered d = LogFileDiscovery.discover(root);
        assertThat(d.files()).containsExactly(
                root + "/date=2025-03-01/part-0.parquet",
                root + "/date=2025-03-01/part-1.parquet",
                root + "/date=2025-03-02/part-0.parquet",
                root + "/date=2025-03-03/nested/deeper/part-0.snappy.parquet",
                root + "/date=2025-03-05/000000_0");
        assertThat(d.partitionedByDay()).isTrue();
        assertThat(d.partitionDays()).extracting(LocalDate::toString)
                .containsExactly("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-05", "2025-03-06");
        assertThat(d.missingDays()).isEmpty();
        assertThat(LogFileDiscovery.discover(root + "/").files()).isEqualTo(d.files());
    }

    @Test
    void dayPartitionsOutsideTheRangeAreSkippedAndMissingDaysReported() {
        Discovered d = LogFileDiscovery.discover(root, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-08"));
        assertThat(d.files()).containsExactly(
                root + "/date=2025-03-02/part-0.parquet",
                root + "/date=2025-03-03/nested/deeper/part-0.snappy.parquet",
                root + "/date=2025-03-05/000000_0");
        // 03-06 has a directory without data: a quiet day, not a missing one
        assertThat(d.missingDays()).extracting(LocalDate::toString).containsExactly("2025-03-04", "2025-03-07", "2025-03-08");
        Discovered one = LogFileDiscovery.discover(root, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-01"));
        assertThat(one.files()).hasSize(2);
        assertThat(one.missingDays()).isEmpty();
    }

    @Test
    void dayPartitionsAreFoundAtAnyDepth() throws IOException {
        touch("deep/waba=1/date=2025-03-01/a.parquet");
        touch("deep/waba=1/date=2025-03-02/a.parquet");
        touch("deep/waba=2/date=2025-03-02/b.parquet");
        touch("deep/waba=2/date=2025-03-04/b.parquet");
        String deep = dir.resolve("deep").toString();
        Discovered d = LogFileDiscovery.discover(deep, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-03"));
        assertThat(d.files()).containsExactly(deep + "/waba=1/date=2025-03-02/a.parquet", deep + "/waba=2/date=2025-03-02/b.parquet");
        assertThat(d.missingDays()).extracting(LocalDate::toString).containsExactly("2025-03-03");
    }

    @Test
    void aTreeNotPartitionedByDayIsReadWhole() throws IOException {
        touch("flat/a.parquet");
        touch("flat/sub/b.parquet");
        touch("flat/_SUCCESS");
        String flat = dir.resolve("flat").toString();
        Discovered d = LogFileDiscovery.discover(flat, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-08"));
        assertThat(d.files()).containsExactly(flat + "/a.parquet", flat + "/sub/b.parquet");
        assertThat(d.partitionedByDay()).isFalse();
        assertThat(d.missingDays()).isEmpty();
    }

    @Test
    void aDatePartitionThatIsNotADateIsReadWhateverTheRange() throws IOException {
        touch("odd/date=__HIVE_DEFAULT_PARTITION__/a.parquet");
        touch("odd/date=2025-03-01/a.parquet");
        touch("odd/date=2025-02-01/a.parquet");
        String odd = dir.resolve("odd").toString();
        Discovered d = LogFileDiscovery.discover(odd, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-01"));
        assertThat(d.files()).containsExactly(odd + "/date=2025-03-01/a.parquet", odd + "/date=__HIVE_DEFAULT_PARTITION__/a.parquet");
    }

    @Test
    void globsAreExpanded() {
        assertThat(LogFileDiscovery.discover(root + "/date=2025-03-0[12]/*.parquet").files()).containsExactly(
                root + "/date=2025-03-01/part-0.parquet",
                root + "/date=2025-03-01/part-1.parquet",
                root + "/date=2025-03-02/part-0.parquet");
        // matched directories are walked, matched hidden files skipped, day partitions filtered
        Discovered d = LogFileDiscovery.discover(root + "/*", LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-03"));
        assertThat(d.files()).containsExactly(
                root + "/date=2025-03-01/part-0.parquet",
                root + "/date=2025-03-01/part-1.parquet",
                root + "/date=2025-03-02/part-0.parquet",
                root + "/date=2025-03-03/nested/deeper/part-0.snappy.parquet");
        assertThat(d.missingDays()).isEmpty();
        assertThat(LogFileDiscovery.discover(root + "/date=2025-03-01/*").files()).containsExactly(
                root + "/date=2025-03-01/part-0.parquet", root + "/date=2025-03-01/part-1.parquet");
        assertThat(LogFileDiscovery.discover(root + "/{date=2025-03-05,date=2025-03-02}").files()).containsExactly(
                root + "/date=2025-03-02/part-0.parquet", root + "/date=2025-03-05/000000_0");
        assertThatThrownBy(() -> LogFileDiscovery.discover(root + "/date=2024-*"))
                .isInstanceOf(LogFileException.class).hasMessageContaining("no file matches");
    }

    @Test
    void fileUrisGiveFileUris() {
        String uri = "file://" + root;
        Discovered d = LogFileDiscovery.discover(uri, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-01"));
        assertThat(d.files()).containsExactly(uri + "/date=2025-03-01/part-0.parquet", uri + "/date=2025-03-01/part-1.parquet");
        assertThat(LogFileDiscovery.discover("file:" + root + "/date=2025-03-0[1]/part-0*").files())
                .containsExactly("file:" + root + "/date=2025-03-01/part-0.parquet");
    }

    @Test
    void relativeBarePathsStayRelative() {
        Path cwd = Paths.get("").toAbsolutePath();
        String rel = cwd.relativize(dir.resolve("logs")).toString();
        Discovered d = LogFileDiscovery.discover(rel, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-02"));
        assertThat(d.files()).containsExactly(rel + "/date=2025-03-02/part-0.parquet");
        assertThat(LogFileDiscovery.discover(rel + "/date=2025-03-02/*").files()).containsExactly(rel + "/date=2025-03-02/part-0.parquet");
    }

    @Test
    void aLocationThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> LogFileDiscovery.discover(dir.resolve("nowhere").toString()))
                .isInstanceOf(LogFileException.class).hasMessage(dir.resolve("nowhere") + ": no such file or directory");
    }

    @Test
    void anEmptyDirectoryHasNoFiles() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(LogFileDiscovery.discover(dir.resolve("empty").toString()).files()).isEmpty();
    }

    @Test
    void rangesMustBeWhole() {
        assertThatThrownBy(() -> LogFileDiscovery.discover(root, LocalDate.parse("2025-03-02"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogFileDiscovery.discover(root, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(LogFileDiscovery.isHidden("_SUCCESS"), LogFileDiscovery.isHidden(".x"), LogFileDiscovery.isHidden("a.crc"),
                LogFileDiscovery.isHidden("part-0.parquet"))).containsExactly(true, true, true, false);
    }
}
