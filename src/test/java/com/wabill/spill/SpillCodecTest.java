package com.wabill.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowRejection;
import com.wabill.testsupport.FastTest;

/** Every kind of record reads back as written, interleaved in one file, with and without its optional values. */
@FastTest
class SpillCodecTest {

    @TempDir
    Path dir;

    private static final List<String> FILES = List.of("logs/date=2025-03-09/a.parquet", "logs/date=2025-03-10/b.parquet");

    private static <T> T pick(Random r, T a, T b) {
        return r.nextBoolean() ? a : b;
    }

    static LogRow logRow(Random r, int i) {
        Instant sent = Instant.ofEpochSecond(1_741_600_000L + r.nextInt(86_400), r.nextInt(1_000_000_000));
        boolean outbound = r.nextBoolean();
        boolean template = outbound && r.nextBoolean();
        return new LogRow(FILES.get(i % 2), i + 1, "wamid." + i, "waba-" + r.nextInt(3), "pn-" + r.nextInt(4),
                pick(r, "+1 555 0100", null), "55119" + r.nextInt(1000), outbound ? Direction.OUTBOUND : Direction.INBOUND,
                sent, outbound ? pick(r, sent.plusMillis(r.nextInt(90_000)), null) : null,
                outbound ? DeliveryStatus.values()[r.nextInt(DeliveryStatus.values().length)] : null,
                template ? "TEMPLATE" : "TEXT", template, template ? "tpl_" + r.nextInt(3) : null,
                template ? pick(r, Category.MARKETING, Category.UTILITY) : null,
                outbound ? null : pick(r, "AD", null), pick(r, "conv-" + i, null), pick(r, "marketing", null),
                pick(r, pick(r, Boolean.TRUE, Boolean.FALSE), null), pick(r, "CBP", null),
                pick(r, pick(r, "service", "Authentication-International"), null), pick(r, "regular", null));
    }

    static AcceptedMessage message(Random r, int i) {
        LogRow row = logRow(r, i);
        return new AcceptedMessage(row.messageId(), row.wabaId(), row.phoneNumberId(), row.businessPhoneNumber(),
                row.contactWaId(), row.direction(), row.sentAt(), row.deliveredAt(), row.eventTime(), row.status(),
                row.template(), row.templateCategory(), row.entryPointReferral(), row.metaConversationId(),
                row.metaConversationCategory(), row.metaBillable(), row.metaPricingModel(), row.metaPricingCategory(),
                row.metaPricingType(), PricingRegime.values()[r.nextInt(PricingRegime.values().length)], r.nextBoolean());
    }

    static OutcomeRecord outcome(Random r, int i) {
        boolean priced = r.nextBoolean();
        return new OutcomeRecord("wamid." + i, "waba-1", "pn-1", "5511", pick(r, "+1 555", null),
                Instant.ofEpochSecond(1_741_600_000L + i, r.nextInt(1000) * 1000), pick(r, "conv-" + i, null),
                "CHARGED", pick(r, "", "FREE_ENTRY_POINT_WINDOW"), priced ? "PMP" : "CBP",
                priced ? "MARKETING" : null, priced ? "REGULAR" : null, priced ? "BR" : null,
                priced ? "Brazil" : null, priced ? "BRL" : null, priced ? new BigDecimal("0.06250") : null,
                priced ? new BigDecimal("0.06250") : BigDecimal.ZERO, pick(r, "meta-" + i, null), pick(r, "utility", null));
    }

    @Test
    void everyRecordReadsBackAsWritten() throws IOException {
        Random random = new Random(17);
        Path file = dir.resolve("records.bin");
        List<Object> written = new ArrayList<>();
        try (SpillOutput out = SpillOutput.create(file)) {
            for (int i = 0; i < 5_000; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        LogRow row = logRow(random, i);
                        SpillCodec.writeRow(out, FILES.indexOf(row.source()), row);
                        written.add(row);
                    }
                    case 1 -> {
                        RowRejection rejection = new RowRejection(FILES.get(i % 2), i, pick(random, "wamid." + i, null),
                                "INVALID_VALUE: direction 'SIDEWAYS'");
                        SpillCodec.writeRejection(out, rejection);
                        written.add(rejection);
                    }
                    case 2 -> {
                        AcceptedMessage m = message(random, i);
                        SpillCodec.writeAcceptedMessage(out, m);
                        written.add(m);
                    }
                    default -> {
                        OutcomeRecord o = outcome(random, i);
                        SpillCodec.writeOutcome(out, o);
                        written.add(o);
                    }
                }
            }
        }
        List<Object> read = new ArrayList<>();
        try (SpillInput in = new SpillInput(file)) {
            for (Object w : written) {
                if (w instanceof LogRow) read.add(SpillCodec.readRow(in, FILES));
                else if (w instanceof RowRejection) read.add(SpillCodec.readRejection(in));
                else if (w instanceof AcceptedMessage) read.add(SpillCodec.readAcceptedMessage(in));
                else read.add(SpillCodec.readOutcome(in));
            }
            assertThat(in.hasMore()).isFalse();
        }
        assertThat(read).containsExactlyElementsOf(written);
    }
}
