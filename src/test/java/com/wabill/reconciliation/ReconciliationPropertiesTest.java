package com.wabill.reconciliation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.wabill.testsupport.FastTest;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.REGULAR;
import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever the ledger, an export generated from it reconciles clean. */
@FastTest
class ReconciliationPropertiesTest {

    @Provide
    Arbitrary<List<ReplayItem>> ledgers() {
        Arbitrary<ReplayItem> item = Combinators.combine(
                Arbitraries.of(ReplayItem.Kind.values()),
                Arbitraries.of(WABA_1, WABA_2, "waba-utc"),
                Arbitraries.of(PHONE_A, PHONE_B, PHONE_C),
                Arbitraries.of("BR", "US", "IN"),
                Arbitraries.of(MARKETING, UTILITY, AUTHENTICATION, SERVICE),
                Arbitraries.longs().between(0, 10L * 86400),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("0.2")).ofScale(4)
        ).as((kind, waba, phone, country, cat, secs, amount) -> new ReplayItem(kind, "id",
                waba, phone, country, cat, REGULAR,
                (kind == ReplayItem.Kind.CONVERSATION ? Instant.parse("2024-03-01T00:00:00Z")
                        : Instant.parse("2025-07-01T12:00:00Z")).plusSeconds(secs), amount, "USD"));
        return item.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void anyLedgerReconcilesCleanAgainstItsOwnExport(@ForAll("ledgers") List<ReplayItem> items) throws IOException {
        Path d = Files.createTempDirectory("meta");
        try {
            MetaExportWriter writer = new MetaExportWriter(ZONES);
            assertEquals(List.of(), reconcileThroughFiles(d, writer.buckets(items), writer.invoiceLines(items), items));
        } finally {
            try (var s = Files.list(d)) {
                for (Path f : s.toList()) Files.delete(f);
            }
            Files.delete(d);
        }
    }
}
