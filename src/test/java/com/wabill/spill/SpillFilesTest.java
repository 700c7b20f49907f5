package com.wabill.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Direction;
import com.wabill.testsupport.FastTest;

@FastTest
class SpillFilesTest {

    @TempDir
    Path dir;

    private static final String[] STRINGS = {"", "a", "waba-1", "ünïcödé", "日本語", "emoji \uD83D\uDE00", "bad \uD800 surrogate",
            "x".repeat(70), "y".repeat(200_000), "z\u00e9".repeat(40_000), null};

    @Test
    void roundTripsEveryKindOfValueAcrossBufferBoundaries() throws IOException {
        Path f = dir.resolve("a/b.bin");
        Random random = new Random(1);
        List<Object> written = new ArrayList<>();
        try (SpillOutput out = SpillOutput.create(f)) {
            for (int i = 0; i < 30_000; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> {
                        long v = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(300) - 150;
                        out.writeVarLong(v);
                        written.add(v);
                    }
                    case 1 -> {
                        String s = STRINGS[random.nextInt(STRINGS.length - (i % 100 == 0 ? 0 : 3))];
                        if (s != null && s.length() > 1000 && random.nextInt(20) != 0) s = "short";
                        out.writeString(s);
                        written.add(s == null ? "<null>" : s);
                    }
                    case 2 -> {
                        Instant t = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
                        out.writeInstant(t);
                        written.add(t);
                    }
                    case 3 -> {
                        out.writeEnum(Direction.OUTBOUND);
                        written.add(Direction.OUTBOUND);
                    }
                    case 4 -> {
                        long v = random.nextLong();
                        out.writeFixedLong(v);
                        written.add(new long[] {v});
                    }
                    default -> {
                        byte[] b = new byte[random.nextInt(100)];
                        random.nextBytes(b);
                        out.writeBytes(b);
                        written.add(b);
                    }
                }
            }
            assertThat(out.position()).isEqualTo(sizeAfterFlush(out, f));
        }
        int cachedReads = 0;
        try (SpillInput in = new SpillInput(f)) {
            for (Object w : written) {
                if (w instanceof Long v) assertThat(in.readVarLong()).isEqualTo(v);
                else if (w instanceof String s) {
                    String r = (cachedReads++ % 2 == 0) ? in.readString() : in.readCachedString();
                    assertThat(r == null ? "<null>" : r).isEqualTo(s.equals("<null>") ? "<null>"
                            : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                } else if (w instanceof Instant t) assertThat(in.readInstant()).isEqualTo(t);
                else if (w instanceof Direction d) assertThat(in.readEnum(Direction.values())).isEqualTo(d);
                else if (w instanceof long[] v) assertThat(in.readFixedLong()).isEqualTo(v[0]);
                else assertThat(in.readBytes()).isEqualTo((byte[]) w);
            }
            assertThat(in.hasMore()).isFalse();
        }
    }

    private static long sizeAfterFlush(SpillOutput out, Path f) throws IOException {
        out.flush();
        return Files.size(f);
    }

    @Test
    void stringsAreEncodedAsTheJdkEncodesThem() throws IOException {
        Path f = dir.resolve("s.bin");
        try (SpillOutput out = SpillOutput.create(f)) {
            for (String s : STRINGS) if (s != null) out.writeString(s);
        }
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (String s : STRINGS) {
            if (s == null) continue;
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            long z = (long) b.length << 1;
            while ((z & ~0x7FL) != 0) {
                expected.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            expected.write((int) z);
            expected.writeBytes(b);
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(expected.toByteArray());
    }

    @Test
    void reopenedAtACommittedLengthDropsWhatFollowed() throws IOException {
        Path f = dir.resolve("r.bin");
        long committed;
        try (SpillOutput out = SpillOutput.create(f)) {
            out.writeString("one");
            out.writeVarLong(1);
            committed = out.position();
            out.writeString("lost");
            out.flush();
        }
        try (SpillOutput out = SpillOutput.openAt(f, committed)) {
            assertThat(out.position()).isEqualTo(committed);
            out.writeString("two");
        }
        try (SpillInput in = new SpillInput(f)) {
            assertThat(in.readString()).isEqualTo("one");
            assertThat(in.readVarLong()).isEqualTo(1);
            assertThat(in.readString()).isEqualTo("two");
            assertThat(in.hasMore()).isFalse();
        }
    }

    @Test
    void aRecordCutShortIsAnError() throws IOException {
        Path f = dir.resolve("c.bin");
        try (SpillOutput out = SpillOutput.create(f)) {
            out.writeString("abcdef");
        }
        try (SpillInput in = new SpillInput(f, 0, 4)) {
            assertThat(in.hasMore()).isTrue();
            assertThatThrownBy(in::readString).hasMessageContaining("ends in the middle of a record");
        }
    }

    @Test
    void theCacheReturnsOneInstancePerValue() throws IOException {
        Path f = dir.resolve("k.bin");
        try (SpillOutput out = SpillOutput.create(f)) {
            for (int i = 0; i < 1000; i++) out.writeString("waba-" + (i % 3));
        }
        try (SpillInput in = new SpillInput(f)) {
            String a = in.readCachedString();
            in.readCachedString();
            in.readCachedString();
            assertThat(in.readCachedString()).isSameAs(a).isEqualTo("waba-0");
        }
    }
}
