package com.wabill.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.ledger.LedgerQueries.Invoice;
import com.wabill.ledger.LedgerQueries.InvoiceWithLines;
import com.wabill.ledger.LedgerQueries.Line;
import com.wabill.ledger.LedgerQueries.Payment;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.LedgerQueries;

/**
 * One self-contained HTML page per invoice revision of the touched months, {@code invoices/<waba>-<period>-r<n>.html}:
 * a document a finance person can send. It shows the account, the period, the lines, the unrounded sum of the lines
 * and the rounded total, the payments of the month, and from revision 2 on what changed since the revision before.
 */
public final class InvoicePage {

    /** The folder under the output directory. */
    public static final String DIR = "invoices";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

    private InvoicePage() {
    }

    /**
     * The page's file name, {@code <waba>-<period>-r<revision>.html}. Characters outside {@code [A-Za-z0-9_.-]}
     * become {@code _}; a WABA id or period that needed that (or starts with a dot) gets a short hash of its
     * original value appended, so that two ids never share a page.
     */
    public static String fileName(String wabaId, String period, int revision) {
        return safe(wabaId) + "-" + safe(period) + "-r" + revision + ".html";
    }

    /** The page's path relative to the output directory, with {@code /} (for links). */
    public static String relativeLink(String wabaId, String period, int revision) {
        return DIR + "/" + fileName(wabaId, period, revision);
    }

    /**
     * Writes the pages of every revision of the touched months.
     *
     * @param wabaNames WABA id → the account's name (from accounts.csv); a missing name is left blank
     * @return the pages written, by WABA, period, revision
     */
    public static List<Path> write(Path outputDir, JdbcTemplate jdbc, Collection<WabaMonth> touched,
                                   Map<String, String> wabaNames) throws IOException {
        LedgerQueries q = new LedgerQueries(jdbc);
        List<InvoiceWithLines> invoices = q.invoices(touched == null ? List.of() : touched);
        Map<WabaMonth, List<Payment>> payments = new LinkedHashMap<>();
        for (Payment p : q.payments(touched == null ? List.of() : touched)) {
            payments.computeIfAbsent(new WabaMonth(p.wabaId(), p.period()), k -> new ArrayList<>()).add(p);
        }
        Map<WabaMonth, List<InvoiceWithLines>> revisions = new LinkedHashMap<>();
        for (InvoiceWithLines inv : invoices) {
            revisions.computeIfAbsent(inv.invoice().month(), k -> new ArrayList<>()).add(inv);
        }
        List<Path> written = new ArrayList<>();
        Path dir = outputDir.resolve(DIR);
        for (InvoiceWithLines inv : invoices) {
            Invoice i = inv.invoice();
            List<InvoiceWithLines> all = revisions.get(i.month());
            InvoiceWithLines previous = null;
            for (InvoiceWithLines r : all) {
                if (r.invoice().revision() < i.revision()
                        && (previous == null || r.invoice().revision() > previous.invoice().revision())) {
                    previous = r;
                }
            }
            String name = wabaNames == null ? null : wabaNames.get(i.wabaId());
            String html = render(inv, previous, all, payments.getOrDefault(i.month(), List.of()), name);
            written.add(AtomicFiles.write(dir.resolve(fileName(i.wabaId(), i.period(), i.revision())),
                    w -> w.write(html)));
        }
        return written;
    }

    static String render(InvoiceWithLines inv, InvoiceWithLines previous, List<InvoiceWithLines> allRevisions,
                         List<Payment> payments, String wabaName) {
        Invoice i = inv.invoice();
        String cur = i.currency();
        StringBuilder out = new StringBuilder(8192);
        Html.open(out, "Invoice " + i.wabaId() + " " + i.period() + " revision " + i.revision());
        out.append("<p class=\"sub\"><a href=\"../report.html\">&larr; billing report</a></p>\n");
        out.append("<h1>Invoice <span class=\"badge ").append(Html.esc(i.status())).append("\">")
                .append(Html.esc(i.status())).append("</span></h1>\n");
        out.append("<p class=\"sub\">WhatsApp Business messaging &middot; ")
                .append(Html.esc(wabaName == null || wabaName.isBlank() ? i.wabaId() : wabaName))
                .append(" &middot; ").append(Html.esc(monthLabel(i.period())))
                .append(" &middot; revision ").append(i.revision()).append("</p>\n");

        InvoiceWithLines latest = allRevisions.get(allRevisions.size() - 1);
        if (latest.invoice().revision() > i.revision()) {
            out.append("<p class=\"warn\">Superseded by ")
                    .append(Html.link(fileName(i.wabaId(), i.period(), latest.invoice().revision()),
                            "revision " + latest.invoice().revision()).html())
                    .append(".</p>\n");
        }

        out.append("<table class=\"kv\">\n");
        kv(out, "WABA id", Html.esc(i.wabaId()));
        kv(out, "WABA name", Html.esc(wabaName == null ? "" : wabaName));
        kv(out, "Period", Html.esc(i.period()) + " <span class=\"muted\">(" + Html.esc(monthLabel(i.period()))
                + ", in the account's time zone)</span>");
        kv(out, "Revision", Integer.toString(i.revision()));
        kv(out, "Currency", Html.esc(cur));
        kv(out, "Status", "<span class=\"badge " + Html.esc(i.status()) + "\">" + Html.esc(i.status()) + "</span> "
                + "<span class=\"muted\">" + Html.esc(statusText(i.status())) + "</span>");
        kv(out, "Issued", Html.esc(i.issuedAt()));
        kv(out, "Conversations", Long.toString(i.conversations()));
        kv(out, "Messages (per-message pricing)", Long.toString(i.messages()));
        kv(out, "Billable", Long.toString(i.billable()));
        kv(out, "Total", "<b>" + Html.esc(cur) + " " + Html.esc(i.amount()) + "</b>");
        out.append("</table>\n");

        // lines
        out.append("<h2>Lines</h2>\n");
        BigDecimal sum = BigDecimal.ZERO;
        List<List<?>> rows = new ArrayList<>();
        for (Line l : inv.lines()) {
            sum = sum.add(l.amount());
            rows.add(List.of(l.lineNo(), l.pricingModel(), l.category(), l.type(), l.market(),
                    l.rate() == null ? "—" : l.rate(), l.quantity(), l.amount()));
        }
        if (rows.isEmpty()) {
            out.append("<p class=\"muted\">No lines.</p>\n");
        } else {
            Html.table(out, List.of("#Line", "Pricing model", "Category", "Type", "Market", "#Rate (" + cur + ")",
                    "#Quantity", "#Amount (" + cur + ")"), rows);
        }
        out.append("<table class=\"kv\">\n");
        kv(out, "Sum of lines (unrounded)", "<span class=\"n\">" + Html.esc(cur) + " " + Html.esc(sum) + "</span>");
        kv(out, "Total (rounded half-up to the minor unit)",
                "<b>" + Html.esc(cur) + " " + Html.esc(i.amount()) + "</b>");
        out.append("</table>\n");
        if (i.unroundedAmount() != null && i.unroundedAmount().compareTo(sum) != 0) {
            out.append("<p class=\"bad\">The ledger's unrounded total is ").append(Html.esc(i.unroundedAmount()))
                    .append(", not the sum of the lines.</p>\n");
        }

        // payments
        out.append("<h2>Payments of the month</h2>\n");
        BigDecimal paid = BigDecimal.ZERO;
        if (payments.isEmpty()) {
            out.append("<p class=\"muted\">No payment charged yet.</p>\n");
        } else {
            List<List<?>> prow = new ArrayList<>();
            for (Payment p : payments) {
                paid = paid.add(p.amount());
                prow.add(List.of(p.seq(), p.chargedAt(), p.reason(), p.amount()));
            }
            prow.add(List.of("", "", new Html.Raw("<b>total paid</b>"), new Html.Raw("<b>" + Html.esc(paid) + "</b>")));
            Html.table(out, List.of("#No.", "Charged at (UTC)", "Reason", "#Amount (" + cur + ")"), prow);
        }
        BigDecimal open = i.amount().subtract(paid);
        if (open.signum() != 0) {
            out.append("<p>").append(open.signum() > 0 ? "Not yet charged: " : "Charged above this total: ")
                    .append(Html.esc(cur)).append(' ').append(Html.esc(open.abs())).append("</p>\n");
        }

        // difference from the previous revision
        if (i.revision() > 1) {
            out.append("<h2>Changes from revision ").append(previous == null ? i.revision() - 1
                    : previous.invoice().revision()).append("</h2>\n");
            if (previous == null) {
                out.append("<p class=\"muted\">The previous revision is not in the ledger.</p>\n");
            } else {
                diff(out, previous, inv);
            }
        }

        if (allRevisions.size() > 1) {
            out.append("<h2>Revisions</h2>\n<ul>\n");
            for (InvoiceWithLines r : allRevisions) {
                Invoice ri = r.invoice();
                out.append("<li>");
                String text = "revision " + ri.revision() + " (" + ri.status() + ", " + cur + " " + ri.amount().toPlainString() + ")";
                if (ri.revision() == i.revision()) out.append("<b>").append(Html.esc(text)).append("</b>");
                else out.append(Html.link(fileName(ri.wabaId(), ri.period(), ri.revision()), text).html());
                out.append("</li>\n");
            }
            out.append("</ul>\n");
        }

        out.append("<footer>Amounts exclude taxes. Conversation and message amounts keep the rate's precision; "
                + "the total is rounded once, at the total. Written by wabill from the billing ledger (job execution ")
                .append(i.jobExecutionId()).append(").</footer>\n");
        Html.close(out);
        return out.toString();
    }

    private static void diff(StringBuilder out, InvoiceWithLines before, InvoiceWithLines after) {
        Map<String, Line> old = new LinkedHashMap<>();
        for (Line l : before.lines()) old.merge(l.key(), l, InvoicePage::sumLines);
        Map<String, Line> now = new LinkedHashMap<>();
        for (Line l : after.lines()) now.merge(l.key(), l, InvoicePage::sumLines);
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(old.keySet());
        List<List<?>> rows = new ArrayList<>();
        for (String k : keys) {
            Line a = old.get(k), b = now.get(k);
            Line any = b != null ? b : a;
            long qa = a == null ? 0 : a.quantity(), qb = b == null ? 0 : b.quantity();
            BigDecimal aa = a == null ? BigDecimal.ZERO : a.amount(), ab = b == null ? BigDecimal.ZERO : b.amount();
            if (qa == qb && aa.compareTo(ab) == 0) continue;
            BigDecimal change = ab.subtract(aa);
            rows.add(List.of(any.pricingModel(), any.category(), any.type(), any.market(),
                    any.rate() == null ? "—" : any.rate(),
                    a == null ? "—" : qa, b == null ? "—" : qb,
                    a == null ? "—" : aa, b == null ? "—" : ab,
                    new Html.Raw("<span class=\"" + (change.signum() > 0 ? "up" : "down") + "\">"
                            + (change.signum() > 0 ? "+" : "") + Html.esc(change) + "</span>")));
        }
        Invoice ib = before.invoice(), ia = after.invoice();
        if (rows.isEmpty()) {
            out.append("<p class=\"muted\">No line changed.</p>\n");
        } else {
            Html.table(out, List.of("Pricing model", "Category", "Type", "Market", "#Rate", "#Quantity before",
                    "#Quantity after", "#Amount before", "#Amount after", "#Change"), rows);
        }
        BigDecimal change = ia.amount().subtract(ib.amount());
        out.append("<table class=\"kv\">\n");
        kv(out, "Total before", Html.esc(ib.currency()) + " " + Html.esc(ib.amount()) + " <span class=\"muted\">("
                + Html.esc(ib.status()) + ", issued " + Html.esc(ib.issuedAt()) + ")</span>");
        kv(out, "Total after", Html.esc(ia.currency()) + " " + Html.esc(ia.amount()));
        kv(out, "Change", "<b>" + (change.signum() > 0 ? "+" : "") + Html.esc(change) + "</b>");
        out.append("</table>\n");
    }

    private static Line sumLines(Line a, Line b) {
        return new Line(a.lineNo(), a.pricingModel(), a.category(), a.type(), a.market(), a.currency(), a.rate(),
                a.quantity() + b.quantity(), a.amount().add(b.amount()));
    }

    private static void kv(StringBuilder out, String key, String valueHtml) {
        out.append("<tr><th>").append(Html.esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    static String monthLabel(String period) {
        try {
            return YearMonth.parse(period).format(MONTH);
        } catch (DateTimeParseException e) {
            return period;
        }
    }

    private static String statusText(String status) {
        return switch (status == null ? "" : status) {
            case "CLOSED" -> "the month is over and billed in full";
            case "OPEN" -> "provisional: the month is not over yet";
            default -> "";
        };
    }

    private static String safe(String s) {
        String v = s == null ? "" : s;
        String cleaned = UNSAFE.matcher(v).replaceAll("_");
        if (cleaned.equals(v) && !v.isEmpty() && !v.startsWith(".")) return v;
        if (cleaned.startsWith(".")) cleaned = "_" + cleaned.substring(1);
        if (cleaned.length() > 80) cleaned = cleaned.substring(0, 80);
        return cleaned + "-" + shortHash(v);
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
