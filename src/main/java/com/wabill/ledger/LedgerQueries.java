package com.wabill.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import com.wabill.invoicing.WabaMonth;

/** The invoices, lines and payments of touched months, read for the HTML pages. */
public final class LedgerQueries {

    public record Invoice(String wabaId, String period, int revision, String currency, long conversations, long messages,
                   long billable, BigDecimal amount, BigDecimal unroundedAmount, String status, Instant issuedAt,
                   long jobExecutionId) {
        public WabaMonth month() {
            return new WabaMonth(wabaId, period);
        }
    }

    public record Line(int lineNo, String pricingModel, String category, String type, String market, String currency,
                BigDecimal rate, long quantity, BigDecimal amount) {
        /** Lines of two revisions match by everything that groups them; the rate by value. */
        public String key() {
            return pricingModel + '|' + category + '|' + type + '|' + market + '|' + currency + '|'
                    + (rate == null ? "" : rate.stripTrailingZeros().toPlainString());
        }
    }

    public record Payment(String wabaId, String period, int seq, Instant chargedAt, BigDecimal amount, String reason) {
    }

    /** An invoice revision with its lines. */
    public record InvoiceWithLines(Invoice invoice, List<Line> lines) {
    }

    private final JdbcTemplate jdbc;

    public LedgerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every revision of the touched months, with its lines, by WABA, period, revision. */
    public List<InvoiceWithLines> invoices(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        Map<String, InvoiceWithLines> byKey = new LinkedHashMap<>();
        jdbc.query("""
                select i.waba_id, i.period, i.revision, i.currency, i.conversations, i.messages, i.billable, i.amount,
                       i.unrounded_amount, i.status, i.issued_at, i.job_execution_id
                from invoice i join %s on i.waba_id = t.waba_id and i.period = t.period
                order by i.waba_id collate "C", i.period collate "C", i.revision
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched), (RowCallbackHandler) rs -> {
            Invoice inv = new Invoice(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getString(10),
                    Sql.instant(rs, "issued_at"), rs.getLong(12));
            byKey.put(key(inv.wabaId(), inv.period(), inv.revision()), new InvoiceWithLines(inv, new ArrayList<>()));
        });
        jdbc.query("""
                select l.waba_id, l.period, l.revision, l.line_no, l.pricing_model, l.category, l.type, l.market,
                       l.currency, l.rate, l.quantity, l.amount
                from invoice_line l join %s on l.waba_id = t.waba_id and l.period = t.period
                order by l.waba_id collate "C", l.period collate "C", l.revision, l.line_no
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched), (RowCallbackHandler) rs -> {
            InvoiceWithLines inv = byKey.get(key(rs.getString(1), rs.getString(2), rs.getInt(3)));
            if (inv == null) return;
            inv.lines().add(new Line(rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), rs.getString(9), rs.getBigDecimal(10), rs.getLong(11), rs.getBigDecimal(12)));
        });
        return new ArrayList<>(byKey.values());
    }

    /** The payments of the touched months, by WABA, period, sequence. */
    public List<Payment> payments(Collection<WabaMonth> touched) {
        if (touched.isEmpty()) return List.of();
        return jdbc.query("""
                select p.waba_id, p.period, p.seq, p.charged_at, p.amount, p.reason
                from payment p join %s on p.waba_id = t.waba_id and p.period = t.period
                order by p.waba_id collate "C", p.period collate "C", p.seq
                """.formatted(Sql.MONTHS), ps -> Sql.bindMonths(ps, 1, touched),
                (rs, i) -> new Payment(rs.getString(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, "charged_at"),
                        rs.getBigDecimal(5), rs.getString(6)));
    }

    private static String key(String waba, String period, int revision) {
        return waba + '\u0000' + period + '\u0000' + revision;
    }
}
