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

    /**
     * Every charge of a WABA's month in one currency (conversations and PMP-priced messages priced in it: SPEC 1.4,
     * the currency of the account row in force at their opening or event time), by time, then id.
     */
    public void charges(String wabaId, YearMonth period, Currency currency, Consumer<Charge> sink) {
        String code = currency.getCurrencyCode();
        jdbc.query("select kind, id, at, pricing_model, category, type, market, rate, amount from ("
                + " select 'CONVERSATION' kind, conversation_id id, opened_at at, pricing_model, category, type, market, rate, amount"
                + " from conversation where waba_id = ? and local_month = ? and currency = ?"
                + " union all select 'MESSAGE', message_id, event_time, 'PMP', pricing_category, pricing_type, market, rate, amount"
                + " from priced_message where waba_id = ? and local_month = ? and currency = ?) c order by at, id",
                (RowCallbackHandler) rs -> sink.accept(new Charge(rs.getString(2), wabaId, rs.getTimestamp(3).toInstant(),
                        ChargeKind.valueOf(rs.getString(1)), PricingModel.valueOf(rs.getString(4)),
                        Category.valueOf(rs.getString(5)), ConversationType.valueOf(rs.getString(6)),
                        rs.getString(7), currency, rs.getBigDecimal(8), rs.getBigDecimal(9))),
                wabaId, period.toString(), code, wabaId, period.toString(), code);
    }

    /**
     * The currencies of a WABA's month (SPEC 3.2: an invoice per currency): those its conversations and priced
     * messages were priced in, and those it has invoices in (a currency whose charges are gone still has its OPEN
     * invoice to remove), sorted.
     */
    public List<Currency> currencies(String wabaId, YearMonth period) {
        String p = period.toString();
        return jdbc.queryForList("select currency from conversation where waba_id = ? and local_month = ?"
                + " union select currency from priced_message where waba_id = ? and local_month = ?"
                + " union select currency from invoice where waba_id = ? and period = ? order by 1", String.class,
                wabaId, p, wabaId, p, wabaId, p).stream().map(Currency::getInstance).toList();
    }

    /** The months with an OPEN invoice (their status may change as days are billed). */
    public List<WabaMonth> openMonths() {
        return jdbc.query("select distinct waba_id, period from invoice where status = 'OPEN'",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)));
    }

    /** The latest revision of a month's invoice in one currency, with its lines; null when it has none. */
    public Invoice latest(String wabaId, YearMonth period, Currency currency) {
        List<Invoice> found = jdbc.query("select revision, currency, conversations, messages, billable, amount,"
                + " unrounded_amount, status from invoice where waba_id = ? and period = ? and currency = ?"
                + " order by revision desc limit 1",
                (rs, i) -> {
                    int revision = rs.getInt(1);
                    return new Invoice(wabaId, period, revision, Currency.getInstance(rs.getString(2)),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            InvoiceStatus.valueOf(rs.getString(8)), lines(wabaId, period, currency, revision));
                },
                wabaId, period.toString(), currency.getCurrencyCode());
        return found.isEmpty() ? null : found.get(0);
    }

    private List<InvoiceLine> lines(String wabaId, YearMonth period, Currency currency, int revision) {
        return jdbc.query("select pricing_model, category, type, market, currency, rate, quantity, amount"
                + " from invoice_line where waba_id = ? and period = ? and currency = ? and revision = ? order by line_no",
                (l, j) -> new InvoiceLine(PricingModel.valueOf(l.getString(1)), Category.valueOf(l.getString(2)),
                        ConversationType.valueOf(l.getString(3)), l.getString(4), Currency.getInstance(l.getString(5)),
                        l.getBigDecimal(6), l.getLong(7), l.getBigDecimal(8)),
                wabaId, period.toString(), currency.getCurrencyCode(), revision);
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

    /** Deletes one revision of a month's invoice in one currency (its lines go with it). */
    public void deleteRevision(String wabaId, YearMonth period, Currency currency, int revision) {
        jdbc.update("delete from invoice where waba_id = ? and period = ? and currency = ? and revision = ?", wabaId,
                period.toString(), currency.getCurrencyCode(), revision);
    }

    /**
     * Replaces a month's payments in one currency with {@code payments}, numbered from 1 in their order (SPEC 3.3:
     * one running total per WABA, month and currency).
     */
    public void replacePayments(String wabaId, YearMonth period, Currency currency, List<Payment> payments) {
        deletePayments(wabaId, period, currency);
        int seq = 0;
        for (Payment pay : payments) {
            jdbc.update("insert into payment (waba_id, period, currency, seq, charged_at, amount, reason)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", pay.wabaId(), period.toString(), currency.getCurrencyCode(),
                    ++seq, Timestamp.from(pay.chargedAt()), pay.amount(), pay.reason().name());
        }
    }

    public void deletePayments(String wabaId, YearMonth period, Currency currency) {
        jdbc.update("delete from payment where waba_id = ? and period = ? and currency = ?", wabaId, period.toString(),
                currency.getCurrencyCode());
    }
}
