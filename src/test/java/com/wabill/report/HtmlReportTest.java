package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import com.wabill.invoicing.WabaMonth;

class HtmlReportTest {

    static final Set<WabaMonth> TOUCHED = Set.of(new WabaMonth("waba-1", "2025-03"),
            new WabaMonth("waba-2", "2025-03"), new WabaMonth("waba-3", "2025-07"));

    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.jdbc();
        TestDatabase.clean();
        LedgerFixture f = new LedgerFixture(jdbc);
        LedgerCsvFilesTest.seed(f);
        f.conversation("conv-m1", "waba-1", "5511987650001", "MARKETING", "REGULAR", "2025-03-01T10:00:00Z",
                        "Brazil", "USD", "0.0625", "0.0625", "CBP")
                .conversation("conv-m2", "waba-1", "5511987650001", "UTILITY", "REGULAR", "2025-03-01T11:00:00Z",
                        "Brazil", "USD", "0.0080", "0.0080", "CBP")
                .conversation("conv-m3", "waba-1", "5511987650002", "SERVICE", "REGULAR", "2025-03-03T09:00:00Z",
                        "Brazil", "USD", null, "0", "CBP")
                .conversation("conv-m4", "waba-2", "5511987650003", "SERVICE", "REGULAR", "2025-03-02T09:00:00Z",
                        "Other", "BRL", null, "0", "CBP")
                .conversation("conv-old", "waba-1", "5511987650009", "MARKETING", "REGULAR", "2025-02-10T09:00:00Z",
                        "Brazil", "USD", "0.0625", "0.0625", "CBP")
                .pricedMessage("pm1", "waba-3", "5511987650004", "MARKETING", "REGULAR", "2025-07-02T09:00:00Z",
                        "USD", "0.0625", "0.0625")
                .pricedMessage("pm2", "waba-3", "5511987650004", "UTILITY", "FREE_CUSTOMER_SERVICE",
                        "2025-07-02T10:00:00Z", "USD", null, "0")
                .discrepancy(6, "COUNT_MISMATCH", "waba-1", "15550001111", "2025-03-03T03:00:00Z",
                        "2025-03-04T03:00:00Z", "BR", "SERVICE", "REGULAR", 1L, 81L, "0", "5.00", "-5.00",
                        "<script>alert(\"x\")</script>");
    }

    static RunSummary summary() {
        return RunSummary.builder("billing").executionId(6L)
                .range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 3))
                .mode(RunSummary.Mode.EXPLICIT_RANGE, "from/to given")
                .addRowsRead(12).addAccepted(10).addRejected("INVALID_VALUE: direction").addRejected("MISSING_VALUE: x")
                .addPolicyViolation("<img src=x onerror=alert(1)>", "waba-1", "5511987650001",
                        Instant.parse("2025-03-02T08:00:00Z"))
                .addUnknownWaba("waba-2")
                .warn("days after 2025-03-03 need re-running")
                .stepTime("replay", 12)
                .build();
    }

    String write(Path out) throws Exception {
        List<RejectedRow> rejected = List.of(
                new RejectedRow("logs/a.parquet", 1, "<b>bold</b>", "INVALID_VALUE: direction"),
                new RejectedRow("logs/a.parquet", 2, null, "MISSING_VALUE: x"));
        Path f = HtmlReport.write(out, jdbc, summary(), TOUCHED, rejected,
                Map.of("waba-1", "Loja & Cia <Brasil>"));
        assertEquals(out.resolve("report.html"), f);
        return Files.readString(f);
    }

    @Test
    void hasChartsAsInlineSvg(@TempDir Path out) throws Exception {
        String html = write(out);
        assertTrue(count(html, "<svg ") >= 4, "stacked conversations, PMP messages, charges per currency");
        assertTrue(html.contains("Conversations per day"));
        assertTrue(html.contains("Charges per WABA, USD"));
        assertTrue(html.contains("Charges per WABA, BRL"));
        // the gap day between two days with conversations is on the axis
        int chart = html.indexOf("Conversations per day");
        String svg = html.substring(chart, html.indexOf("</svg>", chart));
        assertTrue(svg.contains(">2025-03-01<") && svg.contains(">2025-03-02<") && svg.contains(">2025-03-03<"), svg);
        assertFalse(svg.contains("2025-02-10"), "a month the run did not touch");
        assertTrue(svg.contains("MARKETING") && svg.contains("UTILITY") && svg.contains("SERVICE"));
    }

    @Test
    void isSelfContained(@TempDir Path out) throws Exception {
        String html = write(out);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no stylesheet link");
        assertFalse(Pattern.compile("<[a-zA-Z][^>]*\\s(src|srcset)=").matcher(html).find(), "no fetched resource");
        assertFalse(html.contains("url(") || html.contains("@import"));
        assertEquals(html.replace("http://www.w3.org/2000/svg", "").indexOf("http"), -1, "no absolute URL");
        assertTrue(html.contains("<style>"));
    }

    @Test
    void escapesTextAndMasksContacts(@TempDir Path out) throws Exception {
        String html = write(out);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
        assertTrue(html.contains("Loja &amp; Cia &lt;Brasil&gt;"));
        assertFalse(html.contains("<b>bold"));
        assertTrue(html.contains("+55 *******0001"));
        for (String n : List.of("5511987650001", "5511987650002", "5511987650003", "5511987650004")) {
            assertFalse(html.contains(n), "whole contact number " + n);
        }
    }

    @Test
    void listsTotalsDiscrepanciesViolationsRejectedRowsAndWarnings(@TempDir Path out) throws Exception {
        String html = write(out);
        int table = html.indexOf("<th>Detail</th>");
        int big = html.indexOf("&lt;script&gt;", table);
        int missing = html.indexOf("<td>MISSING_AT_META</td>", table);
        int amount = html.indexOf("<td>AMOUNT_MISMATCH</td>", table);
        assertTrue(table > 0 && big > table && missing > big && amount > missing, "largest |difference| first");
        assertFalse(html.contains("from an earlier run"), "another run's discrepancy");

        assertTrue(html.contains("days after 2025-03-03 need re-running"));
        assertTrue(html.contains("WABAs without a row in accounts.csv"));
        assertTrue(html.contains("<td>INVALID_VALUE</td>"));
        assertTrue(html.contains("logs/a.parquet"));
        assertTrue(html.contains("OUTSIDE_SERVICE_WINDOW"));

        // per WABA: waba-1 March has 3 conversations (the February one is not in a touched month), 0.0705 charged
        assertTrue(html.contains("<td>waba-1</td><td>Loja &amp; Cia &lt;Brasil&gt;</td><td>2025-03</td><td>USD</td>"
                + "<td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">2</td>"
                + "<td class=\"n\">0.0705</td><td class=\"n\">0.13</td>"), html);
        // per category: the PMP message lines
        assertTrue(html.contains("<td>PMP</td><td>MARKETING</td><td>REGULAR</td><td>USD</td><td class=\"n\">0</td>"
                + "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0.0625</td>"), html);
        // links to the invoice pages
        assertTrue(html.contains("href=\"invoices/waba-1-2025-03-r1.html\""));
        assertTrue(html.contains("href=\"invoices/waba-1-2025-03-r2.html\""));
        assertTrue(html.contains("href=\"invoices/waba-2-2025-03-r1.html\""));
    }

    @Test
    void anEmptyRunStillWritesAPage(@TempDir Path out) throws Exception {
        TestDatabase.clean();
        Path f = HtmlReport.write(out, jdbc, RunSummary.builder("billing").build(), Set.of());
        String html = Files.readString(f);
        assertTrue(html.contains("No conversations in the touched months."));
        assertTrue(html.contains("Discrepancies"));
        assertTrue(html.endsWith("</html>\n"));
    }

    static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

}
