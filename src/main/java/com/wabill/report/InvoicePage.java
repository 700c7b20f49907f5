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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.wabill.invoicing.WabaMonth;
import com.wabill.report.LedgerFigures.Invoice;
import com.wabill.report.LedgerFigures.Line;
import com.wabill.report.LedgerFigures.Payment;
import com.wabill.report.TableView.Cell;

/**
 * One self-contained HTML page per invoice revision of the touched months, {@code invoices/<waba>-<period>-r<n>.html}
 * (from {@code templates/invoice.html}): a document a finance person can send. It shows the account, the period,
 * the lines, the unrounded sum of the lines and the rounded total, the payments of the month, and from revision 2
 * on what changed since the revision before. {@link #view} builds a page's view model from plain values.
 */
public final class InvoicePage {

    /** The folder under the output directory. */
    public static final String DIR = "invoices";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);
    private static final String NONE = "—";

    private InvoicePage() {
    }

    /** The view model of {@code templates/invoice.html}. */
    public record InvoiceView(String title, String status, String statusText, String account, String wabaId,
            String wabaName, String period, String month, int revision, String currency, String issuedAt,
            long conversations, long messages, long billable, String total, Link supersededBy, TableView lines,
            String sumOfLines, String ledgerMismatch, TableView payments, String openAmount, Changes changes,
            List<Link> revisions, long jobExecutionId) {
    }

    /** A link; {@code href} null for the page itself. */
    public record Link(String href, String text) {
    }

    /**
     * What changed since the revision before ({@code previousMissing} when that one is not in the ledger).
     *
     * @param lines the changed lines; null when none changed
     */
    public record Changes(int fromRevision, boolean previousMissing, TableView lines, String totalBefore,
            String before, String totalAfter, String change) {
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
     * Writes the page of every invoice revision given.
     *
     * @param invoices  the revisions of the touched months, by WABA, period, revision
     * @param payments  the payments of those months
     * @param wabaNames WABA id → the account's name (from accounts.csv); a missing name is left blank
     * @return the pages written, by WABA, period, revision
     */
    public static List<Path> write(Path outputDir, List<Invoice> invoices, List<Payment> payments,
            Map<String, String> wabaNames) throws IOException {
        List<Path> written = new ArrayList<>();
        Path dir = outputDir.resolve(DIR);
        for (InvoiceView view : views(invoices, payments, wabaNames)) {
            String html = Templates.render("invoice", Map.of("i", view));
            written.add(AtomicFiles.write(dir.resolve(fileName(view.wabaId(), view.period(), view.revision())),
                    w -> w.write(html)));
        }
        return written;
    }

    /** The view of every revision given, in their order. */
    static List<InvoiceView> views(List<Invoice> invoices, List<Payment> payments, Map<String, String> wabaNames) {
        Map<WabaMonth, List<Payment>> paymentsByMonth = new LinkedHashMap<>();
        for (Payment p : payments) {
            paymentsByMonth.computeIfAbsent(new WabaMonth(p.wabaId(), p.period()), k -> new ArrayList<>()).add(p);
        }
        Map<WabaMonth, List<Invoice>> revisions = new LinkedHashMap<>();
        for (Invoice inv : invoices) revisions.computeIfAbsent(inv.month(), k -> new ArrayList<>()).add(inv);
        List<InvoiceView> views = new ArrayList<>();
        for (Invoice inv : invoices) {
            List<Invoice> all = revisions.get(inv.month());
            Invoice previous = null;
            for (Invoice r : all) {
                if (r.revision() < inv.revision() && (previous == null || r.revision() > previous.revision())) {
                    previous = r;
                }
            }
            String name = wabaNames == null ? null : wabaNames.get(inv.wabaId());
            views.add(view(inv, previous, all, paymentsByMonth.getOrDefault(inv.month(), List.of()), name));
        }
        return views;
    }

    /** The page of revision {@code i}, with the one before ({@code previous}, may be null) and all of its month. */
    static InvoiceView view(Invoice i, Invoice previous, List<Invoice> allRevisions, List<Payment> payments,
            String wabaName) {
        String cur = i.currency();
        Invoice latest = allRevisions.get(allRevisions.size() - 1);
        Link supersededBy = latest.revision() > i.revision()
                ? new Link(fileName(i.wabaId(), i.period(), latest.revision()), "revision " + latest.revision()) : null;

        BigDecimal sum = BigDecimal.ZERO;
        List<List<?>> lineRows = new ArrayList<>();
        for (Line l : i.lines()) {
            sum = sum.add(l.amount());
            lineRows.add(List.of(l.lineNo(), l.pricingModel(), l.category(), l.type(), l.market(),
                    l.rate() == null ? NONE : l.rate(), l.quantity(), l.amount()));
        }
        TableView lines = lineRows.isEmpty() ? null : TableView.of(List.of("#Line", "Pricing model", "Category",
                "Type", "Market", "#Rate (" + cur + ")", "#Quantity", "#Amount (" + cur + ")"), lineRows);
        String mismatch = i.unroundedAmount() != null && i.unroundedAmount().compareTo(sum) != 0
                ? Text.of(i.unroundedAmount()) : null;

        BigDecimal paid = BigDecimal.ZERO;
        TableView paymentTable = null;
        if (!payments.isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            for (Payment p : payments) {
                paid = paid.add(p.amount());
                rows.add(List.of(p.seq(), p.chargedAt(), p.reason(), p.amount()));
            }
            rows.add(List.of("", "", Cell.bold("total paid"), Cell.bold(paid)));
            paymentTable = TableView.of(List.of("#No.", "Charged at (UTC)", "Reason", "#Amount (" + cur + ")"), rows);
        }
        BigDecimal open = i.amount().subtract(paid);
        String openAmount = open.signum() == 0 ? null : (open.signum() > 0 ? "Not yet charged: " : "Charged above this total: ")
                + Text.of(cur) + " " + Text.of(open.abs());

        Changes changes = null;
        if (i.revision() > 1) {
            changes = previous == null
                    ? new Changes(i.revision() - 1, true, null, null, null, null, null)
                    : changes(previous, i);
        }
        List<Link> revisions = new ArrayList<>();
        if (allRevisions.size() > 1) {
            for (Invoice r : allRevisions) {
                String text = "revision " + r.revision() + " (" + r.status() + ", " + cur + " "
                        + r.amount().toPlainString() + ")";
                revisions.add(new Link(r.revision() == i.revision() ? null : fileName(r.wabaId(), r.period(),
                        r.revision()), Text.of(text)));
            }
        }
        return new InvoiceView("Invoice " + Text.of(i.wabaId()) + " " + Text.of(i.period()) + " revision "
                + i.revision(), Text.of(i.status()), statusText(i.status()),
                Text.of(wabaName == null || wabaName.isBlank() ? i.wabaId() : wabaName), Text.of(i.wabaId()),
                Text.of(wabaName), Text.of(i.period()), Text.of(monthLabel(i.period())), i.revision(), Text.of(cur),
                Text.of(i.issuedAt()), i.conversations(), i.messages(), i.billable(), Text.of(i.amount()),
                supersededBy, lines, Text.of(sum), mismatch, paymentTable, openAmount, changes, revisions,
                i.jobExecutionId());
    }

    /** The lines whose quantity or amount changed from {@code before} to {@code after}, and the totals. */
    private static Changes changes(Invoice before, Invoice after) {
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
                    any.rate() == null ? NONE : any.rate(),
                    a == null ? NONE : qa, b == null ? NONE : qb,
                    a == null ? NONE : aa, b == null ? NONE : ab,
                    Cell.span(change.signum() > 0 ? "up" : "down", signed(change))));
        }
        TableView lines = rows.isEmpty() ? null : TableView.of(List.of("Pricing model", "Category", "Type", "Market",
                "#Rate", "#Quantity before", "#Quantity after", "#Amount before", "#Amount after", "#Change"), rows);
        return new Changes(before.revision(), false, lines,
                Text.of(before.currency()) + " " + Text.of(before.amount()),
                Text.of(before.status()) + ", issued " + Text.of(before.issuedAt()),
                Text.of(after.currency()) + " " + Text.of(after.amount()),
                signed(after.amount().subtract(before.amount())));
    }

    private static String signed(BigDecimal change) {
        return (change.signum() > 0 ? "+" : "") + Text.of(change);
    }

    private static Line sumLines(Line a, Line b) {
        return new Line(a.lineNo(), a.pricingModel(), a.category(), a.type(), a.market(), a.currency(), a.rate(),
                a.quantity() + b.quantity(), a.amount().add(b.amount()));
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
