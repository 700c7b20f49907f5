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
 *
 * <p>A WABA that changed currency in a month has one invoice per currency (SPEC 3.2): their pages are then named
 * {@code <waba>-<period>-<currency>-r<n>.html} and each links to the others of its month; a month of one currency
 * keeps the name without it. From 2026-10-01 a page also shows each business phone number's use of its monthly free
 * service messages (SPEC 2.10.5), and the utility templates charged inside the service window (2.10.6).
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
            List<Link> revisions, long jobExecutionId, TableView freeService, List<Link> otherCurrencies,
            InWindow utilityInWindow) {
    }

    /**
     * The utility templates of the invoice's month and currency charged inside the customer service window (SPEC
     * 2.10.6, free before 2026-10-01): already among the UTILITY / REGULAR lines, shown apart as the new cost they are.
     */
    public record InWindow(String label, long messages, String amount) {
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
     * The page's file name of an invoice among {@code all} (the invoices of the touched months): with the currency,
     * {@code <waba>-<period>-<currency>-r<revision>.html}, when its month has invoices in more than one currency.
     */
    public static String fileName(Invoice i, Set<WabaMonth> multiCurrency) {
        return multiCurrency.contains(i.month())
                ? safe(i.wabaId()) + "-" + safe(i.period()) + "-" + safe(i.currency()) + "-r" + i.revision() + ".html"
                : fileName(i.wabaId(), i.period(), i.revision());
    }

    /** {@link #fileName(Invoice, Set)} relative to the output directory, for links. */
    public static String relativeLink(Invoice i, Set<WabaMonth> multiCurrency) {
        return DIR + "/" + fileName(i, multiCurrency);
    }

    /** The WABA months that have invoices in more than one currency. */
    public static Set<WabaMonth> multiCurrency(List<Invoice> invoices) {
        Map<WabaMonth, Set<String>> currencies = new LinkedHashMap<>();
        for (Invoice i : invoices) currencies.computeIfAbsent(i.month(), k -> new java.util.TreeSet<>()).add(i.currency());
        Set<WabaMonth> multi = new java.util.HashSet<>();
        currencies.forEach((m, c) -> {
            if (c.size() > 1) multi.add(m);
        });
        return multi;
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
        return write(outputDir, invoices, payments, wabaNames, List.of());
    }

    /** As above, with the service messages per phone number of the touched months. */
    public static List<Path> write(Path outputDir, List<Invoice> invoices, List<Payment> payments,
            Map<String, String> wabaNames, List<LedgerFigures.ServiceUse> serviceUse) throws IOException {
        return write(outputDir, invoices, payments, wabaNames, serviceUse, List.of());
    }

    /** As above, with the utility templates charged inside the service window of the touched months. */
    public static List<Path> write(Path outputDir, List<Invoice> invoices, List<Payment> payments,
            Map<String, String> wabaNames, List<LedgerFigures.ServiceUse> serviceUse,
            List<LedgerFigures.InWindowUtility> inWindow) throws IOException {
        List<Path> written = new ArrayList<>();
        Path dir = outputDir.resolve(DIR);
        Set<WabaMonth> multi = multiCurrency(invoices);
        List<InvoiceView> views = views(invoices, payments, wabaNames, serviceUse, inWindow);
        for (int k = 0; k < views.size(); k++) {
            String html = Templates.render("invoice", Map.of("i", views.get(k)));
            written.add(AtomicFiles.write(dir.resolve(fileName(invoices.get(k), multi)), w -> w.write(html)));
        }
        return written;
    }

    /** The view of every revision given, in their order. */
    static List<InvoiceView> views(List<Invoice> invoices, List<Payment> payments, Map<String, String> wabaNames) {
        return views(invoices, payments, wabaNames, List.of());
    }

    /** The view of every revision given, in their order, with the free service messages of their months. */
    static List<InvoiceView> views(List<Invoice> invoices, List<Payment> payments, Map<String, String> wabaNames,
            List<LedgerFigures.ServiceUse> serviceUse) {
        return views(invoices, payments, wabaNames, serviceUse, List.of());
    }

    /** As above, with the utility templates charged inside the service window of their months. */
    static List<InvoiceView> views(List<Invoice> invoices, List<Payment> payments, Map<String, String> wabaNames,
            List<LedgerFigures.ServiceUse> serviceUse, List<LedgerFigures.InWindowUtility> inWindow) {
        Set<WabaMonth> multi = multiCurrency(invoices);
        Map<WabaMonth, List<FreeServiceMessages.PhoneMonth>> freeByMonth = new LinkedHashMap<>();
        for (FreeServiceMessages.PhoneMonth p : FreeServiceMessages.of(serviceUse)) {
            freeByMonth.computeIfAbsent(new WabaMonth(p.wabaId(), p.period()), k -> new ArrayList<>()).add(p);
        }
        Map<List<String>, Invoice> latestPerCurrency = new LinkedHashMap<>();
        for (Invoice inv : invoices) latestPerCurrency.put(List.of(inv.wabaId(), inv.period(), inv.currency()), inv);
        Map<WabaMonth, List<Payment>> paymentsByMonth = new LinkedHashMap<>();
        for (Payment p : payments) {
            paymentsByMonth.computeIfAbsent(new WabaMonth(p.wabaId(), p.period()), k -> new ArrayList<>()).add(p);
        }
        Map<List<String>, List<Invoice>> revisions = new LinkedHashMap<>();
        for (Invoice inv : invoices) {
            revisions.computeIfAbsent(List.of(inv.wabaId(), inv.period(), inv.currency()), k -> new ArrayList<>())
                    .add(inv);
        }
        List<InvoiceView> views = new ArrayList<>();
        for (Invoice inv : invoices) {
            List<Invoice> all = revisions.get(List.of(inv.wabaId(), inv.period(), inv.currency()));
            Invoice previous = null;
            for (Invoice r : all) {
                if (r.revision() < inv.revision() && (previous == null || r.revision() > previous.revision())) {
                    previous = r;
                }
            }
            String name = wabaNames == null ? null : wabaNames.get(inv.wabaId());
            // payments follow the invoices: those of the month in this invoice's currency (SPEC 3.3)
            List<Payment> ofInvoice = new ArrayList<>();
            for (Payment p : paymentsByMonth.getOrDefault(inv.month(), List.of())) {
                if (p.currency() == null || p.currency().equals(inv.currency())) ofInvoice.add(p);
            }
            InvoiceView v = view(inv, previous, all, ofInvoice, name);
            List<Link> others = new ArrayList<>();
            if (multi.contains(inv.month())) {
                for (Invoice o : latestPerCurrency.values()) {
                    if (!o.month().equals(inv.month()) || o.currency().equals(inv.currency())) continue;
                    others.add(new Link(fileName(o, multi), Text.of(o.currency() + " invoice, revision " + o.revision()
                            + " (" + o.status() + ", " + o.currency() + " " + o.amount().toPlainString() + ")")));
                }
                v = withPageNames(v, inv, all, multi);
            }
            views.add(new InvoiceView(v.title(), v.status(), v.statusText(), v.account(), v.wabaId(), v.wabaName(),
                    v.period(), v.month(), v.revision(), v.currency(), v.issuedAt(), v.conversations(), v.messages(),
                    v.billable(), v.total(), v.supersededBy(), v.lines(), v.sumOfLines(), v.ledgerMismatch(),
                    v.payments(), v.openAmount(), v.changes(), v.revisions(), v.jobExecutionId(),
                    freeService(freeByMonth.getOrDefault(inv.month(), List.of()), inv.currency()), others,
                    inWindow(UtilityInWindow.ofInvoice(inv, inWindow))));
        }
        return views;
    }

    /** The links to the revisions of a month of several currencies name the pages with their currency. */
    private static InvoiceView withPageNames(InvoiceView v, Invoice i, List<Invoice> all, Set<WabaMonth> multi) {
        Invoice latest = all.get(all.size() - 1);
        Link supersededBy = v.supersededBy() == null ? null
                : new Link(fileName(latest, multi), v.supersededBy().text());
        List<Link> revisions = new ArrayList<>();
        for (int k = 0; k < v.revisions().size(); k++) {
            Link l = v.revisions().get(k);
            revisions.add(l.href() == null ? l : new Link(fileName(all.get(k), multi), l.text()));
        }
        return new InvoiceView(v.title() + " " + Text.of(i.currency()), v.status(), v.statusText(), v.account(),
                v.wabaId(), v.wabaName(), v.period(), v.month(), v.revision(), v.currency(), v.issuedAt(),
                v.conversations(), v.messages(), v.billable(), v.total(), supersededBy, v.lines(), v.sumOfLines(),
                v.ledgerMismatch(), v.payments(), v.openAmount(), v.changes(), revisions, v.jobExecutionId(), null,
                List.of(), null);
    }

    /**
     * The free service messages of the month's phone numbers (SPEC 2.10.5); the charged amount in the invoice's
     * currency. Null when the month has no free tier or no service message.
     */
    static TableView freeService(List<FreeServiceMessages.PhoneMonth> phones, String currency) {
        if (phones.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        for (FreeServiceMessages.PhoneMonth p : phones) {
            rows.add(java.util.Arrays.asList(p.businessPhoneNumber() == null ? p.phoneNumberId()
                    : p.businessPhoneNumber() + " (" + p.phoneNumberId() + ")", p.freeTier(), p.used(), p.left(),
                    p.chargedBeyond(), p.chargedAmounts().getOrDefault(currency, BigDecimal.ZERO)));
        }
        return TableView.of(List.of("Business phone number", "#Free per month", "#Used", "#Left",
                "#Charged beyond", "#Charged (" + currency + ", unrounded)"), rows);
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
                i.jobExecutionId(), null, List.of(), null);
    }

    /** The page's in-window utility figure; null when the month's rules do not charge them. */
    private static InWindow inWindow(UtilityInWindow.Month m) {
        return m == null ? null : new InWindow(UtilityInWindow.LABEL, m.messages(), Text.of(m.amount()));
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
