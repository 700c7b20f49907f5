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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

/** report.html rendered from plain figures ({@link Figures}): what it shows, escaped, self-contained. */
@FastTest
class HtmlReportTest {

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

    static HtmlReport.Inputs inputs() {
        List<RejectedRow> rejected = List.of(
                new RejectedRow("logs/a.parquet", 1, "<b>bold</b>", "INVALID_VALUE: direction"),
                new RejectedRow("logs/a.parquet", 2, null, "MISSING_VALUE: x"));
        return new HtmlReport.Inputs(Figures.figures(), Figures.TOUCHED, rejected,
                Map.of("waba-1", "Loja & Cia <Brasil>"));
    }

    String write(Path out) throws Exception {
        Path f = HtmlReport.write(out, HtmlReport.view(summary(), inputs()));
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
        Path f = HtmlReport.write(out, HtmlReport.view(RunSummary.builder("billing").build(), HtmlReport.Inputs.none()));
        String html = Files.readString(f);
        assertTrue(html.contains("No conversations in the touched months."));
        assertTrue(html.contains("Discrepancies"));
        assertTrue(html.endsWith("</html>\n"));
    }

    /** The cells of a table of the view, as text. */
    static List<List<String>> cells(TableView t) {
        return t.rows().stream().map(r -> r.stream().map(TableView.Cell::text).toList()).toList();
    }

    @Test
    void totalsAddTheMonthsPerCurrencyWithTheLatestRevisionOfEachInvoice() {
        HtmlReport.ReportView view = HtmlReport.view(summary(), inputs());
        // USD: waba-1 March (3 conversations, 2 billable, 0.0705) and waba-3 July (2 PMP messages, 1 billable,
        // 0.0625): 3 conversations, 2 messages, 3 billable, 0.0705 + 0.0625 = 0.1330 charged; invoiced: waba-1
        // March's latest revision (r2, 0.13), not r1 (0.07) as well; BRL: waba-2's one conversation, invoiced 0
        assertEquals(List.of(List.of("BRL", "1", "0", "0", "0", "0"), List.of("USD", "3", "2", "3", "0.1330", "0.13")),
                cells(view.totals()));
        assertEquals(List.of("Currency", "Conversations", "Messages (PMP)", "Billable", "Charges (unrounded)",
                "Invoiced (rounded)"), view.totals().columns().stream().map(TableView.Column::label).toList());
        assertEquals(List.of(false, true, true, true, true, true),
                view.totals().columns().stream().map(TableView.Column::numeric).toList());
        // per WABA links the latest revision of the month: r2 for waba-1 March
        List<TableView.Cell> waba1 = view.perWaba().rows().get(0);
        assertEquals("invoices/waba-1-2025-03-r2.html", waba1.get(10).href());
        assertEquals("CLOSED r2", waba1.get(10).text());
        assertEquals(3, cells(view.invoices()).size(), "every revision is listed under Invoices");
        assertEquals("discrepancies", view.cards().get(8).label());
        assertEquals(3, view.cards().get(8).value());
    }

    @Test
    void theDailyChartsFillTheGapDaysAndStackTheCategoriesInTheirOrder() {
        HtmlReport.ReportView view = HtmlReport.view(summary(), inputs());
        SvgChart.ChartView chart = view.conversationsChart();
        // 2025-03-01: MARKETING 1 + UTILITY 1; 2025-03-02: SERVICE 1 (waba-2); 2025-03-03: SERVICE 1: three bars,
        // four segments, the axis up to 2 (the tallest bar)
        List<String> bars = chart.rects().stream().filter(r -> r.tooltip() != null).map(SvgChart.Rect::tooltip).toList();
        assertEquals(List.of("2025-03-01 MARKETING: 1", "2025-03-01 UTILITY: 1", "2025-03-02 SERVICE: 1",
                "2025-03-03 SERVICE: 1"), bars);
        assertTrue(chart.labels().stream().anyMatch(l -> l.text().equals("2")), "axis label 2");
        // legend in the order of SPEC 3.2's categories
        List<String> legend = chart.labels().stream().map(SvgChart.Label::text)
                .filter(t -> t.equals("MARKETING") || t.equals("UTILITY") || t.equals("SERVICE")).toList();
        assertEquals(List.of("SERVICE", "UTILITY", "MARKETING"), legend, "drawn from the right");
        assertEquals(2, view.chargeCharts().size(), "one chart of charges per currency");
        assertEquals(null, HtmlReport.perDayChart(List.of(), "t", "y"));
    }

    @Test
    void theDiscrepancyTableSaysWhenItShowsOnlyTheLargest() {
        LedgerFigures f = Figures.figures();
        LedgerFigures many = new LedgerFigures(f.invoices(), f.payments(), f.perWaba(), f.perCategory(),
                f.conversationsPerDay(), f.messagesPerDay(), new LedgerFigures.Discrepancies(2500,
                        f.discrepancies().byKind(), f.discrepancies().largest()));
        HtmlReport.ReportView view = HtmlReport.view(summary(), new HtmlReport.Inputs(many, Figures.TOUCHED, null, null));
        assertEquals("The 3 largest of 2500; discrepancies.csv lists them all.", view.discrepancies().shown());
        assertEquals(null, HtmlReport.view(summary(), inputs()).discrepancies().shown(), "all of them shown");
        assertEquals(null, HtmlReport.view(summary(), HtmlReport.Inputs.none()).discrepancies(), "none found");
    }


    static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

}
