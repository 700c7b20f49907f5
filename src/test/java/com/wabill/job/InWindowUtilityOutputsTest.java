package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.wabill.parquet.MessageLogWriter;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;
import com.wabill.report.UtilityInWindow;

/**
 * Issue 14, for the people who read the outputs: the utility templates charged inside the customer service window
 * (SPEC 2.10.6, free before 2026-10-01) are shown apart in report.html, the invoice pages and summary.json, while
 * the utility figures beside them stay as they were (they include them).
 *
 * <p>The log, worked by hand with the v3 test card (USD from 2026-10-01: India utility tiers 1-3 at 0.0014, 4 on at
 * 0.0010 per portfolio and month; marketing 0.0118), as scenario v02 does:
 * <ul>
 *   <li>waba-in bills in Asia/Kolkata (2026-10-01 00:00 there is 2026-09-30T18:30Z). i1 at 18:00Z opens the window
 *       up to 10-01T18:00Z. u1 (18:29:59Z, still 30 September there) is free (2.9.6), in September. u2 (18:30Z), u3
 *       (delivered 18:31Z), u4 (18:40Z) are utility numbers 1-3 at 0.0014, u5 (18:50Z) and u6 (19:10Z) numbers 4
 *       and 5 at 0.0010: five in the window, 3 x 0.0014 + 2 x 0.0010 = 0.0062. u7 (10-02T12:00Z, after the window)
 *       is number 6 at 0.0010, charged but outside the window. t1 is a free service message, m1 a marketing template
 *       at 0.0118 (inside the window, but marketing was always charged).</li>
 *   <li>waba-utc bills in UTC: j1 at 09-30T18:00Z opens the window to 10-01T18:00Z. v3 at 10-01T00:00Z is inside it
 *       (number 1 of its own portfolio, 0.0014); v4 at 10-01T20:00Z is after it (number 2, 0.0014).</li>
 * </ul>
 * October 2026 in USD: 8 utility templates charged for 0.0072 + 0.0028 = 0.0100, of which 6 inside the window for
 * 0.0062 + 0.0014 = 0.0076; marketing 0.0118; all charges 0.0218. The invoice of waba-in for October: 5 in the window
 * for 0.0062; that of waba-utc: 1 for 0.0014. September (u1) is under the rules of 2025-07: no in-window figure.
 */
@SharedJobContext
class InWindowUtilityOutputsTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;
    static final String IN = "919812300005";
    static final String UTC = "919812300006";

    private static Map<String, String> row(String id, String waba, String phone, String contact, String direction,
            String sentAt, String category) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("message_id", id);
        m.put("waba_id", waba);
        m.put("phone_number_id", phone);
        m.put("business_phone_number", "15550001111");
        m.put("contact_wa_id", contact);
        m.put("direction", direction);
        m.put("sent_at", sentAt);
        m.put("status", direction.equals("INBOUND") ? "RECEIVED" : "DELIVERED");
        m.put("message_type", category == null ? "TEXT" : "TEMPLATE");
        if (category != null) m.put("template_category", category);
        return m;
    }

    static List<Map<String, String>> log() {
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(row("i1", "waba-in", "pn-u", IN, "INBOUND", "2026-09-30T18:00:00Z", null));
        rows.add(row("u1", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:29:59Z", "UTILITY"));
        rows.add(row("u2", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:30:00Z", "UTILITY"));
        Map<String, String> u3 = row("u3", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:29:00Z", "UTILITY");
        u3.put("delivered_at", "2026-09-30T18:31:00Z");
        rows.add(u3);
        rows.add(row("t1", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:32:00Z", null));
        rows.add(row("u4", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:40:00Z", "UTILITY"));
        rows.add(row("u5", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T18:50:00Z", "UTILITY"));
        rows.add(row("m1", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T19:00:00Z", "MARKETING"));
        rows.add(row("u6", "waba-in", "pn-u", IN, "OUTBOUND", "2026-09-30T19:10:00Z", "UTILITY"));
        rows.add(row("u7", "waba-in", "pn-u", IN, "OUTBOUND", "2026-10-02T12:00:00Z", "UTILITY"));
        rows.add(row("j1", "waba-utc", "pn-z", UTC, "INBOUND", "2026-09-30T18:00:00Z", null));
        rows.add(row("v3", "waba-utc", "pn-z", UTC, "OUTBOUND", "2026-10-01T00:00:00Z", "UTILITY"));
        rows.add(row("v4", "waba-utc", "pn-z", UTC, "OUTBOUND", "2026-10-01T20:00:00Z", "UTILITY"));
        return rows;
    }

    @Test
    void utilityChargedInsideTheWindowIsShownApartInTheSummaryTheReportAndTheInvoices() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/v3/reference"), ROOT);
        MessageLogWriter.writeAll(ROOT.resolve("logs/part-0.parquet").toString(), log());
        JobExecution execution = launcher.launch(billing, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 2));
        assertThat(execution.getStatus()).as("failures: %s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);

        // the ledger marks exactly the utility templates charged inside the window
        assertThat(jdbc.queryForList("select message_id from priced_message where in_window order by message_id",
                String.class)).containsExactly("u2", "u3", "u4", "u5", "u6", "v3");

        // summary.json: October in USD, 6 for 0.0076; September has no such figure; chargesByCategory unchanged
        RunSummary summary = SummaryJson.read(ROOT.resolve("out/summary.json"));
        assertThat(summary.utilityInServiceWindow()).hasSize(1);
        RunSummary.UtilityInWindowCharge oct = summary.utilityInServiceWindow().get(0);
        assertThat(List.of(oct.period(), oct.currency())).containsExactly("2026-10", "USD");
        assertThat(oct.messages()).isEqualTo(6);
        assertThat(oct.amount()).isEqualByComparingTo("0.0076");
        RunSummary.CategoryCharge utility = summary.chargesByCategory().stream()
                .filter(c -> c.period().equals("2026-10") && c.category().equals("UTILITY")
                        && c.type().equals("REGULAR"))
                .findFirst().orElseThrow();
        assertThat(utility.messages()).as("all utility templates charged, in-window ones included").isEqualTo(8);
        assertThat(utility.amount()).isEqualByComparingTo("0.0100");
        String json = Files.readString(ROOT.resolve("out/summary.json"));
        assertThat(json).contains("\"utilityInServiceWindow\"");

        // report.html: the row of October in USD of the service and utility charges, with the two new figures after
        // the utility ones: free service 1, service charged 0 for 0, utility 8 for 0.0100, in the window 6 for
        // 0.0076, other (marketing) 0.0118, all 0.0218
        String html = Files.readString(ROOT.resolve("out/report.html"));
        assertThat(html).contains(UtilityInWindow.LABEL);
        String section = html.substring(html.indexOf("<h2>Service and utility charges</h2>"),
                html.indexOf("<h2>Invoices</h2>"));
        List<String> header = cells(section, "th");
        assertThat(header).containsExactly("Period", "Currency", "Service messages free", "Service messages charged",
                "Service charges", "Utility templates charged", "Utility charges",
                UtilityInWindow.LABEL, "Utility in the service window: charges", "Other charges",
                "All charges (unrounded)");
        List<String> row = cells(section, "td");
        assertThat(row).hasSize(11);
        assertThat(row.subList(0, 2)).containsExactly("2026-10", "USD");
        List<String> expected = List.of("1", "0", "0", "8", "0.0100", "6", "0.0076", "0.0118", "0.0218");
        for (int i = 0; i < expected.size(); i++) {
            assertThat(new BigDecimal(row.get(i + 2))).as(header.get(i + 2))
                    .isEqualByComparingTo(new BigDecimal(expected.get(i)));
        }

        // the per-category table: the UTILITY / REGULAR line in USD as before (8 for 0.0100), then a line of its own
        String perCategory = html.substring(html.indexOf("<h2>Per category</h2>"));
        perCategory = perCategory.substring(0, perCategory.indexOf("</table>"));
        List<String> lines = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(perCategory);
        while (tr.find()) lines.add(String.join("|", cells(tr.group(1), "td")));
        int utilityLine = lines.indexOf("PMP|UTILITY|REGULAR|USD|0|8|8|0.0100");
        assertThat(utilityLine).as("per category: %s", lines).isPositive();
        assertThat(lines.get(utilityLine + 1)).isEqualTo("of which|" + UtilityInWindow.LABEL + "|REGULAR|USD||6||0.0076");

        // the invoice pages: each WABA's own October figure; September's page has none
        String in = Files.readString(ROOT.resolve("out/invoices/waba-in-2026-10-r1.html"));
        assertThat(text(in)).contains(UtilityInWindow.LABEL + " 5 template(s), USD 0.0062");
        String utc = Files.readString(ROOT.resolve("out/invoices/waba-utc-2026-10-r1.html"));
        assertThat(text(utc)).contains(UtilityInWindow.LABEL + " 1 template(s), USD 0.0014");
        assertThat(Files.readString(ROOT.resolve("out/invoices/waba-in-2026-09-r1.html")))
                .doesNotContain(UtilityInWindow.LABEL);
    }

    /** The text of every {@code <tag>} cell of an HTML fragment, in order. */
    private static List<String> cells(String html, String tag) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + "[^>]*>(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        while (m.find()) out.add(text(m.group(1)));
        return out;
    }

    /** The text of an HTML fragment: tags dropped, whitespace collapsed, the few entities Thymeleaf writes decoded. */
    private static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replaceAll("\\s+", " ").trim();
    }
}
