package com.wabill.reconciliation;

import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class MetaExportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesMetasFormatAndReadsItBackExactly() throws IOException {
        List<ReplayItem> items = ledger();
        new MetaExportWriter(ZONES).write(dir, items);
        assertTrue(Files.exists(dir.resolve("waba-1.json")));
        assertTrue(Files.exists(dir.resolve("waba-2.json")));
        String json = Files.readString(dir.resolve("waba-1.json"));
        assertTrue(json.contains("\"conversation_analytics\""), json);
        assertTrue(json.contains("\"pricing_analytics\""), json);
        assertTrue(json.contains("\"cost\" : 0.1875"), json);
        assertTrue(json.contains("\"phone_number\" : \"551155550001\""), json);
        MetaBillingExport export = MetaBillingExport.load(dir);
        List<MetaBucket> expected = new MetaExportWriter(ZONES).buckets(items);
        assertEquals(expected.size(), export.buckets().size());
        List<MetaBucket> read = export.buckets().stream().map(b -> b.withSourceFile(null))
                .sorted(MetaExportWriter.BUCKET_ORDER).toList();
        assertEquals(expected, read);
    }

    @Test
    void utcDaysOnRequest() {
        List<MetaBucket> utc = new MetaExportWriter(ZONES).withUtcDays().buckets(ledger());
        assertTrue(utc.stream().allMatch(b -> b.start().atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0));
        // the ledger still reconciles clean against UTC-day buckets
        assertEquals(List.of(), AggregateReconciler.reconcile(utc, ledger(), ZONES, Tolerance.halfMinorUnit()));
    }

    @Test
    void invoiceLinesAreMonthlyTotalsRoundedOnceHalfUp() throws IOException {
        Instant t = Instant.parse("2024-03-31T23:00:00Z"); // still March in São Paulo, April in UTC
        List<ReplayItem> items = List.of(
                conv(1, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t, "0.0625", "USD"),
                conv(2, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, t, "0.0625", "USD"),
                conv(3, WABA_1, PHONE_A, "BR", UTILITY, REGULAR, t, "0.0005", "USD"),
                conv(4, WABA_1, PHONE_A, "BR", SERVICE, FREE_TIER, t.plusSeconds(86400 * 5), "0", "USD"));
        List<MetaInvoiceLine> lines = new MetaExportWriter(ZONES).invoiceLines(items);
        assertEquals(List.of(new MetaInvoiceLine(WABA_1, YearMonth.of(2024, 3), "USD", new BigDecimal("0.13"))), lines);
        StringWriter w = new StringWriter();
        MetaExportWriter.writeInvoices(w, lines);
        assertEquals("waba_id,period,currency,amount\r\nwaba-1,2024-03,USD,0.13\r\n", w.toString());
    }

    @Test
    void plantedUnknownCategoriesAreWrittenAsMetaNamesThem() throws IOException {
        MetaBucket b = new MetaBucket("w", PricingModel.PMP, Instant.ofEpochSecond(0), Instant.ofEpochSecond(86400),
                null, "IN", AUTHENTICATION, REGULAR, 2, new BigDecimal("0.2720"), null)
                .withMetaCategory("BUSINESS_INITIATED");
        MetaExportWriter.writeJson(dir, List.of(b));
        MetaBucket read = MetaBillingExport.load(dir).buckets().get(0);
        assertEquals("BUSINESS_INITIATED", read.metaCategory());
        assertNull(read.category());
        assertEquals("0.2720", read.cost().toPlainString());
    }
}
