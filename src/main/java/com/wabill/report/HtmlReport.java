package com.wabill.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.wabill.invoicing.WabaMonth;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.report.LedgerFigures.CategoryTotals;
import com.wabill.report.LedgerFigures.DayCount;
import com.wabill.report.LedgerFigures.Invoice;
import com.wabill.report.LedgerFigures.WabaTotals;
import com.wabill.report.SvgChart.ChartView;
import com.wabill.report.TableView.Cell;

/**
 * {@code report.html}: one self-contained page a person reads after a run (inline CSS, charts as inline SVG, no
 * script, nothing fetched), rendered from {@code templates/report.html}. In this order: the run's status when it
 * did not complete, warnings, totals, the charts (conversations per day by category, charges per WABA), per WABA
 * and per category (from the ledger of the touched months), invoices with links to their pages
 * ({@link InvoicePage}), the run's discrepancies (largest difference first), policy violations, rejected rows and
 * the run's details. {@link #view} builds the page's view model from plain values; the template only lays it out.
 * All text is escaped by the template engine; contact numbers appear only masked.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    /** Rows of the discrepancy table shown at most; the CSV holds them all. */
    public static final int MAX_DISCREPANCIES = 1000;
    /** Rejected rows listed at most. */
    static final int MAX_REJECTED = 100;

    private static final List<String> CATEGORY_ORDER =
            List.of("MARKETING", "UTILITY", "AUTHENTICATION", "SERVICE", "REFERRAL_CONVERSION");

    private HtmlReport() {
    }

    /** What the page shows besides the summary. */
    public record Inputs(LedgerFigures figures, Collection<WabaMonth> touched, List<RejectedRow> rejected,
            Map<String, String> wabaNames) {

        public Inputs {
            figures = figures == null ? LedgerFigures.none() : figures;
            touched = touched == null ? List.of() : List.copyOf(new TreeSet<>(touched));
            rejected = rejected == null ? List.of() : rejected;
            wabaNames = wabaNames == null ? Map.of() : wabaNames;
        }

        /** A page with the summary alone: no month touched. */
        public static Inputs none() {
            return new Inputs(null, null, null, null);
        }
    }

    /** The view model of {@code templates/report.html}. */
    public record ReportView(String title, String days, String mode, String coldStart, Status status,
            List<String> warnings, List<Card> cards, TableView totals, ChartView conversationsChart,
            ChartView messagesChart, List<ChartView> chargeCharts, TableView perWaba, TableView perCategory,
            TableView invoices, DiscrepancySection discrepancies, PolicySection policyViolations,
            RejectedSection rejectedRows, RunSection run, TableView freeService, TableView newCharges,
            TableView invoicesByCurrency) {
    }

    /** The banner of a run that did not complete. */
    public record Status(String cssClass, String headline, String failure, boolean partial) {
    }

    public record Card(long value, String label) {
    }

    /** Null in the view when the run found none. */
    public record DiscrepancySection(TableView byKind, String shown, TableView rows) {
    }

    /** Null in the view when there was none. */
    public record PolicySection(long count, String earliest, TableView rows) {
    }

    /** Null in the view when nothing was rejected. */
    public record RejectedSection(TableView byReason, String shown, TableView rows) {
    }

    public record RunSection(TableView counts, TableView charges, String monthsTouched, TableView steps,
            List<String> files) {
    }

    /** Writes {@code report.html} into {@code outputDir} atomically. */
    public static Path write(Path outputDir, ReportView view) throws IOException {
        String html = Templates.render("report", Map.of("r", view));
        return AtomicFiles.write(outputDir.resolve(FILE), w -> w.write(html));
    }

    /** The page of {@code summary} with the ledger figures of {@code inputs}. */
    public static ReportView view(RunSummary s, Inputs in) {
        LedgerFigures f = in.figures();
        String title = "wabill " + (s.jobName() == null ? "billing" : s.jobName()) + " report"
                + (s.executionId() == null ? "" : " #" + s.executionId());
        String coldStart = s.coldStart() ? "yes (" + s.warmUpDays() + " warm-up day(s) replayed; a cold start can "
                + "differ from an unbroken history)" : "no";
        Map<InvoiceKey, Invoice> latest = latest(f.invoices());
        Set<WabaMonth> multi = InvoicePage.multiCurrency(f.invoices());
        return new ReportView(title, SummaryTable.range(s), SummaryTable.mode(s), coldStart, status(s), warnings(s),
                cards(s, f), totals(f, latest),
                perDayChart(f.conversationsPerDay(), "Conversations per day (UTC, by opening) and category",
                        "conversations"),
                perDayChart(f.messagesPerDay(), "Per-message pricing: messages per day (UTC) and category", "messages"),
                chargeCharts(f.perWaba(), in.wabaNames()), perWaba(f.perWaba(), latest, multi, in.wabaNames()),
                perCategory(f.perCategory(), f.utilityInWindow()), invoices(f.invoices(), multi, in.wabaNames()),
                discrepancies(f),
                policyViolations(s), rejectedRows(s, in.rejected()), run(s, in.touched()),
                freeService(f.serviceUse(), in.wabaNames()), newCharges(f.perMonthAndCategory(), f.utilityInWindow()),
                invoicesByCurrency(latest, multi, in.wabaNames()));
    }

    /** An invoice: one WABA, month and currency (SPEC 3.2). */
    record InvoiceKey(String wabaId, String period, String currency) {
        static InvoiceKey of(Invoice i) {
            return new InvoiceKey(i.wabaId(), i.period(), i.currency());
        }
    }

    /** Each phone number's month of free service messages (SPEC 2.10.5); null when no month has a free tier. */
    static TableView freeService(List<LedgerFigures.ServiceUse> serviceUse, Map<String, String> names) {
        List<FreeServiceMessages.PhoneMonth> phones = FreeServiceMessages.of(serviceUse);
        if (phones.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        for (FreeServiceMessages.PhoneMonth p : phones) {
            rows.add(Arrays.asList(p.wabaId(), names.getOrDefault(p.wabaId(), ""),
                    p.businessPhoneNumber() == null ? "" : p.businessPhoneNumber(), p.phoneNumberId(), p.period(),
                    p.freeTier(), p.used(), p.left(), p.chargedBeyond(), p.chargedText()));
        }
        return TableView.of(List.of("WABA", "Name", "Business phone number", "Phone number id", "Period",
                "#Free per month", "#Used", "#Left", "#Charged beyond", "Charged (unrounded)"), rows);
    }

    /**
     * The charges Meta makes from 2026-10-01 that were free before (SPEC 2.10): service messages beyond the free
     * ones and utility templates (inside the customer service window among them), per month under those rules and
     * currency, beside the month's other charges. Null when no touched month is under them.
     */
    static TableView newCharges(List<LedgerFigures.MonthCategoryTotals> perMonth) {
        return newCharges(perMonth, List.of());
    }

    /**
     * As above, with the utility templates charged inside the service window (SPEC 2.10.6) as figures of their own,
     * after the utility charges that include them ({@link UtilityInWindow}).
     */
    static TableView newCharges(List<LedgerFigures.MonthCategoryTotals> perMonth,
            List<LedgerFigures.InWindowUtility> inWindow) {
        Map<List<String>, UtilityInWindow.Month> inWindowByMonth = new TreeMap<>(HtmlReport::compareKeys);
        for (UtilityInWindow.Month m : UtilityInWindow.perMonth(perMonth, inWindow)) {
            inWindowByMonth.put(List.of(m.period(), m.currency()), m);
        }
        Map<List<String>, long[]> counts = new TreeMap<>(HtmlReport::compareKeys);
        Map<List<String>, BigDecimal[]> amounts = new TreeMap<>(HtmlReport::compareKeys);
        for (LedgerFigures.MonthCategoryTotals t : perMonth) {
            if (FreeServiceMessages.freeTier(t.period()) == 0) continue;
            List<String> key = List.of(t.period(), t.currency());
            long[] c = counts.computeIfAbsent(key, k -> new long[5]);
            BigDecimal[] a = amounts.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO});
            boolean service = "SERVICE".equals(t.category());
            boolean utility = "UTILITY".equals(t.category());
            if (service && "FREE_CUSTOMER_SERVICE".equals(t.type())) c[0] += t.messages();
            if (service && "REGULAR".equals(t.type())) {
                c[1] += t.messages();
                a[0] = a[0].add(t.amount());
            }
            if (utility && "REGULAR".equals(t.type())) {
                c[2] += t.messages();
                a[1] = a[1].add(t.amount());
            }
            if (!service && !utility) a[2] = a[2].add(t.amount());
            a[3] = a[3].add(t.amount());
        }
        if (counts.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        counts.forEach((k, c) -> {
            BigDecimal[] a = amounts.get(k);
            UtilityInWindow.Month w = inWindowByMonth.get(k);
            rows.add(List.of(k.get(0), k.get(1), c[0], c[1], a[0], c[2], a[1], w == null ? 0L : w.messages(),
                    w == null ? BigDecimal.ZERO : w.amount(), a[2], a[3]));
        });
        return TableView.of(List.of("Period", "Currency", "#Service messages free", "#Service messages charged",
                "#Service charges", "#Utility templates charged", "#Utility charges",
                "#" + UtilityInWindow.LABEL, "#Utility in the service window: charges",
                "#Other charges", "#All charges (unrounded)"), rows);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * A WABA's invoices per currency side by side (latest revisions): one row per WABA and month, one column per
     * currency. Null unless some WABA has invoices in more than one currency among the touched months.
     */
    static TableView invoicesByCurrency(Map<InvoiceKey, Invoice> latest, Set<WabaMonth> multi,
            Map<String, String> names) {
        Map<String, Set<String>> currenciesOfWaba = new TreeMap<>();
        for (InvoiceKey k : latest.keySet()) {
            currenciesOfWaba.computeIfAbsent(k.wabaId(), x -> new TreeSet<>()).add(k.currency());
        }
        TreeSet<String> currencies = new TreeSet<>();
        currenciesOfWaba.forEach((w, c) -> {
            if (c.size() > 1) currencies.addAll(c);
        });
        if (currencies.isEmpty()) return null;
        Map<List<String>, Map<String, Invoice>> byMonth = new TreeMap<>(HtmlReport::compareKeys);
        for (Invoice i : latest.values()) {
            if (currenciesOfWaba.get(i.wabaId()).size() < 2) continue;
            byMonth.computeIfAbsent(List.of(i.wabaId(), i.period()), k -> new TreeMap<>()).put(i.currency(), i);
        }
        List<String> header = new ArrayList<>(List.of("WABA", "Name", "Period"));
        for (String cur : currencies) header.add("#" + cur);
        List<List<?>> rows = new ArrayList<>();
        byMonth.forEach((k, invs) -> {
            List<Object> row = new ArrayList<>(List.of(k.get(0), names.getOrDefault(k.get(0), ""), k.get(1)));
            for (String cur : currencies) {
                Invoice i = invs.get(cur);
                row.add(i == null ? "" : Cell.link(InvoicePage.relativeLink(i, multi),
                        i.amount().toPlainString() + " (" + i.status() + " r" + i.revision() + ")"));
            }
            rows.add(row);
        });
        return TableView.of(header, rows);
    }

    /** A run that did not complete says so first, with the line that tells what to do. */
    private static Status status(RunSummary s) {
        if (s.status() == null || s.status() == RunSummary.Status.COMPLETED) return null;
        String headline = switch (s.status()) {
            case FAILED -> "This run FAILED.";
            case STOPPED -> "This run was STOPPED before it finished.";
            default -> "Nothing to bill.";
        };
        boolean partial = s.status() == RunSummary.Status.FAILED || s.status() == RunSummary.Status.STOPPED;
        return new Status("status " + s.status(), headline, s.failure() == null ? null : Text.of(s.failure()), partial);
    }

    private static List<String> warnings(RunSummary s) {
        List<String> all = new ArrayList<>();
        for (String w : s.warnings()) all.add(Text.of(w));
        if (!s.unknownWabas().isEmpty()) {
            all.add(Text.of("WABAs without a row in accounts.csv, billed in UTC and USD without a threshold: "
                    + String.join(", ", s.unknownWabas())));
        }
        return all;
    }

    private static List<Card> cards(RunSummary s, LedgerFigures f) {
        return List.of(new Card(s.rowsRead(), "rows read"), new Card(s.accepted(), "messages accepted"),
                new Card(s.rejected(), "rows rejected"), new Card(s.mergedDuplicates(), "duplicates merged"),
                new Card(s.messagesReplayed(), "messages replayed"),
                new Card(s.messagesLeftForLaterRun(), "left for a later run"),
                new Card(s.lateDeliveries(), "late deliveries"), new Card(s.policyViolations(), "policy violations"),
                new Card(f.discrepancies().total(), "discrepancies"));
    }

    /** Money by currency over the touched months; null when nothing was billed in them. */
    private static TableView totals(LedgerFigures f, Map<InvoiceKey, Invoice> latest) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (WabaTotals r : f.perWaba()) {
            long[] c = counts.computeIfAbsent(r.currency(), k -> new long[3]);
            c[0] += r.conversations();
            c[1] += r.messages();
            c[2] += r.billable();
            amounts.merge(r.currency(), r.amount(), BigDecimal::add);
        }
        Map<String, BigDecimal> invoiced = new TreeMap<>();
        for (Invoice i : latest.values()) invoiced.merge(i.currency(), i.amount(), BigDecimal::add);
        TreeSet<String> currencies = new TreeSet<>(counts.keySet());
        currencies.addAll(invoiced.keySet());
        if (currencies.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        for (String cur : currencies) {
            long[] c = counts.getOrDefault(cur, new long[3]);
            rows.add(List.of(cur, c[0], c[1], c[2], amounts.getOrDefault(cur, BigDecimal.ZERO),
                    invoiced.getOrDefault(cur, BigDecimal.ZERO)));
        }
        return TableView.of(List.of("Currency", "#Conversations", "#Messages (PMP)", "#Billable",
                "#Charges (unrounded)", "#Invoiced (rounded)"), rows);
    }

    private static TableView perWaba(List<WabaTotals> perWaba, Map<InvoiceKey, Invoice> latest,
            Set<WabaMonth> multi, Map<String, String> names) {
        if (perWaba.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        for (WabaTotals r : perWaba) {
            Invoice inv = latest.get(new InvoiceKey(r.wabaId(), r.period(), r.currency()));
            rows.add(List.of(r.wabaId(), names.getOrDefault(r.wabaId(), ""), r.period(), r.currency(),
                    r.conversations(), r.entryPointWindows(), r.messages(), r.billable(), r.amount(),
                    inv == null ? "" : inv.amount(),
                    inv == null ? "" : Cell.link(InvoicePage.relativeLink(inv, multi),
                            inv.status() + " r" + inv.revision())));
        }
        return TableView.of(List.of("WABA", "Name", "Period", "Currency", "#Conversations",
                "#Free entry point windows (PMP)", "#Messages (PMP)", "#Billable", "#Charges (unrounded)",
                "#Invoice total", "Invoice"), rows);
    }

    /**
     * The touched months per pricing model, category, type and currency. Under each currency's PMP UTILITY / REGULAR
     * line, a line of its own says how many of those were charged inside the service window (SPEC 2.10.6, free
     * before 2026-10-01) and for what; the line above keeps counting them.
     */
    private static TableView perCategory(List<CategoryTotals> perCategory,
            List<LedgerFigures.InWindowUtility> inWindow) {
        if (perCategory.isEmpty()) return null;
        Map<String, long[]> inWindowCount = new TreeMap<>();
        Map<String, BigDecimal> inWindowAmount = new TreeMap<>();
        for (LedgerFigures.InWindowUtility u : inWindow) {
            inWindowCount.computeIfAbsent(u.currency(), k -> new long[1])[0] += u.messages();
            inWindowAmount.merge(u.currency(), u.amount(), BigDecimal::add);
        }
        List<List<?>> rows = new ArrayList<>();
        for (CategoryTotals r : perCategory) {
            rows.add(List.of(r.pricingModel(), r.category(), r.type(), r.currency(), r.conversations(), r.messages(),
                    r.billable(), r.amount()));
            if ("PMP".equals(r.pricingModel()) && "UTILITY".equals(r.category()) && "REGULAR".equals(r.type())
                    && inWindowCount.containsKey(r.currency())) {
                rows.add(List.of(Cell.span("muted", "of which"), Cell.span("muted wrap", UtilityInWindow.LABEL),
                        Cell.span("muted", r.type()), Cell.span("muted", r.currency()), "",
                        inWindowCount.get(r.currency())[0], "", inWindowAmount.get(r.currency())));
            }
        }
        return TableView.of(List.of("Pricing model", "Category", "Type", "Currency", "#Conversations", "#Messages",
                "#Billable", "#Charges (unrounded)"), rows);
    }

    /** Charges per WABA, one chart per currency. */
    private static List<ChartView> chargeCharts(List<WabaTotals> perWaba, Map<String, String> names) {
        Map<String, Map<String, BigDecimal>> byCurrency = new TreeMap<>();
        for (WabaTotals r : perWaba) {
            byCurrency.computeIfAbsent(r.currency(), k -> new TreeMap<>()).merge(r.wabaId(), r.amount(), BigDecimal::add);
        }
        List<ChartView> charts = new ArrayList<>();
        for (Map.Entry<String, Map<String, BigDecimal>> e : byCurrency.entrySet()) {
            List<String> labels = new ArrayList<>();
            List<BigDecimal> values = new ArrayList<>();
            e.getValue().forEach((waba, amount) -> {
                String name = names.get(waba);
                labels.add(name == null || name.isBlank() ? waba : name + " (" + waba + ")");
                values.add(amount);
            });
            charts.add(SvgChart.bars("Charges per WABA, " + e.getKey() + " (unrounded, touched months)", labels,
                    values, e.getKey()));
        }
        return charts;
    }

    /** A stacked bar chart of daily counts per category, empty days filled in; null when there is none. */
    static ChartView perDayChart(List<DayCount> counts, String title, String yLabel) {
        if (counts.isEmpty()) return null;
        TreeMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        TreeSet<String> categories = new TreeSet<>(HtmlReport::categoryOrder);
        for (DayCount c : counts) {
            categories.add(c.category());
            byDay.computeIfAbsent(c.day(), k -> new TreeMap<>()).merge(c.category(), c.count(), Long::sum);
        }
        List<String> series = new ArrayList<>(categories);
        List<String> x = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (LocalDate d = byDay.firstKey(); !d.isAfter(byDay.lastKey()); d = d.plusDays(1)) {
            Map<String, Long> m = byDay.getOrDefault(d, Map.of());
            long[] v = new long[series.size()];
            for (int k = 0; k < v.length; k++) v[k] = m.getOrDefault(series.get(k), 0L);
            x.add(d.toString());
            values.add(v);
        }
        return SvgChart.stackedBars(title, x, series, values.toArray(new long[0][]), yLabel);
    }

    private static int categoryOrder(String a, String b) {
        int ia = CATEGORY_ORDER.indexOf(a), ib = CATEGORY_ORDER.indexOf(b);
        if (ia < 0) ia = CATEGORY_ORDER.size();
        if (ib < 0) ib = CATEGORY_ORDER.size();
        return ia != ib ? Integer.compare(ia, ib) : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static TableView invoices(List<Invoice> invoices, Set<WabaMonth> multi, Map<String, String> names) {
        if (invoices.isEmpty()) return null;
        List<List<?>> rows = new ArrayList<>();
        for (Invoice i : invoices) {
            rows.add(List.of(i.wabaId(), names.getOrDefault(i.wabaId(), ""), i.period(),
                    Cell.link(InvoicePage.relativeLink(i, multi), "r" + i.revision()),
                    Cell.span("badge " + i.status(), i.status()),
                    i.currency(), i.conversations(), i.messages(), i.billable(), i.amount()));
        }
        return TableView.of(List.of("WABA", "Name", "Period", "Revision", "Status", "Currency", "#Conversations",
                "#Messages", "#Billable", "#Total"), rows);
    }

    private static DiscrepancySection discrepancies(LedgerFigures f) {
        LedgerFigures.Discrepancies d = f.discrepancies();
        if (d.total() == 0) return null;
        List<List<?>> kinds = new ArrayList<>();
        new TreeMap<>(d.byKind()).forEach((k, v) -> kinds.add(List.of(k, v)));
        List<List<?>> rows = new ArrayList<>();
        for (Discrepancy x : d.largest()) {
            rows.add(Arrays.asList(x.kind(), x.wabaId(), x.phoneNumber(), x.periodStart(), x.periodEnd(), x.country(),
                    x.category(), x.type(), x.expectedCount(), x.billedCount(), x.expectedAmount(), x.billedAmount(),
                    x.difference(), x.detail()));
        }
        String shown = d.total() > rows.size()
                ? "The " + rows.size() + " largest of " + d.total() + "; discrepancies.csv lists them all." : null;
        return new DiscrepancySection(TableView.of(List.of("Kind", "#Rows"), kinds), shown,
                TableView.of(List.of("Kind", "WABA", "Phone number", "From (UTC)", "To (UTC)", "Country", "Category",
                        "Type", "#Expected count", "#Billed count", "#Expected amount", "#Billed amount",
                        "#Difference", "Detail"), rows));
    }

    private static PolicySection policyViolations(RunSummary s) {
        if (s.policyViolations() == 0) return null;
        String earliest = s.policyViolations() > s.policyViolationExamples().size()
                ? " The " + s.policyViolationExamples().size() + " earliest:" : "";
        List<List<?>> rows = new ArrayList<>();
        for (RunSummary.PolicyViolation v : s.policyViolationExamples()) {
            rows.add(Arrays.asList(v.time(), v.messageId(), v.wabaId(), v.contact()));
        }
        return new PolicySection(s.policyViolations(), earliest,
                TableView.of(List.of("Time (UTC)", "Message", "WABA", "Contact"), rows));
    }

    private static RejectedSection rejectedRows(RunSummary s, List<RejectedRow> rejected) {
        List<List<?>> first = new ArrayList<>();
        for (RejectedRow r : rejected) {
            if (first.size() >= MAX_REJECTED) break;
            first.add(Arrays.asList(r.source(), r.row(), r.messageId(), r.reason()));
        }
        if (s.rejected() == 0 && first.isEmpty()) return null;
        List<List<?>> byReason = new ArrayList<>();
        s.rejectedByReason().forEach((k, v) -> byReason.add(List.of(k, v)));
        String shown = first.isEmpty() ? null : s.rejected() > first.size()
                ? "The first " + first.size() + " of " + s.rejected() + "; rejected_rows.csv lists them all."
                : "All of them:";
        return new RejectedSection(byReason.isEmpty() ? null : TableView.of(List.of("Reason", "#Rows"), byReason),
                shown, first.isEmpty() ? null : TableView.of(List.of("Source", "#Row", "Message id", "Reason"), first));
    }

    private static RunSection run(RunSummary s, Collection<WabaMonth> touched) {
        TableView counts = null;
        if (!s.conversationsByCategoryAndType().isEmpty() || !s.chargedMessagesByCategory().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            s.conversationsByCategoryAndType().forEach((cat, byType) ->
                    byType.forEach((type, n) -> rows.add(List.of("conversations", cat, type, n))));
            s.chargedMessagesByCategory().forEach((cat, n) -> rows.add(List.of("charged messages", cat, "REGULAR", n)));
            counts = TableView.of(List.of("What", "Category", "Type", "#Count"), rows);
        }
        TableView charges = null;
        if (!s.chargesByWaba().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            for (RunSummary.WabaCharge c : s.chargesByWaba()) rows.add(List.of(c.wabaId(), c.currency(), c.amount()));
            charges = TableView.of(List.of("WABA", "Currency", "#Amount (unrounded)"), rows);
        }
        List<String> months = new ArrayList<>();
        for (WabaMonth m : new TreeSet<>(touched)) months.add(m.wabaId() + " " + m.period());
        TableView steps = null;
        if (!s.stepMillis().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            s.stepMillis().forEach((k, v) -> rows.add(List.of(k, v)));
            steps = TableView.of(List.of("Step", "#Milliseconds"), rows);
        }
        List<String> files = new ArrayList<>();
        for (String f : s.outputFiles()) files.add(Text.of(f));
        return new RunSection(counts, charges, months.isEmpty() ? "none" : Text.of(String.join(", ", months)), steps,
                files);
    }

    /** The latest revision of each invoice: WABA, month and currency (the invoices come by revision). */
    static Map<InvoiceKey, Invoice> latest(List<Invoice> invoices) {
        Map<InvoiceKey, Invoice> latest = new LinkedHashMap<>();
        for (Invoice i : invoices) {
            InvoiceKey k = InvoiceKey.of(i);
            Invoice before = latest.get(k);
            if (before == null || before.revision() < i.revision()) latest.put(k, i);
        }
        return latest;
    }
}
