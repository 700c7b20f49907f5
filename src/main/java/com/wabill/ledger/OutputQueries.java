package com.wabill.ledger;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.invoicing.WabaMonth;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyKind;

/**
 * Every read the run's outputs make of the ledger: the invoices, lines and payments of the touched months (the
 * CSV files and the pages), the month figures and daily counts of the report, the run's discrepancies, the counts
 * of the run summary, and the rows the Parquet outputs are written from. Rows come in a fixed order (byte order of
 * the ids, {@code collate "C"}, never the database's locale) so that a re-run writes the same bytes.
 */
public final class OutputQueries {

    /** An invoice revision as issued, with its lines in line-number order. */
    public record IssuedInvoice(String wabaId, String period, int revision, String currency, long conversations,
            long messages, long billable, BigDecimal amount, BigDecimal unroundedAmount, String status,
            Instant issuedAt, long jobExecutionId, List<IssuedLine> lines) {
    }

    public record IssuedLine(int lineNo, String pricingModel, String category, String type, String market,
            String currency, BigDecimal rate, long quantity, BigDecimal amount) {
    }

    public record ChargedPayment(String wabaId, String period, int seq, Instant chargedAt, BigDecimal amount,
            String reason, String currency) {
    }

    /** One WABA's month in one currency: CBP conversations, PMP free entry point windows, PMP messages. */
    public record WabaMonthTotals(String wabaId, String period, String currency, long conversations,
            long entryPointWindows, long messages, long billable, BigDecimal amount) {
    }

    /** One pricing model, category, type and currency over the touched months. */
    public record CategoryTotals(String pricingModel, String category, String type, String currency,
            long conversations, long messages, long billable, BigDecimal amount) {
    }

    /** One month (the WABA's zone), pricing model, category, type and currency over the touched months. */
    public record MonthCategoryTotals(String period, String pricingModel, String category, String type,
            String currency, long conversations, long messages, long billable, BigDecimal amount) {
    }

    /** How many conversations (or priced messages) of a category a UTC day has. */
    public record DayCount(LocalDate day, String category, long count) {
    }

    public record CategoryTypeCount(String category, String type, long count) {
    }

    public record WabaCharge(String wabaId, String currency, BigDecimal amount) {
    }

    /** A conversation as {@code conversations/} publishes it. */
    public record ConversationRow(String conversationId, String wabaId, String phoneNumberId, String contactWaId,
            String category, String type, Instant openedAt, Instant closedAt, String openingMessageId,
            String country, String market, String currency, BigDecimal rate, BigDecimal amount,
            String pricingModel) {
    }

    /**
     * The service messages (pricing category SERVICE) of one business phone number in one month and currency: how
     * many were free ({@code FREE_CUSTOMER_SERVICE}), how many charged ({@code REGULAR}) and what those cost.
     */
    public record ServiceMessages(String wabaId, String phoneNumberId, String businessPhoneNumber, String period,
            String currency, long free, long charged, BigDecimal chargedAmount) {
    }

    /**
     * The utility templates of one WABA, month and currency charged inside the customer service window (SPEC 2.10.6,
     * {@code in_window}): how many and what they cost (unrounded). Free before 2026-10-01.
     */
    public record InWindowUtility(String wabaId, String period, String currency, long messages, BigDecimal amount) {
    }

    private final JdbcTemplate jdbc;

    public OutputQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ invoices, lines, payments

    /** Every revision of the touched months, with its lines, by WABA, period, revision. */
    public List<IssuedInvoice> invoices(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        Map<String, IssuedInvoice> byKey = new LinkedHashMap<>();
        jdbc.query("""
                select i.waba_id, i.period, i.revision, i.currency, i.conversations, i.messages, i.billable, i.amount,
                       i.unrounded_amount, i.status, i.issued_at, i.job_execution_id
                from invoice i join %s on i.waba_id = t.waba_id and i.period = t.period
                order by i.waba_id collate "C", i.period collate "C", i.currency collate "C", i.revision
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched), (RowCallbackHandler) rs -> {
            IssuedInvoice inv = new IssuedInvoice(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                    rs.getString(10), Sql.instant(rs, "issued_at"), rs.getLong(12), new ArrayList<>());
            byKey.put(key(inv.wabaId(), inv.period(), inv.currency(), inv.revision()), inv);
        });
        jdbc.query("""
                select l.waba_id, l.period, l.revision, l.line_no, l.pricing_model, l.category, l.type, l.market,
                       l.currency, l.rate, l.quantity, l.amount
                from invoice_line l join %s on l.waba_id = t.waba_id and l.period = t.period
                order by l.waba_id collate "C", l.period collate "C", l.currency collate "C", l.revision, l.line_no
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched), (RowCallbackHandler) rs -> {
            IssuedInvoice inv = byKey.get(key(rs.getString(1), rs.getString(2), rs.getString(9), rs.getInt(3)));
            if (inv == null) return; // the foreign key makes this impossible; a line is never shown without its invoice
            inv.lines().add(new IssuedLine(rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), rs.getString(9), rs.getBigDecimal(10), rs.getLong(11), rs.getBigDecimal(12)));
        });
        List<IssuedInvoice> out = new ArrayList<>(byKey.size());
        for (IssuedInvoice i : byKey.values()) {
            out.add(new IssuedInvoice(i.wabaId(), i.period(), i.revision(), i.currency(), i.conversations(),
                    i.messages(), i.billable(), i.amount(), i.unroundedAmount(), i.status(), i.issuedAt(),
                    i.jobExecutionId(), List.copyOf(i.lines())));
        }
        return out;
    }

    /** The payments of the touched months, by WABA, period, sequence (time order). */
    public List<ChargedPayment> payments(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select p.waba_id, p.period, p.seq, p.charged_at, p.amount, p.reason, p.currency
                from payment p join %s on p.waba_id = t.waba_id and p.period = t.period
                order by p.waba_id collate "C", p.period collate "C", p.currency collate "C", p.seq
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched),
                (rs, i) -> new ChargedPayment(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Sql.instant(rs, "charged_at"), rs.getBigDecimal(5), rs.getString(6), rs.getString(7)));
    }

    private static String key(String waba, String period, String currency, int revision) {
        return waba + '\u0000' + period + '\u0000' + currency + '\u0000' + revision;
    }

    // ------------------------------------------------------------------ the report's month figures

    /** Conversations, windows, messages and charges per WABA, month and currency of the touched months. */
    public List<WabaMonthTotals> totalsPerWaba(Collection<WabaMonth> touched) {
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
                }, (rs, i) -> new WabaMonthTotals(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8)));
    }

    /** Conversations, messages and charges per pricing model, category, type and currency of the touched months. */
    public List<CategoryTotals> totalsPerCategory(Collection<WabaMonth> touched) {
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
                }, (rs, i) -> new CategoryTotals(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8)));
    }

    /** Conversations of the touched months per UTC day of opening and category. */
    public List<DayCount> conversationsPerDay(Collection<WabaMonth> touched) {
        return perDay(touched, """
                select c.day, c.category, count(*) from conversation c
                join %s on c.waba_id = t.waba_id and c.local_month = t.period
                group by c.day, c.category""");
    }

    /** PMP-priced messages of the touched months per UTC day and pricing category. */
    public List<DayCount> pricedMessagesPerDay(Collection<WabaMonth> touched) {
        return perDay(touched, """
                select m.day, m.pricing_category, count(*) from priced_message m
                join %s on m.waba_id = t.waba_id and m.local_month = t.period
                group by m.day, m.pricing_category""");
    }

    private List<DayCount> perDay(Collection<WabaMonth> touched, String sql) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query(sql.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched),
                (rs, i) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)));
    }

    // ------------------------------------------------------------------ discrepancies

    /** How many discrepancies the job execution found. */
    public long discrepancyCount(long jobExecutionId) {
        Long n = jdbc.queryForObject("select count(*) from discrepancy where job_execution_id = ?", Long.class,
                jobExecutionId);
        return n == null ? 0 : n;
    }

    /** The job execution's discrepancies per kind, by kind. */
    public Map<String, Long> discrepanciesByKind(long jobExecutionId) {
        Map<String, Long> byKind = new TreeMap<>();
        jdbc.query("select kind, count(*) from discrepancy where job_execution_id = ? group by kind",
                (RowCallbackHandler) rs -> byKind.put(rs.getString(1), rs.getLong(2)), jobExecutionId);
        return byKind;
    }

    /**
     * The job execution's {@code limit} largest discrepancies: the largest money difference first (rows without one
     * last), then the largest count difference, then by WABA, bucket start and insertion.
     */
    public List<Discrepancy> largestDiscrepancies(long jobExecutionId, int limit) {
        return jdbc.query("""
                select kind, waba_id, phone_number, period_start, period_end, country, category, type,
                       expected_count, billed_count, expected_amount, billed_amount, difference, detail
                from discrepancy where job_execution_id = ?
                order by abs(difference) desc nulls last, abs(coalesce(expected_count, 0) - coalesce(billed_count, 0)) desc,
                         waba_id collate "C", period_start, id
                limit ?""", (rs, i) -> new Discrepancy(DiscrepancyKind.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), Sql.instant(rs, "period_start"), Sql.instant(rs, "period_end"),
                        rs.getString(6), rs.getString(7) == null ? null : Category.valueOf(rs.getString(7)),
                        rs.getString(8) == null ? null : ConversationType.valueOf(rs.getString(8)),
                        (Long) rs.getObject(9, Long.class), (Long) rs.getObject(10, Long.class), rs.getBigDecimal(11),
                        rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getString(14)),
                jobExecutionId, limit);
    }

    /** The (WABA, month) pairs a reconcile run compared, as it recorded them. */
    public List<WabaMonth> reconciledMonths(long jobExecutionId) {
        List<WabaMonth> months = new ArrayList<>();
        for (String list : jdbc.queryForList("select months from reconciliation_run where job_execution_id = ?",
                String.class, jobExecutionId)) {
            if (list == null || list.isBlank()) continue;
            for (String wm : list.split(",")) {
                String[] p = wm.split("\\|", 2);
                if (p.length == 2) months.add(new WabaMonth(p[0], p[1]));
            }
        }
        return months;
    }

    // ------------------------------------------------------------------ the run summary's counts of its days

    /** CBP conversations opened on the UTC days {@code from..to}, per category and type. */
    public List<CategoryTypeCount> conversationsOfDays(LocalDate from, LocalDate to) {
        return jdbc.query("select category, type, count(*) from conversation where day between ? and ?"
                + " and pricing_model = 'CBP' group by category, type",
                (rs, i) -> new CategoryTypeCount(rs.getString(1), rs.getString(2), rs.getLong(3)), from, to);
    }

    /** Charged PMP messages of the UTC days {@code from..to}, per pricing category. */
    public Map<String, Long> chargedMessagesOfDays(LocalDate from, LocalDate to) {
        Map<String, Long> byCategory = new TreeMap<>();
        jdbc.query("select pricing_category, count(*) from priced_message where day between ? and ?"
                + " and outcome = 'CHARGED' group by pricing_category",
                (RowCallbackHandler) rs -> byCategory.merge(rs.getString(1), rs.getLong(2), Long::sum), from, to);
        return byCategory;
    }

    /** What conversations and priced messages of the UTC days {@code from..to} charged, per WABA and currency. */
    public List<WabaCharge> chargesOfDays(LocalDate from, LocalDate to) {
        return jdbc.query("select waba_id, currency, sum(amount) from (select waba_id, currency, amount from conversation"
                + " where day between ? and ? union all select waba_id, currency, amount from priced_message"
                + " where day between ? and ?) c group by waba_id, currency order by waba_id",
                (rs, i) -> new WabaCharge(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), from, to, from, to);
    }

    // ------------------------------------------------------------------ the rows of the Parquet outputs

    /**
     * Streams the conversations of UTC day {@code day}, by opening time and id, on a connection of its own (a
     * read-only cursor, 10,000 rows at a time: a day is never held in memory). The server sorts the day (at 10 M
     * messages, 1.5 M rows in 4 to 8 s, on disk whatever work_mem short of 400 MB) while other threads write.
     */
    public void conversationsOfDay(LocalDate day, Consumer<ConversationRow> rows) throws SQLException {
        DataSource dataSource = jdbc.getDataSource();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor: rows are fetched 10,000 at a time
            try (PreparedStatement ps = c.prepareStatement("select conversation_id, waba_id, phone_number_id,"
                    + " contact_wa_id, category, type, opened_at, closed_at, opening_message_id, country, market,"
                    + " currency, rate, amount, pricing_model from conversation where day = ?"
                    + " order by opened_at, conversation_id")) {
                ps.setObject(1, day);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.accept(new ConversationRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                                rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getString(15)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    // ------------------------------------------------------------------ the free service messages (SPEC 2.10.5)

    /**
     * The service messages of each business phone number in the touched months, per currency, by WABA, phone
     * number, period, currency. Which months have a free tier is the caller's business (engine.PricingRegime).
     */
    public List<ServiceMessages> serviceMessagesPerPhone(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select m.waba_id, m.phone_number_id, max(m.business_phone_number), m.local_month, m.currency,
                       count(*) filter (where m.pricing_type = 'FREE_CUSTOMER_SERVICE'),
                       count(*) filter (where m.pricing_type = 'REGULAR'),
                       coalesce(sum(m.amount) filter (where m.pricing_type = 'REGULAR'), 0)
                from priced_message m join %s on m.waba_id = t.waba_id and m.local_month = t.period
                where m.pricing_category = 'SERVICE'
                group by m.waba_id, m.phone_number_id, m.local_month, m.currency
                order by m.waba_id collate "C", m.phone_number_id collate "C", m.local_month collate "C",
                         m.currency collate "C"
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched),
                (rs, i) -> new ServiceMessages(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8)));
    }

    /** As {@link #totalsPerCategory}, per local month too, by period, model, category, type, currency. */
    public List<MonthCategoryTotals> totalsPerMonthAndCategory(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select period, model, category, type, currency, sum(conv), sum(msgs), sum(billable), sum(amount)
                from (
                    select c.local_month as period, c.pricing_model as model, c.category, c.type, c.currency,
                           count(*) as conv, 0 as msgs, count(*) filter (where c.amount > 0) as billable,
                           sum(c.amount) as amount
                    from conversation c join %1$s on c.waba_id = t.waba_id and c.local_month = t.period
                    group by 1, 2, 3, 4, 5
                    union all
                    select m.local_month, 'PMP', m.pricing_category, m.pricing_type, m.currency, 0, count(*),
                           count(*) filter (where m.amount > 0), sum(m.amount)
                    from priced_message m join %1$s on m.waba_id = t.waba_id and m.local_month = t.period
                    group by 1, 2, 3, 4, 5
                ) x
                group by period, model, category, type, currency
                order by period collate "C", model collate "C", category collate "C", type collate "C",
                         currency collate "C"
                """.formatted(Sql.MONTHS), ps -> {
                    Sql.bindMonths(ps, 1, touched);
                    Sql.bindMonths(ps, 3, touched);
                }, (rs, i) -> new MonthCategoryTotals(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getBigDecimal(9)));
    }

    /**
     * The utility templates charged inside the customer service window (SPEC 2.10.6) in the touched months, per WABA,
     * month and currency, by WABA, period, currency: only those that have some.
     */
    public List<InWindowUtility> utilityInServiceWindow(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select m.waba_id, m.local_month, m.currency, count(*), sum(m.amount)
                from priced_message m join %s on m.waba_id = t.waba_id and m.local_month = t.period
                where m.in_window
                group by m.waba_id, m.local_month, m.currency
                order by m.waba_id collate "C", m.local_month collate "C", m.currency collate "C"
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched),
                (rs, i) -> new InWindowUtility(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBigDecimal(5)));
    }
}
