package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.testsupport.FastTest;

/** The invoice pages rendered from plain figures ({@link Figures}). */
@FastTest
class InvoicePageTest {

    List<Path> write(Path out) throws Exception {
        return InvoicePage.write(out, Figures.invoices(), Figures.payments(), Map.of("waba-1", "Loja & Cia <Brasil>"));
    }

    @Test
    void writesOnePagePerRevisionOfTheTouchedMonths(@TempDir Path out) throws Exception {
        List<Path> pages = write(out);
        Path dir = out.resolve("invoices");
        assertEquals(List.of(dir.resolve("waba-1-2025-03-r1.html"), dir.resolve("waba-1-2025-03-r2.html"),
                dir.resolve("waba-2-2025-03-r1.html")), pages);
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left, one page per revision given");
        }
    }

    @Test
    void listsLinesTotalsAndPayments(@TempDir Path out) throws Exception {
        write(out);
        String html = Files.readString(out.resolve("invoices/waba-1-2025-03-r2.html"));
        assertTrue(html.contains("Loja &amp; Cia &lt;Brasil&gt;"));
        assertFalse(html.contains("<Brasil>"));
        assertTrue(html.contains("March 2025"));
        assertTrue(html.contains("<td>CBP</td><td>MARKETING</td><td>REGULAR</td><td>Brazil</td>"
                + "<td class=\"n\">0.0625</td><td class=\"n\">2</td><td class=\"n\">0.1250</td>"), html);
        assertTrue(html.contains("<td>CBP</td><td>SERVICE</td><td>REGULAR</td><td>Brazil</td><td class=\"n\">—</td>"));
        assertTrue(html.contains("Sum of lines (unrounded)</th><td><span class=\"n\">USD 0.1330</span>"), html);
        assertTrue(html.contains("USD 0.13"));
        assertTrue(html.contains("<td>2025-03-15T12:30:00.123456Z</td><td>THRESHOLD</td><td class=\"n\">0.05</td>"));
        assertTrue(html.contains("<td>2025-04-01T03:00:00Z</td><td>MONTH_END</td><td class=\"n\">0.08</td>"));
        assertFalse(html.contains("Not yet charged"), "the payments add up to the total");
        assertFalse(html.contains("2025-03-01T03:00:00Z"), "February's payment");
        assertFalse(html.contains("<script"));
    }

    @Test
    void showsTheDifferenceFromThePreviousRevision(@TempDir Path out) throws Exception {
        write(out);
        String r2 = Files.readString(out.resolve("invoices/waba-1-2025-03-r2.html"));
        int at = r2.indexOf("Changes from revision 1");
        assertTrue(at > 0, r2);
        String diff = r2.substring(at, r2.indexOf("</table>", r2.indexOf("</table>", at) + 1));
        assertTrue(diff.contains("<td>CBP</td><td>MARKETING</td><td>REGULAR</td><td>Brazil</td>"
                + "<td class=\"n\">0.0625</td><td class=\"n\">1</td><td class=\"n\">2</td>"
                + "<td class=\"n\">0.0625</td><td class=\"n\">0.1250</td>"
                + "<td class=\"n\"><span class=\"up\">+0.0625</span></td>"), diff);
        assertFalse(diff.contains("UTILITY"), "unchanged lines are not listed");
        assertTrue(diff.contains("Total before</th><td>USD 0.07"), diff);
        assertTrue(diff.contains("Total after</th><td>USD 0.13"), diff);
        assertTrue(diff.contains("<b>+0.06</b>"), diff);
        assertTrue(r2.contains("href=\"waba-1-2025-03-r1.html\""), "link to the other revision");

        String r1 = Files.readString(out.resolve("invoices/waba-1-2025-03-r1.html"));
        assertFalse(r1.contains("Changes from revision"));
        assertTrue(r1.contains("Superseded by <a href=\"waba-1-2025-03-r2.html\">revision 2</a>"), r1);
    }

    @Test
    void anOpenMonthWithoutPayments(@TempDir Path out) throws Exception {
        write(out);
        String html = Files.readString(out.resolve("invoices/waba-2-2025-03-r1.html"));
        assertTrue(html.contains("badge OPEN"));
        assertTrue(html.contains("No payment charged yet."));
        assertTrue(html.contains("BRL 0"));
    }

    @Test
    void theViewOfARevisionComparesItWithTheOneBefore() {
        List<InvoicePage.InvoiceView> views = InvoicePage.views(Figures.invoices(), Figures.payments(), Map.of());
        assertEquals(3, views.size());
        InvoicePage.InvoiceView r1 = views.get(0), r2 = views.get(1), open = views.get(2);
        // r1: 0.0625 + 0.0080 + 0 = 0.0705 unrounded, 0.07 rounded; superseded by r2, no changes section
        assertEquals("0.0705", r1.sumOfLines());
        assertEquals("0.07", r1.total());
        assertEquals(new InvoicePage.Link("waba-1-2025-03-r2.html", "revision 2"), r1.supersededBy());
        assertEquals(null, r1.changes());
        // r2: marketing went from 1 × 0.0625 to 2 × 0.0625, +0.0625; the total from 0.07 to 0.13, +0.06
        InvoicePage.Changes c = r2.changes();
        assertEquals(1, c.fromRevision());
        assertEquals(List.of(List.of("CBP", "MARKETING", "REGULAR", "Brazil", "0.0625", "1", "2", "0.0625", "0.1250",
                "+0.0625")), HtmlReportTest.cells(c.lines()));
        assertEquals("up", c.lines().rows().get(0).get(9).cssClass());
        assertEquals("USD 0.07", c.totalBefore());
        assertEquals("USD 0.13", c.totalAfter());
        assertEquals("+0.06", c.change());
        // the payments (0.05 + 0.08 = 0.13) cover r2's total; r1's 0.07 is overpaid by 0.06
        assertEquals(null, r2.openAmount());
        assertEquals("Charged above this total: USD 0.06", r1.openAmount());
        assertEquals(List.of("", "", "total paid", "0.13"), HtmlReportTest.cells(r2.payments()).get(2));
        assertEquals(List.of(new InvoicePage.Link("waba-1-2025-03-r1.html", "revision 1 (CLOSED, USD 0.07)"),
                new InvoicePage.Link(null, "revision 2 (CLOSED, USD 0.13)")), r2.revisions());
        // waba-2: open, nothing paid, no other revision; the account's name unknown: the id stands for it
        assertEquals("waba-2", open.account());
        assertEquals("", open.wabaName());
        assertEquals(null, open.payments());
        assertEquals(List.of(), open.revisions());
        assertEquals("provisional: the month is not over yet", open.statusText());
    }

    @Test
    void aRevisionWhosePredecessorIsMissingSaysSo() {
        LedgerFigures.Invoice r2 = Figures.invoices().get(1);
        InvoicePage.InvoiceView view = InvoicePage.views(List.of(r2), List.of(), Map.of()).get(0);
        assertEquals(1, view.changes().fromRevision());
        assertTrue(view.changes().previousMissing());
        assertEquals("Not yet charged: USD 0.13", view.openAmount());
    }


    @Test
    void sanitisesFileNames() {
        assertEquals("waba-1-2025-03-r2.html", InvoicePage.fileName("waba-1", "2025-03", 2));
        assertEquals("102290129340398-2025-03-r1.html", InvoicePage.fileName("102290129340398", "2025-03", 1));
        String evil = InvoicePage.fileName("../../etc/passwd", "2025-03", 1);
        assertFalse(evil.contains("/") || evil.startsWith("."), evil);
        assertTrue(evil.matches("[A-Za-z0-9_.-]+"), evil);
        assertNotEquals(InvoicePage.fileName("a/b", "2025-03", 1), InvoicePage.fileName("a_b", "2025-03", 1));
        assertNotEquals(InvoicePage.fileName("a/b", "2025-03", 1), InvoicePage.fileName("a:b", "2025-03", 1));
    }
}
