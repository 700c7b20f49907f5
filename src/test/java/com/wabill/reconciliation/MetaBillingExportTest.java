package com.wabill.reconciliation;

import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class MetaBillingExportTest {

    @TempDir
    Path dir;

    /** Meta's documented sample response (research note, section 3), with a paging object and unknown fields. */
    static final String CBP_SAMPLE = """
            {"conversation_analytics":{"data":[{"data_points":[{"start":1685602800,"end":1688194800,
             "conversation":2636,"phone_number":"15550458206","country":"US","conversation_type":"REGULAR",
             "conversation_direction":"UNKNOWN","conversation_category":"MARKETING","cost":26.36}]}],
             "paging":{"cursors":{"before":"x","after":"y"}}},"id":"102290129340398"}
            """;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private MetaExportException loadFails() {
        return assertThrows(MetaExportException.class, () -> MetaBillingExport.load(dir));
    }

    @Test
    void readsMetasSampleResponse() throws IOException {
        Path f = write("waba.json", CBP_SAMPLE);
        MetaBillingExport export = MetaBillingExport.load(dir);
        assertEquals(List.of(), export.invoiceLines());
        MetaBucket b = export.buckets().get(0);
        assertEquals(1, export.buckets().size());
        assertEquals("102290129340398", b.wabaId());
        assertEquals(PricingModel.CBP, b.model());
        assertEquals(Instant.parse("2023-06-01T07:00:00Z"), b.start());
        assertEquals(Instant.ofEpochSecond(1688194800), b.end());
        assertEquals("15550458206", b.phoneNumber());
        assertEquals("US", b.country());
        assertEquals(MARKETING, b.category());
        assertEquals(REGULAR, b.type());
        assertEquals(2636, b.count());
        assertEquals(new BigDecimal("26.36"), b.cost());
        assertEquals(f, b.sourceFile());
    }

    @Test
    void keepsTheCostExactlyAsWritten() throws IOException {
        write("w.json", """
                {"pricing_analytics":{"data":[{"data_points":[
                  {"start":1751338800,"end":1751425200,"volume":1,"cost":0.0100,"country":"br","pricing_category":"utility","pricing_type":"regular"},
                  {"start":1751338800,"end":1751425200,"volume":7,"cost":0.43750000000000000001,"country":"BR","pricing_category":"MARKETING","pricing_type":"REGULAR"},
                  {"start":1751338800,"end":1751425200,"volume":2,"cost":10,"country":"BR","pricing_category":"AUTHENTICATION","pricing_type":"REGULAR","tier":"0:2"},
                  {"start":1751338800,"end":1751425200,"volume":2,"cost":"1.50","country":"BR","pricing_category":"SERVICE","pricing_type":"free_customer_service"}
                ]}]},"id":"w"}
                """);
        List<MetaBucket> bs = MetaBillingExport.load(dir).buckets();
        assertEquals("0.0100", bs.get(0).cost().toPlainString());
        assertEquals("0.43750000000000000001", bs.get(1).cost().toPlainString());
        assertEquals("10", bs.get(2).cost().toPlainString());
        assertEquals("1.50", bs.get(3).cost().toPlainString());
        assertEquals(PricingModel.PMP, bs.get(0).model());
        assertEquals(UTILITY, bs.get(0).category());
        assertEquals("BR", bs.get(0).country());
        assertEquals(FREE_CUSTOMER_SERVICE, bs.get(3).type());
        assertNull(bs.get(0).phoneNumber());
    }

    @Test
    void aFileMayHoldBothAnalyticsAndFilesAreReadInNameOrder() throws IOException {
        write("b.json", """
                {"id":"w2","conversation_analytics":{"data":[{"data_points":[
                  {"start":1,"end":2,"conversation":1,"country":"US","conversation_type":"FREE_ENTRY","conversation_category":"REFERRAL_CONVERSION","cost":0}]}]},
                 "pricing_analytics":{"data":[{"data_points":[
                  {"start":3,"end":4,"volume":"5","country":"US","pricing_type":"REGULAR","pricing_category":"MARKETING"}]}]}}
                """);
        write("a.json", CBP_SAMPLE);
        write("notes.txt", "not read");
        List<MetaBucket> bs = MetaBillingExport.load(dir).buckets();
        assertEquals(3, bs.size());
        assertEquals("102290129340398", bs.get(0).wabaId());
        assertEquals(FREE_ENTRY_POINT, bs.get(1).type());
        assertEquals(REFERRAL_CONVERSION, bs.get(1).category());
        assertEquals(PricingModel.PMP, bs.get(2).model());
        assertEquals(5, bs.get(2).count());
        assertNull(bs.get(2).cost(), "no cost reported");
    }

    @Test
    void unknownCategoriesAreKeptNotFatal() throws IOException {
        write("w.json", """
                {"pricing_analytics":{"data":[{"data_points":[
                  {"start":1,"end":2,"volume":3,"cost":0.408,"country":"IN","pricing_category":"BUSINESS_INITIATED","pricing_type":"REGULAR"},
                  {"start":1,"end":2,"volume":1,"cost":0.01,"country":"IN","pricing_category":"authentication-international","pricing_type":"REGULAR"},
                  {"start":1,"end":2,"volume":1,"cost":0.01,"country":"IN","pricing_category":"MARKETING_LITE","pricing_type":"SOMETHING_NEW"}
                ]}]},"id":"w"}
                """);
        List<MetaBucket> bs = MetaBillingExport.load(dir).buckets();
        assertNull(bs.get(0).category());
        assertEquals("BUSINESS_INITIATED", bs.get(0).metaCategory());
        assertEquals(REGULAR, bs.get(0).type());
        assertFalse(bs.get(0).recognised());
        // SPEC 4: authentication-international and marketing_lite are known names
        assertEquals("authentication-international", bs.get(1).metaCategory());
        assertEquals(com.wabill.engine.Category.AUTHENTICATION_INTERNATIONAL, bs.get(1).category());
        assertTrue(bs.get(1).recognised());
        assertEquals(com.wabill.engine.Category.MARKETING, bs.get(2).category());
        assertNull(bs.get(2).type());
        assertEquals("SOMETHING_NEW", bs.get(2).metaType());
    }

    @Test
    void malformedJsonNamesTheFileAndLine() throws IOException {
        write("waba-7.json", "{\"id\":\"w\",\n \"conversation_analytics\": {\"data\": [ }");
        MetaExportException e = loadFails();
        assertTrue(e.getMessage().contains("waba-7.json"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertEquals("waba-7.json", e.file().getFileName().toString());
    }

    @Test
    void aWrongValueNamesTheJsonPath() throws IOException {
        write("w.json", """
                {"conversation_analytics":{"data":[{"data_points":[
                  {"start":1,"end":2,"conversation":1,"country":"US","conversation_type":"REGULAR","conversation_category":"MARKETING","cost":1},
                  {"start":1,"end":2,"conversation":1,"country":"US","conversation_type":"REGULAR","conversation_category":"MARKETING","cost":"abc"}
                ]}]},"id":"w"}
                """);
        MetaExportException e = loadFails();
        assertEquals("$.conversation_analytics.data[0].data_points[1].cost", e.location());
        assertTrue(e.getMessage().contains("w.json"), e.getMessage());
    }

    @Test
    void missingFieldsAndShapesAreRefused() throws IOException {
        String point = "{\"start\":1,\"end\":2,\"conversation\":1,\"country\":\"US\",\"conversation_type\":\"REGULAR\",\"conversation_category\":\"MARKETING\"}";
        String[][] cases = {
                {"{\"conversation_analytics\":{\"data\":[{\"data_points\":[" + point + "]}]}}", "$.id"},
                {"{\"id\":\"w\"}", "$"},
                {"[1,2]", "$"},
                {"{\"id\":\"w\",\"conversation_analytics\":{\"data\":{}}}", "$.conversation_analytics.data"},
                {"{\"id\":\"w\",\"conversation_analytics\":{\"data\":[{\"data_points\":[" + point.replace("\"end\":2", "\"end\":1") + "]}]}}",
                        "$.conversation_analytics.data[0].data_points[0].end"},
                {"{\"id\":\"w\",\"conversation_analytics\":{\"data\":[{\"data_points\":[" + point.replace("\"conversation\":1,", "") + "]}]}}",
                        "$.conversation_analytics.data[0].data_points[0].conversation"},
                {"{\"id\":\"w\",\"conversation_analytics\":{\"data\":[{\"data_points\":[" + point.replace("\"conversation\":1", "\"conversation\":1.5") + "]}]}}",
                        "$.conversation_analytics.data[0].data_points[0].conversation"},
                {"{\"id\":\"w\",\"conversation_analytics\":{\"data\":[{\"data_points\":[" + point.replace("\"country\":\"US\",", "") + "]}]}}",
                        "$.conversation_analytics.data[0].data_points[0].country"},
                {"{\"error\":{\"message\":\"(#100) Invalid parameter\",\"code\":100}}", "$.error"},
        };
        for (String[] c : cases) {
            Path f = write("case.json", c[0]);
            MetaExportException e = assertThrows(MetaExportException.class, () -> MetaBillingExport.readAnalytics(f), c[0]);
            assertEquals(c[1], e.location(), e.getMessage());
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @Test
    void readsInvoices() throws IOException {
        write("invoices.csv", "\uFEFFwaba_id,period,currency,amount\r\nw1,2025-03,usd,12.34\r\n\r\n\"w,2\",2025-02,INR,1000\n");
        List<MetaInvoiceLine> lines = MetaBillingExport.load(dir).invoiceLines();
        assertEquals(List.of(
                new MetaInvoiceLine("w1", YearMonth.of(2025, 3), "USD", new BigDecimal("12.34")),
                new MetaInvoiceLine("w,2", YearMonth.of(2025, 2), "INR", new BigDecimal("1000"))), lines);
    }

    @Test
    void aBadInvoiceLineIsNamed() throws IOException {
        String[][] cases = {
                {"waba_id,period,currency,amount\nw1,2025-03,USD,1\nw1,2025-13,USD,1\n", "line 3"},
                {"waba_id,period,currency,amount\nw1,2025-03,USD,1,2\n", "line 2"},
                {"waba_id,period,currency,amount\nw1,2025-03,XYZ,1\n", "line 2"},
                {"waba_id,period,currency,amount\nw1,2025-03,USD,1.234.5\n", "line 2"},
                {"waba_id,period,amount\nw1,2025-03,1\n", "line 1"},
                {"waba_id,period,currency,amount\nw1,2025-03,USD,\"1\n", "line 2"},
        };
        for (String[] c : cases) {
            write("invoices.csv", c[0]);
            MetaExportException e = loadFails();
            assertEquals(c[1], e.location(), e.getMessage());
            assertTrue(e.getMessage().contains("invoices.csv"), e.getMessage());
        }
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThrows(MetaExportException.class, () -> MetaBillingExport.load(dir.resolve("nope")));
    }
}
