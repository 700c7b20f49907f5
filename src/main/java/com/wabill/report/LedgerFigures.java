package com.wabill.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.wabill.invoicing.WabaMonth;
import com.wabill.reconciliation.Discrepancy;

/**
 * What the report, the invoice pages and the CSV files show from the ledger, read before anything is written: the
 * invoices and payments of the touched months, their month figures and daily counts, and the run's discrepancies.
 * Plain values as stored (amounts with their stored scale, timestamps as instants).
 */
public record LedgerFigures(List<Invoice> invoices, List<Payment> payments, List<WabaTotals> perWaba,
        List<CategoryTotals> perCategory, List<DayCount> conversationsPerDay, List<DayCount> messagesPerDay,
        Discrepancies discrepancies, List<ServiceUse> serviceUse, List<MonthCategoryTotals> perMonthAndCategory,
        List<InWindowUtility> utilityInWindow) {

    public LedgerFigures {
        utilityInWindow = utilityInWindow == null ? List.of() : List.copyOf(utilityInWindow);
        serviceUse = serviceUse == null ? List.of() : List.copyOf(serviceUse);
        perMonthAndCategory = perMonthAndCategory == null ? List.of() : List.copyOf(perMonthAndCategory);
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
        perWaba = List.copyOf(perWaba);
        perCategory = List.copyOf(perCategory);
        conversationsPerDay = List.copyOf(conversationsPerDay);
        messagesPerDay = List.copyOf(messagesPerDay);
    }

    /** Figures without the utility templates charged inside the service window. */
    public LedgerFigures(List<Invoice> invoices, List<Payment> payments, List<WabaTotals> perWaba,
            List<CategoryTotals> perCategory, List<DayCount> conversationsPerDay, List<DayCount> messagesPerDay,
            Discrepancies discrepancies, List<ServiceUse> serviceUse, List<MonthCategoryTotals> perMonthAndCategory) {
        this(invoices, payments, perWaba, perCategory, conversationsPerDay, messagesPerDay, discrepancies, serviceUse,
                perMonthAndCategory, List.of());
    }

    /** Figures without the service messages per phone number and the month figures per category. */
    public LedgerFigures(List<Invoice> invoices, List<Payment> payments, List<WabaTotals> perWaba,
            List<CategoryTotals> perCategory, List<DayCount> conversationsPerDay, List<DayCount> messagesPerDay,
            Discrepancies discrepancies) {
        this(invoices, payments, perWaba, perCategory, conversationsPerDay, messagesPerDay, discrepancies, List.of(),
                List.of());
    }

    /** Nothing: no month touched, no discrepancy. */
    public static LedgerFigures none() {
        return new LedgerFigures(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Discrepancies.NONE);
    }

    /** An invoice revision as issued, with its lines in line-number order. */
    public record Invoice(String wabaId, String period, int revision, String currency, long conversations,
            long messages, long billable, BigDecimal amount, BigDecimal unroundedAmount, String status,
            Instant issuedAt, long jobExecutionId, List<Line> lines) {

        public Invoice {
            lines = List.copyOf(lines);
        }

        public WabaMonth month() {
            return new WabaMonth(wabaId, period);
        }
    }

    public record Line(int lineNo, String pricingModel, String category, String type, String market, String currency,
            BigDecimal rate, long quantity, BigDecimal amount) {

        /** Lines of two revisions match by everything that groups them; the rate by value. */
        String key() {
            return pricingModel + '|' + category + '|' + type + '|' + market + '|' + currency + '|'
                    + (rate == null ? "" : rate.stripTrailingZeros().toPlainString());
        }
    }

    /** A payment of one WABA, month and currency (SPEC 3.3: one running total per invoice). */
    public record Payment(String wabaId, String period, int seq, Instant chargedAt, BigDecimal amount, String reason,
            String currency) {
    }

    /** One WABA's month in one currency: CBP conversations, PMP free entry point windows, PMP messages. */
    public record WabaTotals(String wabaId, String period, String currency, long conversations,
            long entryPointWindows, long messages, long billable, BigDecimal amount) {
    }

    public record CategoryTotals(String pricingModel, String category, String type, String currency,
            long conversations, long messages, long billable, BigDecimal amount) {
    }

    /**
     * The service messages of one business phone number in one month (of the WABA's zone) and currency: free
     * ({@code FREE_CUSTOMER_SERVICE}), charged ({@code REGULAR}) and what those cost (unrounded).
     */
    public record ServiceUse(String wabaId, String phoneNumberId, String businessPhoneNumber, String period,
            String currency, long free, long charged, BigDecimal chargedAmount) {
    }

    /** {@link CategoryTotals} of one month (in the WABAs' zones). */
    public record MonthCategoryTotals(String period, String pricingModel, String category, String type,
            String currency, long conversations, long messages, long billable, BigDecimal amount) {
    }

    /**
     * The utility templates of one WABA, month and currency charged inside the customer service window (SPEC 2.10.6):
     * how many and what they cost (unrounded).
     */
    public record InWindowUtility(String wabaId, String period, String currency, long messages, BigDecimal amount) {
    }

    /** Conversations (or priced messages) of one category on one UTC day. */
    public record DayCount(LocalDate day, String category, long count) {
    }

    /**
     * The run's discrepancies: how many, per kind, and the largest ones (by |difference|, then by count
     * difference) that the report lists.
     */
    public record Discrepancies(long total, Map<String, Long> byKind, List<Discrepancy> largest) {

        public static final Discrepancies NONE = new Discrepancies(0, Map.of(), List.of());

        public Discrepancies {
            byKind = Map.copyOf(byKind);
            largest = List.copyOf(largest);
        }
    }
}
