package com.wabill.job;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.wabill.invoicing.Invoice;
import com.wabill.invoicing.InvoiceBuilder;
import com.wabill.invoicing.InvoiceRevision;
import com.wabill.invoicing.InvoiceStatus;
import com.wabill.invoicing.PaymentSchedule;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.InvoiceStore;
import com.wabill.rating.Account;
import com.wabill.rating.AccountDirectory;
import com.wabill.rating.ReferenceData;

/**
 * Recomputes the invoice and payments of every month the run touched, from the ledger, streaming the month's
 * charges in time order. An issued CLOSED invoice is never rewritten: a change becomes revision n + 1.
 */
public class InvoiceTasklet implements Tasklet {

    private final AdvisoryLocks locks;
    private final BilledDays billedDays;
    private final InvoiceStore invoices;
    private final ReferenceData reference;

    public InvoiceTasklet(AdvisoryLocks locks, BilledDays billedDays, InvoiceStore invoices, ReferenceData reference) {
        this.locks = locks;
        this.billedDays = billedDays;
        this.invoices = invoices;
        this.reference = reference;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // runs of different days may overlap; month-level work is done by one run at a time
        locks.holdMonthWork();
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        LocalDate lastBilled = billedDays.last();
        if (lastBilled == null || lastBilled.isBefore(plan.to())) lastBilled = plan.to();

        // months the run fed, and open months whose end the billed days may now have reached
        SortedSet<WabaMonth> months = run.touchedMonths();
        months.addAll(invoices.openMonths());
        run.touchedMonths(months);
        List<WabaMonth> revised = new ArrayList<>();
        for (WabaMonth wm : months) {
            YearMonth period = YearMonth.parse(wm.period());
            // SPEC 3.2: one invoice per WABA, month and currency (a WABA that changed currency has one per currency)
            for (Currency currency : invoices.currencies(wm.wabaId(), period)) {
                InvoiceRevision.Action action = invoiceMonth(wm.wabaId(), period, currency, lastBilled, jobExecutionId);
                if (action == InvoiceRevision.Action.REVISE && !revised.contains(wm)) revised.add(wm);
            }
        }
        run.revisedInvoices(revised);
        return RepeatStatus.FINISHED;
    }

    /** What was done to the month's invoice in {@code currency}; null when it has nothing to invoice. */
    private InvoiceRevision.Action invoiceMonth(String wabaId, YearMonth period, Currency currency,
            LocalDate lastBilled, long jobExecutionId) {
        AccountDirectory accounts = reference.accounts();
        ZoneId zone = accounts.zone(wabaId);
        InvoiceBuilder builder = new InvoiceBuilder(wabaId, period, zone, currency);
        PaymentSchedule schedule = new PaymentSchedule(wabaId, period, zone, currency, null);
        invoices.charges(wabaId, period, currency, c -> {
            builder.accept(c);
            // SPEC 3.3: each charge is held against the threshold of the row in force at its instant (in its currency)
            Account row = accounts.accountAt(wabaId, c.at());
            schedule.accept(c, row.currency().equals(currency) ? row.paymentThreshold() : null);
        });

        Invoice latest = invoices.latest(wabaId, period, currency);
        if (builder.isEmpty()) {
            // a month with nothing in it has no invoice; an issued CLOSED one stays as the record of what was sent
            if (latest != null && latest.status() == InvoiceStatus.OPEN) {
                invoices.deleteRevision(wabaId, period, currency, latest.revision());
                invoices.deletePayments(wabaId, period, currency);
            }
            return null;
        }
        InvoiceStatus status = InvoiceStatus.statusFor(period, zone, lastBilled);
        Invoice computed = builder.build(status, InvoiceRevision.FIRST);
        InvoiceRevision.Decision decision = InvoiceRevision.decide(latest, computed);
        Invoice invoice = decision.invoice();
        if (decision.action() == InvoiceRevision.Action.OVERWRITE) {
            invoices.deleteRevision(wabaId, period, currency, invoice.revision());
        }
        if (decision.write()) invoices.insert(invoice, jobExecutionId);
        invoices.replacePayments(wabaId, period, currency, schedule.finish(invoice));
        return decision.action();
    }
}
