package com.wabill.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.wabill.ledger.LedgerQueries.Invoice;
import com.wabill.ledger.LedgerQueries.InvoiceWithLines;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.LedgerQueries;
import com.wabill.ledger.Sql;

/**
 * {@code report.html}: one self-contained page a person reads after a run (inline CSS, charts as inline SVG, no
 * script, nothing fetched). In this order: the run's status when it did not complete, warnings, totals, the charts
 * (conversations per day by category, charges per WABA), per WABA and per category (from the ledger of the touched
 * months), invoices with links to their pages ({@link InvoicePage}), the run's discrepancies (largest difference
 * first), policy violations, rejected rows and the run's details. All text is escaped; contact numbers appear only
 * masked.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    /** Rows of the discrepancy table shown at most; the CSV holds them all. */
    static final int MAX_DISCREPANCIES = 1000;
    /** Rejected rows listed at most. */
    static final int MAX_REJECTED = 100;

    private HtmlReport() {
    }

    public static Path write(Path outputDir, JdbcTemplate jdbc, RunSummary summary, Collection<WabaMonth> touched)
            throws IOException {
        return write(outputDir, jdbc, summary, touched, List.of(), Map.of());
    }

    /**
     * @param rejected  the run's rejected rows (the first {@value #MAX_REJECTED} are listed; may be null)
     * @param wabaNames WABA id → name, from accounts.csv (may be empty)
     */
    public static Path write(Path outputDir, JdbcTemplate jdbc, RunSummary summary, Collection<WabaMonth> touched,
                             Iterable<RejectedRow> rejected, Map<String, String> wabaNames) throws IOException {
        String html = render(jdbc, summary, touched == null ? List.of() : touched,
                rejected == null ? List.of() : rejected, wabaNames == null ? Map.of() : wabaNames);
        return AtomicFiles.write(outputDir.resolve(FILE), w -> w.write(html));
    }

    // ---------------------------------------------------------------------------------------------------------

    record WabaRow(String wabaId, String period, String currency, long conversations, long windows, long messages,
                   long billable, BigDecimal amount) {
    }

    record CategoryRow(String model, String category, String type, String currency, long conversations,
                       long messages, long billable, BigDecimal amount) {
    }

    static String render(JdbcTemplate jdbc, RunSummary s, Collection<WabaMonth> touched,
                         Iterable<RejectedRow> rejected, Map<String, String> names) {
        List<WabaRow> perWaba = perWaba(jdbc, touched);
        List<CategoryRow> perCategory = perCategory(jdbc, touched);
        List<InvoiceWithLines> invoices = new LedgerQueries(jdbc).invoices(touched);

        StringBuilder out = new StringBuilder(32768);
        String title = "wabill " + (s.jobName() == null ? "billing" : s.jobName()) + " report"
                + (s.executionId() == null ? "" : " #" + s.executionId());
        Html.open(out, title);
        out.append("<h1>").append(Html.esc(title)).append("</h1>\n");
        out.append("<p class=\"sub\">UTC days ").append(Html.esc(SummaryTable.range(s))).append(" &middot; ")
                .append(Html.esc(SummaryTable.mode(s))).append(" &middot; cold start: ")
                .append(s.coldStart() ? "yes (" + s.warmUpDays() + " warm-up day(s) replayed; a cold start can "
                        + "differ from an unbroken history)" : "no").append("</p>\n");

        status(out, s);
        warnings(out, s);
        totals(out, s, perWaba, invoices, jdbc);
        charts(out, jdbc, touched, perWaba, names);
        perWabaSection(out, perWaba, invoices, names);
        perCategorySection(out, perCategory);
        invoicesSection(out, invoices, names);
        discrepancies(out, jdbc, s);
        policyViolations(out, s);
        rejectedRows(out, s, rejected);
        runDetails(out, s, touched);
        out.append("<footer>Written by wabill from the billing ledger. Amounts are in each account's currency; sums "
                + "of conversations and messages are unrounded, invoice totals rounded half-up once.</footer>\n");
        Html.close(out);
        return out.toString();
    }

    /** A run that did not complete says so first, with the line that tells what to do. */
    private static void status(StringBuilder out, RunSummary s) {
        if (s.status() == null || s.status() == RunSummary.Status.COMPLETED) return;
        out.append("<div class=\"status ").append(s.status()).append("\"><b>").append(switch (s.status()) {
            case FAILED -> "This run FAILED.";
            case STOPPED -> "This run was STOPPED before it finished.";
            default -> "Nothing to bill.";
        }).append("</b>");
        if (s.failure() != null) out.append(' ').append(Html.esc(s.failure()));
        if (s.status() == RunSummary.Status.FAILED || s.status() == RunSummary.Status.STOPPED) {
            out.append("<br>The figures below are the ledger of the months the run had reached; the files of the"
                    + " last completed run are left as they were.");
        }
        out.append("</div>\n");
    }

    private static void warnings(StringBuilder out, RunSummary s) {
        List<String> all = new ArrayList<>(s.warnings());
        if (!s.unknownWabas().isEmpty()) {
            all.add("WABAs without a row in accounts.csv, billed in UTC and USD without a threshold: "
                    + String.join(", ", s.unknownWabas()));
        }
        if (all.isEmpty()) return;
        out.append("<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
        for (String w : all) out.append("<li>").append(Html.esc(w)).append("</li>\n");
        out.append("</ul>\n");
    }

    private static void totals(StringBuilder out, RunSummary s, List<WabaRow> perWaba,
                               List<InvoiceWithLines> invoices, JdbcTemplate jdbc) {
        out.append("<h2>Totals</h2>\n<div class=\"cards\">\n");
        card(out, s.rowsRead(), "rows read");
        card(out, s.accepted(), "messages accepted");
        card(out, s.rejected(), "rows rejected");
        card(out, s.mergedDuplicates(), "duplicates merged");
        card(out, s.messagesReplayed(), "messages replayed");
        card(out, s.messagesLeftForLaterRun(), "left for a later run");
        card(out, s.lateDeliveries(), "late deliveries");
        card(out, s.policyViolations(), "policy violations");
        card(out, discrepancyCount(jdbc, s), "discrepancies");
        out.append("</div>\n");

        // money by currency, over the touched months
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (WabaRow r : perWaba) {
            long[] c = counts.computeIfAbsent(r.currency(), k -> new long[3]);
            c[0] += r.conversations();
            c[1] += r.messages();
            c[2] += r.billable();
            amounts.merge(r.currency(), r.amount(), BigDecimal::add);
        }
        Map<String, BigDecimal> invoiced = new TreeMap<>();
        for (Invoice i : latest(invoices).values()) invoiced.merge(i.currency(), i.amount(), BigDecimal::add);
        TreeSet<String> currencies = new TreeSet<>(counts.keySet());
        currencies.addAll(invoiced.keySet());
        if (currencies.isEmpty()) {
            out.append("<p class=\"muted\">Nothing billed in the months this run touched.</p>\n");
            return;
        }
        List<List<?>> rows = new ArrayList<>();
        for (String cur : currencies) {
            long[] c = counts.getOrDefault(cur, new long[3]);
            rows.add(List.of(cur, c[0], c[1], c[2], amounts.getOrDefault(cur, BigDecimal.ZERO),
                    invoiced.getOrDefault(cur, BigDecimal.ZERO)));
        }
        out.append("<p class=\"muted\">The months this run touched (latest invoice revisions).</p>\n");
        Html.table(out, List.of("Currency", "#Conversations", "#Messages (PMP)", "#Billable", "#Charges (unrounded)",
                "#Invoiced (rounded)"), rows);
    }

    private static void card(StringBuilder out, long value, String label) {
        out.append("<div class=\"card\"><b>").append(value).append("</b><span>").append(Html.esc(label))
                .append("</span></div>\n");
    }

    private static void perWabaSection(StringBuilder out, List<WabaRow> perWaba, List<InvoiceWithLines> invoices,
                                       Map<String, String> names) {
        out.append("<h2>Per WABA</h2>\n");
        if (perWaba.isEmpty()) {
            out.append("<p class=\"muted\">No conversations or priced messages in the touched months.</p>\n");
            return;
        }
        Map<WabaMonth, Invoice> latest = latest(invoices);
        List<List<?>> rows = new ArrayList<>();
        for (WabaRow r : perWaba) {
            Invoice inv = latest.get(new WabaMonth(r.wabaId(), r.period()));
            rows.add(List.of(r.wabaId(), names.getOrDefault(r.wabaId(), ""), r.period(), r.currency(),
                    r.conversations(), r.windows(), r.messages(), r.billable(), r.amount(),
                    inv == null ? "" : inv.amount(),
                    inv == null ? "" : new Html.Raw(Html.link(InvoicePage.relativeLink(inv.wabaId(), inv.period(),
                            inv.revision()), inv.status() + " r" + inv.revision()).html())));
        }
        Html.table(out, List.of("WABA", "Name", "Period", "Currency", "#Conversations", "#Free entry point windows (PMP)",
                "#Messages (PMP)", "#Billable", "#Charges (unrounded)", "#Invoice total", "Invoice"), rows);
    }

    private static void perCategorySection(StringBuilder out, List<CategoryRow> perCategory) {
        out.append("<h2>Per category</h2>\n");
        if (perCategory.isEmpty()) {
            out.append("<p class=\"muted\">Nothing in the touched months.</p>\n");
            return;
        }
        List<List<?>> rows = new ArrayList<>();
        for (CategoryRow r : perCategory) {
            rows.add(List.of(r.model(), r.category(), r.type(), r.currency(), r.conversations(), r.messages(),
                    r.billable(), r.amount()));
        }
        Html.table(out, List.of("Pricing model", "Category", "Type", "Currency", "#Conversations", "#Messages",
                "#Billable", "#Charges (unrounded)"), rows);
    }

    private static void charts(StringBuilder out, JdbcTemplate jdbc, Collection<WabaMonth> touched,
                               List<WabaRow> perWaba, Map<String, String> names) {
        out.append("<h2>Charts</h2>\n");
        String conv = perDayChart(jdbc, touched, """
                select c.day, c.category, count(*) from conversation c
                join %s on c.waba_id = t.waba_id and c.local_month = t.period
                group by c.day, c.category""", "Conversations per day (UTC, by opening) and category", "conversations");
        out.append(conv == null ? "<p class=\"muted\">No conversations in the touched months.</p>\n" : conv);
        String msgs = perDayChart(jdbc, touched, """
                select m.day, m.pricing_category, count(*) from priced_message m
                join %s on m.waba_id = t.waba_id and m.local_month = t.period
                group by m.day, m.pricing_category""", "Per-message pricing: messages per day (UTC) and category",
                "messages");
        if (msgs != null) out.append(msgs);

        Map<String, Map<String, BigDecimal>> byCurrency = new TreeMap<>();
        for (WabaRow r : perWaba) {
            byCurrency.computeIfAbsent(r.currency(), k -> new TreeMap<>()).merge(r.wabaId(), r.amount(), BigDecimal::add);
        }
        for (Map.Entry<String, Map<String, BigDecimal>> e : byCurrency.entrySet()) {
            List<String> labels = new ArrayList<>();
            List<BigDecimal> values = new ArrayList<>();
            e.getValue().forEach((waba, amount) -> {
                String name = names.get(waba);
                labels.add(name == null || name.isBlank() ? waba : name + " (" + waba + ")");
                values.add(amount);
            });
            out.append(SvgChart.bars("Charges per WABA, " + e.getKey() + " (unrounded, touched months)", labels,
                    values, e.getKey()));
        }
    }

    /** A stacked bar chart of a (day, category, count) query over the touched months; null when empty. */
    private static String perDayChart(JdbcTemplate jdbc, Collection<WabaMonth> touched, String sql, String title,
                                      String yLabel) {
        if (touched.isEmpty()) return null;
        TreeMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        TreeSet<String> categories = new TreeSet<>(HtmlReport::categoryOrder);
        jdbc.query(sql.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched), (RowCallbackHandler) rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class);
            String cat = rs.getString(2);
            categories.add(cat);
            byDay.computeIfAbsent(day, k -> new TreeMap<>()).merge(cat, rs.getLong(3), Long::sum);
        });
        if (byDay.isEmpty()) return null;
        List<String> series = new ArrayList<>(categories);
        List<String> x = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        LocalDate first = byDay.firstKey();
        LocalDate last = byDay.lastKey();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Map<String, Long> m = byDay.getOrDefault(d, Map.of());
            long[] v = new long[series.size()];
            for (int k = 0; k < v.length; k++) v[k] = m.getOrDefault(series.get(k), 0L);
            x.add(d.toString());
            values.add(v);
        }
        return SvgChart.stackedBars(title, x, series, values.toArray(new long[0][]), yLabel);
    }

    private static final List<String> CATEGORY_ORDER =
            List.of("MARKETING", "UTILITY", "AUTHENTICATION", "SERVICE", "REFERRAL_CONVERSION");

    private static int categoryOrder(String a, String b) {
        int ia = CATEGORY_ORDER.indexOf(a), ib = CATEGORY_ORDER.indexOf(b);
        if (ia < 0) ia = CATEGORY_ORDER.size();
        if (ib < 0) ib = CATEGORY_ORDER.size();
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    private static void invoicesSection(StringBuilder out, List<InvoiceWithLines> invoices, Map<String, String> names) {
        out.append("<h2>Invoices</h2>\n");
        if (invoices.isEmpty()) {
            out.append("<p class=\"muted\">No invoice in the touched months.</p>\n");
            return;
        }
        List<List<?>> rows = new ArrayList<>();
        for (InvoiceWithLines iw : invoices) {
            Invoice i = iw.invoice();
            rows.add(List.of(i.wabaId(), names.getOrDefault(i.wabaId(), ""), i.period(),
                    Html.link(InvoicePage.relativeLink(i.wabaId(), i.period(), i.revision()), "r" + i.revision()),
                    new Html.Raw("<span class=\"badge " + Html.esc(i.status()) + "\">" + Html.esc(i.status())
                            + "</span>"),
                    i.currency(), i.conversations(), i.messages(), i.billable(), i.amount()));
        }
        Html.table(out, List.of("WABA", "Name", "Period", "Revision", "Status", "Currency", "#Conversations",
                "#Messages", "#Billable", "#Total"), rows);
    }

    private static long discrepancyCount(JdbcTemplate jdbc, RunSummary s) {
        if (s.executionId() == null) return 0;
        Long n = jdbc.queryForObject("select count(*) from discrepancy where job_execution_id = ?", Long.class,
                s.executionId());
        return n == null ? 0 : n;
    }

    private static void discrepancies(StringBuilder out, JdbcTemplate jdbc, RunSummary s) {
        out.append("<h2>Discrepancies</h2>\n");
        long total = discrepancyCount(jdbc, s);
        if (total == 0) {
            out.append("<p>None: what Meta billed matches the replay (or there was nothing to reconcile).</p>\n");
            return;
        }
        Map<String, long[]> byKind = new TreeMap<>();
        jdbc.query("select kind, count(*) from discrepancy where job_execution_id = ? group by kind",
                (RowCallbackHandler) rs -> byKind.put(rs.getString(1), new long[] {rs.getLong(2)}), s.executionId());
        List<List<?>> kinds = new ArrayList<>();
        byKind.forEach((k, v) -> kinds.add(List.of(k, v[0])));
        Html.table(out, List.of("Kind", "#Rows"), kinds);

        List<List<?>> rows = new ArrayList<>();
        jdbc.query("""
                select kind, waba_id, phone_number, period_start, period_end, country, category, type,
                       expected_count, billed_count, expected_amount, billed_amount, difference, detail
                from discrepancy where job_execution_id = ?
                order by abs(difference) desc nulls last, abs(coalesce(expected_count, 0) - coalesce(billed_count, 0)) desc,
                         waba_id collate "C", period_start, id
                limit ?""", (RowCallbackHandler) rs -> rows.add(discrepancyRow(rs)), s.executionId(),
                MAX_DISCREPANCIES);
        if (total > rows.size()) {
            out.append("<p class=\"muted\">The ").append(rows.size()).append(" largest of ").append(total)
                    .append("; discrepancies.csv lists them all.</p>\n");
        }
        Html.table(out, List.of("Kind", "WABA", "Phone number", "From (UTC)", "To (UTC)", "Country", "Category",
                "Type", "#Expected count", "#Billed count", "#Expected amount", "#Billed amount", "#Difference",
                "Detail"), rows);
    }

    private static List<?> discrepancyRow(ResultSet rs) throws SQLException {
        List<Object> r = new ArrayList<>(14);
        for (int i = 1; i <= 14; i++) r.add(Sql.value(rs, i));
        return r;
    }

    private static void policyViolations(StringBuilder out, RunSummary s) {
        out.append("<h2>Policy violations</h2>\n");
        if (s.policyViolations() == 0) {
            out.append("<p>None: no free-form message went out outside a customer service window.</p>\n");
            return;
        }
        out.append("<p>").append(s.policyViolations()).append(" free-form message(s) sent outside the customer "
                + "service window (<code>OUTSIDE_SERVICE_WINDOW</code>): Meta would refuse them; they are not "
                + "charged.");
        if (s.policyViolations() > s.policyViolationExamples().size()) {
            out.append(" The ").append(s.policyViolationExamples().size()).append(" earliest:");
        }
        out.append("</p>\n");
        List<List<?>> rows = new ArrayList<>();
        for (RunSummary.PolicyViolation v : s.policyViolationExamples()) {
            rows.add(Arrays.asList(v.time(), v.messageId(), v.wabaId(), v.contact()));
        }
        Html.table(out, List.of("Time (UTC)", "Message", "WABA", "Contact"), rows);
    }

    private static void rejectedRows(StringBuilder out, RunSummary s, Iterable<RejectedRow> rejected) {
        out.append("<h2>Rejected rows</h2>\n");
        List<List<?>> first = new ArrayList<>();
        for (RejectedRow r : rejected) {
            if (first.size() >= MAX_REJECTED) break;
            first.add(Arrays.asList(r.source(), r.row(), r.messageId(), r.reason()));
        }
        if (s.rejected() == 0 && first.isEmpty()) {
            out.append("<p>None.</p>\n");
            return;
        }
        List<List<?>> byReason = new ArrayList<>();
        s.rejectedByReason().forEach((k, v) -> byReason.add(List.of(k, v)));
        if (!byReason.isEmpty()) Html.table(out, List.of("Reason", "#Rows"), byReason);
        if (!first.isEmpty()) {
            out.append("<p class=\"muted\">").append(s.rejected() > first.size()
                    ? "The first " + first.size() + " of " + s.rejected() + "; rejected_rows.csv lists them all."
                    : "All of them:").append("</p>\n");
            Html.table(out, List.of("Source", "#Row", "Message id", "Reason"), first);
        }
    }

    private static void runDetails(StringBuilder out, RunSummary s, Collection<WabaMonth> touched) {
        out.append("<h2>This run</h2>\n");
        if (!s.conversationsByCategoryAndType().isEmpty() || !s.chargedMessagesByCategory().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            s.conversationsByCategoryAndType().forEach((cat, byType) ->
                    byType.forEach((type, n) -> rows.add(List.of("conversations", cat, type, n))));
            s.chargedMessagesByCategory().forEach((cat, n) -> rows.add(List.of("charged messages", cat, "REGULAR", n)));
            Html.table(out, List.of("What", "Category", "Type", "#Count"), rows);
        }
        if (!s.chargesByWaba().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            for (RunSummary.WabaCharge c : s.chargesByWaba()) rows.add(List.of(c.wabaId(), c.currency(), c.amount()));
            out.append("<h3>Charged by this run's days</h3>\n");
            Html.table(out, List.of("WABA", "Currency", "#Amount (unrounded)"), rows);
        }
        out.append("<h3>Months touched</h3>\n<p>");
        if (touched.isEmpty()) out.append("none");
        boolean firstMonth = true;
        for (WabaMonth m : new TreeSet<>(touched)) {
            if (!firstMonth) out.append(", ");
            out.append(Html.esc(m.wabaId())).append(' ').append(Html.esc(m.period()));
            firstMonth = false;
        }
        out.append("</p>\n");
        if (!s.stepMillis().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            s.stepMillis().forEach((k, v) -> rows.add(List.of(k, v)));
            out.append("<h3>Steps</h3>\n");
            Html.table(out, List.of("Step", "#Milliseconds"), rows);
        }
        if (!s.outputFiles().isEmpty()) {
            out.append("<h3>Files</h3>\n<ul>\n");
            for (String f : s.outputFiles()) out.append("<li><code>").append(Html.esc(f)).append("</code></li>\n");
            out.append("</ul>\n");
        }
    }

    private static Map<WabaMonth, Invoice> latest(List<InvoiceWithLines> invoices) {
        Map<WabaMonth, Invoice> latest = new LinkedHashMap<>();
        for (InvoiceWithLines iw : invoices) latest.put(iw.invoice().month(), iw.invoice()); // ordered by revision
        return latest;
    }

    // ---------------------------------------------------------------------------------------------------------

    static List<WabaRow> perWaba(JdbcTemplate jdbc, Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select waba_id, period, currency, sum(conv), sum(windows), sum(msgs), sum(billable), sum(amount)
                from (
                    select c.waba_id, c.local_month as period, c.currency,
                           count(*) filter (where c.pricing_model = 'CBP') as conv,
                           count(*) filter (where c.pricing_model <> 'CBP') as windows,
                           0 as msgs, count(*) filter (where c.amount > 0) as billable, sum(c.amount) as amount
                    from conversation c join %1$s on c.waba_id = t.waba_id and c.local_month = t.period
                    group by 1, 2, 3
                    union all
                    select m.waba_id, m.local_month, m.currency, 0, 0, count(*), count(*) filter (where m.amount > 0),
                           sum(m.amount)
                    from priced_message m join %1$s on m.waba_id = t.waba_id and m.local_month = t.period
                    group by 1, 2, 3
                ) x
                group by waba_id, period, currency
                order by waba_id collate "C", period collate "C", currency collate "C"
                """.formatted(Sql.MONTHS), ps -> {
                    Sql.bindMonths(ps, 1, touched);
                    Sql.bindMonths(ps, 3, touched);
                }, (rs, i) -> new WabaRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8)));
    }

    static List<CategoryRow> perCategory(JdbcTemplate jdbc, Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select model, category, type, currency, sum(conv), sum(msgs), sum(billable), sum(amount)
                from (
                    select c.pricing_model as model, c.category, c.type, c.currency, count(*) as conv, 0 as msgs,
                           count(*) filter (where c.amount > 0) as billable, sum(c.amount) as amount
                    from conversation c join %1$s on c.waba_id = t.waba_id and c.local_month = t.period
                    group by 1, 2, 3, 4
                    union all
                    select 'PMP', m.pricing_category, m.pricing_type, m.currency, 0, count(*),
                           count(*) filter (where m.amount > 0), sum(m.amount)
                    from priced_message m join %1$s on m.waba_id = t.waba_id and m.local_month = t.period
                    group by 1, 2, 3, 4
                ) x
                group by model, category, type, currency
                order by model collate "C", category collate "C", type collate "C", currency collate "C"
                """.formatted(Sql.MONTHS), ps -> {
                    Sql.bindMonths(ps, 1, touched);
                    Sql.bindMonths(ps, 3, touched);
                }, (rs, i) -> new CategoryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8)));
    }
}
