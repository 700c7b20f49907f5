package com.wabill.ledger;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.invoicing.Charge;
import com.wabill.invoicing.ChargeKind;
import com.wabill.invoicing.Invoice;
import com.wabill.invoicing.InvoiceLine;
import com.wabill.invoicing.InvoiceStatus;
import com.wabill.invoicing.Payment;
import com.wabill.invoicing.WabaMonth;

/**
 * Invoices, their lines and payments ({@code invoice}, {@code invoice_line}, {@code payment}), and the charges of a
 * month they are computed from (the month's conversations and priced messages).
 */
public final class InvoiceStore {

    private final JdbcTemplate jdbc;

    public InvoiceStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Every charge of a WABA's month (conversations and PMP-priced messages), by time, then id. */
    public void charges(String wabaId, YearMonth period, Currency currency, Consumer<Charge> sink) {
        jdbc.query("select kind, id, at, pricing_model, category, type, market, rate, amount from ("
                + " select 'CONVERSATION' kind, conversation_id id, opened_at at, pricing_model, category, type, market, rate, amount"
                + " from conversation where waba_id = ? and local_month = ?"
                + " union all select 'MESSAGE', message_id, event_time, 'PMP', pricing_category, pricing_type, market, rate, amount"
                + " from priced_message where waba_id = ? and local_month = ?) c order by at, id",
                (RowCallbackHandler) rs -> sink.accept(new Charge(rs.getString(2), wabaId, rs.getTimestamp(3).toInstant(),
                        ChargeKind.valueOf(rs.getString(1)), PricingModel.valueOf(rs.getString(4)),
                        Category.valueOf(rs.getString(5)), ConversationType.valueOf(rs.getString(6)),
                        rs.getString(7), currency, rs.getBigDecimal(8), rs.getBigDecimal(9))),
                wabaId, period.toString(), wabaId, period.toString());
    }

    /** The months with an OPEN invoice (their status may change as days are billed). */
    public List<WabaMonth> openMonths() {
        return jdbc.query("select distinct waba_id, period from invoice where status = 'OPEN'",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)));
    }

    /** The latest revision of a month's invoice, with its lines; null when it has none. */
    public Invoice latest(String wabaId, YearMonth period) {
        List<Invoice> found = jdbc.query("select revision, currency, conversations, messages, billable, amount,"
                + " unrounded_amount, status from invoice where waba_id = ? and period = ? order by revision desc limit 1",
                (rs, i) -> {
                    int revision = rs.getInt(1);
                    return new Invoice(wabaId, period, revision, Currency.getInstance(rs.getString(2)),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            InvoiceStatus.valueOf(rs.getString(8)), lines(wabaId, period, revision));
                },
                wabaId, period.toString());
        return found.isEmpty() ? null : found.get(0);
    }

    private List<InvoiceLine> lines(String wabaId, YearMonth period, int revision) {
        return jdbc.query("select pricing_model, category, type, market, currency, rate, quantity, amount"
                + " from invoice_line where waba_id = ? and period = ? and revision = ? order by line_no",
                (l, j) -> new InvoiceLine(PricingModel.valueOf(l.getString(1)), Category.valueOf(l.getString(2)),
                        ConversationType.valueOf(l.getString(3)), l.getString(4), Currency.getInstance(l.getString(5)),
                        l.getBigDecimal(6), l.getLong(7), l.getBigDecimal(8)),
                wabaId, period.toString(), revision);
    }

    /** Writes an invoice revision and its lines (numbered from 1 in their order), by {@code jobExecutionId}. */
    public void insert(Invoice inv, long jobExecutionId) {
        jdbc.update("insert into invoice (waba_id, period, revision, currency, conversations, messages, billable,"
                + " amount, unrounded_amount, status, job_execution_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inv.wabaId(), inv.period().toString(), inv.revision(), inv.currency().getCurrencyCode(),
                inv.conversations(), inv.messages(), inv.billable(), inv.amount(), inv.unroundedAmount(),
                inv.status().name(), jobExecutionId);
        int n = 0;
        for (InvoiceLine l : inv.lines()) {
            jdbc.update("insert into invoice_line (waba_id, period, revision, line_no, pricing_model, category, type,"
                    + " market, currency, rate, quantity, amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    inv.wabaId(), inv.period().toString(), inv.revision(), ++n, l.model().name(), l.category().name(),
                    l.type().name(), l.market(), l.currency().getCurrencyCode(), l.rate(), l.quantity(), l.amount());
        }
    }

    /** Deletes one revision of a month's invoice (its lines go with it). */
    public void deleteRevision(String wabaId, YearMonth period, int revision) {
        jdbc.update("delete from invoice where waba_id = ? and period = ? and revision = ?", wabaId, period.toString(),
                revision);
    }

    /** Replaces a month's payments with {@code payments}, numbered from 1 in their order. */
    public void replacePayments(String wabaId, YearMonth period, List<Payment> payments) {
        deletePayments(wabaId, period);
        int seq = 0;
        for (Payment pay : payments) {
            jdbc.update("insert into payment (waba_id, period, seq, charged_at, amount, reason) values (?, ?, ?, ?, ?, ?)",
                    pay.wabaId(), period.toString(), ++seq, Timestamp.from(pay.chargedAt()), pay.amount(),
                    pay.reason().name());
        }
    }

    public void deletePayments(String wabaId, YearMonth period) {
        jdbc.update("delete from payment where waba_id = ? and period = ?", wabaId, period.toString());
    }
}
