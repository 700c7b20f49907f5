package com.wabill.job;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.rating.Account;
import com.wabill.rating.ReferenceData;
import com.wabill.invoicing.Charge;
import com.wabill.invoicing.ChargeKind;
import com.wabill.invoicing.Invoice;
import com.wabill.invoicing.InvoiceBuilder;
import com.wabill.invoicing.InvoiceLine;
import com.wabill.invoicing.InvoiceRevision;
import com.wabill.invoicing.InvoiceStatus;
import com.wabill.invoicing.Payment;
import com.wabill.invoicing.PaymentSchedule;
import com.wabill.invoicing.WabaMonth;
import java.util.SortedSet;

/**
 * Recomputes the invoice and payments of every month the run touched, from the ledger, streaming the month's
 * charges in time order. An issued CLOSED invoice is never rewritten: a change becomes revision n + 1.
 */
public class InvoiceTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final ReferenceData reference;

    public InvoiceTasklet(JdbcTemplate jdbc, ReferenceData reference) {
        this.jdbc = jdbc;
        this.reference = reference;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // runs of different days may overlap; month-level work is done by one run at a time
        jdbc.queryForList("select pg_advisory_xact_lock(30561, 1)");
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        LocalDate lastBilled = jdbc.queryForObject("select max(day) from billed_day", LocalDate.class);
        if (lastBilled == null || lastBilled.isBefore(plan.to())) lastBilled = plan.to();

        // months the run fed, and open months whose end the billed days may now have reached
        SortedSet<WabaMonth> months = run.touchedMonths();
        months.addAll(jdbc.query("select distinct waba_id, period from invoice where status = 'OPEN'",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2))));
        run.touchedMonths(months);
        List<WabaMonth> revised = new ArrayList<>();
        for (WabaMonth wm : months) {
            Account account = reference.accounts().account(wm.wabaId());
            String action = invoiceMonth(account, YearMonth.parse(wm.period()), lastBilled, jobExecutionId);
            if ("REVISE".equals(action)) revised.add(wm);
        }
        run.revisedInvoices(revised);
        return RepeatStatus.FINISHED;
    }

    private String invoiceMonth(Account account, YearMonth period, LocalDate lastBilled, long jobExecutionId) {
        InvoiceBuilder builder = new InvoiceBuilder(account, period);
        PaymentSchedule schedule = new PaymentSchedule(account, period);
        Currency currency = account.currency();
        jdbc.query("select kind, id, at, pricing_model, category, type, market, rate, amount from ("
                + " select 'CONVERSATION' kind, conversation_id id, opened_at at, pricing_model, category, type, market, rate, amount"
                + " from conversation where waba_id = ? and local_month = ?"
                + " union all select 'MESSAGE', message_id, event_time, 'PMP', pricing_category, pricing_type, market, rate, amount"
                + " from priced_message where waba_id = ? and local_month = ?) c order by at, id",
                rs -> {
                    Charge c = new Charge(rs.getString(2), account.wabaId(), rs.getTimestamp(3).toInstant(),
                            ChargeKind.valueOf(rs.getString(1)), PricingModel.valueOf(rs.getString(4)),
                            Category.valueOf(rs.getString(5)), ConversationType.valueOf(rs.getString(6)),
                            rs.getString(7), currency, rs.getBigDecimal(8), rs.getBigDecimal(9));
                    builder.accept(c);
                    schedule.accept(c);
                },
                account.wabaId(), period.toString(), account.wabaId(), period.toString());

        Invoice latest = latestIssued(account, period);
        if (builder.isEmpty()) {
            // a month with nothing in it has no invoice; an issued CLOSED one stays as the record of what was sent
            if (latest != null && latest.status() == InvoiceStatus.OPEN) {
                jdbc.update("delete from invoice where waba_id = ? and period = ? and revision = ?", account.wabaId(),
                        period.toString(), latest.revision());
                jdbc.update("delete from payment where waba_id = ? and period = ?", account.wabaId(), period.toString());
            }
            return "EMPTY";
        }
        InvoiceStatus status = InvoiceStatus.statusFor(period, account.zone(), lastBilled);
        Invoice computed = builder.build(status, InvoiceRevision.FIRST);
        InvoiceRevision.Decision decision = InvoiceRevision.decide(latest, computed);
        Invoice invoice = decision.invoice();
        if (decision.action() == InvoiceRevision.Action.OVERWRITE) {
            jdbc.update("delete from invoice where waba_id = ? and period = ? and revision = ?", account.wabaId(),
                    period.toString(), invoice.revision());
        }
        if (decision.write()) insert(invoice, jobExecutionId);

        List<Payment> payments = new ArrayList<>(schedule.finish(invoice));
        jdbc.update("delete from payment where waba_id = ? and period = ?", account.wabaId(), period.toString());
        int seq = 0;
        for (Payment pay : payments) {
            jdbc.update("insert into payment (waba_id, period, seq, charged_at, amount, reason) values (?, ?, ?, ?, ?, ?)",
                    pay.wabaId(), period.toString(), ++seq, Timestamp.from(pay.chargedAt()), pay.amount(),
                    pay.reason().name());
        }
        return decision.action().name();
    }

    private void insert(Invoice inv, long jobExecutionId) {
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

    private Invoice latestIssued(Account account, YearMonth period) {
        List<Invoice> found = jdbc.query("select revision, currency, conversations, messages, billable, amount,"
                + " unrounded_amount, status from invoice where waba_id = ? and period = ? order by revision desc limit 1",
                (rs, i) -> {
                    int revision = rs.getInt(1);
                    List<InvoiceLine> lines = jdbc.query("select pricing_model, category, type, market, currency, rate,"
                            + " quantity, amount from invoice_line where waba_id = ? and period = ? and revision = ?"
                            + " order by line_no",
                            (l, j) -> new InvoiceLine(PricingModel.valueOf(l.getString(1)), Category.valueOf(l.getString(2)),
                                    ConversationType.valueOf(l.getString(3)), l.getString(4),
                                    Currency.getInstance(l.getString(5)), l.getBigDecimal(6), l.getLong(7),
                                    l.getBigDecimal(8)),
                            account.wabaId(), period.toString(), revision);
                    return new Invoice(account.wabaId(), period, revision, Currency.getInstance(rs.getString(2)),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            InvoiceStatus.valueOf(rs.getString(8)), lines);
                },
                account.wabaId(), period.toString());
        return found.isEmpty() ? null : found.get(0);
    }

    static BigDecimal zeroIfNull(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
