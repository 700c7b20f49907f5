package com.wabill.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * What a billing run did, for {@code summary.json}, the console table and the HTML report. Build it with
 * {@link #builder(String)}, a thread-safe accumulator that the steps feed as they go.
 *
 * <p>Contacts are held only masked ({@link ContactMask}). Maps keyed by a name are sorted by key; {@code stepMillis}
 * keeps the order the steps ran in.
 *
 * @param jobName                        {@code billing} or {@code reconcile}
 * @param executionId                    the Spring Batch job execution id
 * @param status                         how the run ended ({@code COMPLETED}, {@code FAILED}, {@code STOPPED}, or
 *                                       {@code NOTHING_TO_BILL} when every day was billed already); null in
 *                                       summaries written before it existed
 * @param failure                        for a run that did not complete: one line saying what failed, where, and
 *                                       what to do; otherwise null
 * @param fromDay                        first UTC day of the range (null when there was nothing to do)
 * @param toDay                          last UTC day of the range (inclusive)
 * @param mode                           an explicit range or the automatic catch-up
 * @param modeReason                     why this range, in words ("from/to given", "days after the last billed
 *                                       day 2025-03-02 up to yesterday")
 * @param coldStart                      no state was carried into the first day: warm-up days were replayed
 * @param warmUpDays                     how many days the warm-up replayed (0 unless {@code coldStart})
 * @param rowsRead                       log rows read
 * @param accepted                       messages accepted (after merging duplicates)
 * @param rejected                       rows rejected
 * @param mergedDuplicates               copies merged into another row of the same message
 * @param rejectedByReason               rejected rows by reason code ({@code MISSING_VALUE}, ...)
 * @param messagesReplayed               messages whose event time fell in the range
 * @param messagesLeftForLaterRun        messages read whose event time is after the range
 * @param lateDeliveries                 messages delivered more than the look-back after they were sent
 * @param discrepancies                  differences from Meta's bill that this run's reconciliation found
 * @param conversationsByCategoryAndType conversations opened in the range: category → type → count
 * @param chargedMessagesByCategory      PMP messages with an amount above zero, by pricing category
 * @param chargesByWaba                  the amounts charged in the range, per WABA and currency (unrounded)
 * @param unknownWabas                   WABAs in the logs without a row in accounts.csv (billed in UTC and USD)
 * @param policyViolations               outbound messages with outcome {@code OUTSIDE_SERVICE_WINDOW}
 * @param policyViolationExamples        up to {@value #MAX_POLICY_EXAMPLES} of them, the earliest first
 * @param warnings                       things a person must act on, in words
 * @param stepMillis                     wall time per step, in the order the steps ran
 * @param outputFiles                    the files written
 * @param scratchPeakBytes               the most the run held under {@code wabill.work-dir} at once (its scratch
 *                                       folder, removed when the run completes)
 * @param messagesMoved                  messages billed earlier on another day whose event day this run moved (a
 *                                       late delivery receipt): billed once, on their new day
 * @param freeServiceMessages            from the ledger of the touched months: each business phone number's use of
 *                                       its monthly free service messages (SPEC 2.10.5), months with a free tier only
 * @param chargesByCategory              from the ledger of the touched months: per month, pricing model, category,
 *                                       type and currency, what was counted and charged (service and utility
 *                                       templates charged from 2026-10-01 included)
 * @param utilityInServiceWindow         from the ledger of the touched months: per month and currency, the utility
 *                                       templates charged inside the customer service window (SPEC 2.10.6; free
 *                                       before 2026-10-01), already counted among the UTILITY / REGULAR charges of
 *                                       {@code chargesByCategory}; months under the rules of 2026-10-01 only
 * @param invoices                       the latest revision of each invoice of the touched months: one per WABA,
 *                                       month and currency
 */
public record RunSummary(
        String jobName,
        Long executionId,
        Status status,
        String failure,
        LocalDate fromDay,
        LocalDate toDay,
        Mode mode,
        String modeReason,
        boolean coldStart,
        int warmUpDays,
        long rowsRead,
        long accepted,
        long rejected,
        long mergedDuplicates,
        Map<String, Long> rejectedByReason,
        long messagesReplayed,
        long messagesLeftForLaterRun,
        long lateDeliveries,
        long discrepancies,
        Map<String, Map<String, Long>> conversationsByCategoryAndType,
        Map<String, Long> chargedMessagesByCategory,
        List<WabaCharge> chargesByWaba,
        List<String> unknownWabas,
        long policyViolations,
        List<PolicyViolation> policyViolationExamples,
        List<String> warnings,
        Map<String, Long> stepMillis,
        List<String> outputFiles,
        long scratchPeakBytes,
        long messagesMoved,
        List<FreeServiceUse> freeServiceMessages,
        List<CategoryCharge> chargesByCategory,
        List<UtilityInWindowCharge> utilityInServiceWindow,
        List<InvoiceTotal> invoices) {

    public static final int MAX_POLICY_EXAMPLES = 20;

    /** How the run chose its days. */
    public enum Mode {
        /** {@code from} and {@code to} were given. */
        EXPLICIT_RANGE,
        /** The days after the last billed day up to yesterday (UTC): the nightly schedule. */
        CATCH_UP
    }

    /** How a run ended. */
    public enum Status {
        /** Every step completed. */
        COMPLETED,
        /** A step failed: running the same command again restarts the run where it stopped. */
        FAILED,
        /** The run was stopped (for example on shutdown): running the same command again continues it. */
        STOPPED,
        /** Every day up to yesterday (or the last day in the logs) was billed already: no job ran. */
        NOTHING_TO_BILL
    }

    /** The amount charged to one WABA in one currency (unrounded; written as a string to keep every digit). */
    public record WabaCharge(String wabaId, String currency,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /** An amount in a currency (unrounded; a string to keep every digit). */
    public record Amount(String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * One business phone number's month of free service messages (SPEC 2.10.5): the free tier, how many of it were
     * used and are left, how many service messages were charged beyond it and what they cost (per currency).
     */
    public record FreeServiceUse(String wabaId, String phoneNumberId, String businessPhoneNumber, String period,
            long freeTier, long used, long left, long chargedBeyond, List<Amount> charged) {
        public FreeServiceUse {
            charged = list(charged);
        }
    }

    /** What one month, pricing model, category, type and currency counted and charged (unrounded). */
    public record CategoryCharge(String period, String pricingModel, String category, String type, String currency,
            long conversations, long messages, long billable,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * The utility templates of one month and currency charged inside the customer service window (SPEC 2.10.6): how
     * many and what they cost (unrounded).
     */
    public record UtilityInWindowCharge(String period, String currency, long messages,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /** The latest revision of one invoice: a WABA, month and currency (rounded total). */
    public record InvoiceTotal(String wabaId, String period, String currency, int revision, String status,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * A free-form message outside the customer service window (SPEC 2.4.1): Meta would refuse it.
     *
     * @param contact the contact number, masked; a value without a {@code *} is masked here
     */
    public record PolicyViolation(String messageId, String wabaId, String contact, Instant time) {
        public PolicyViolation {
            if (contact != null && contact.indexOf('*') < 0) contact = ContactMask.mask(contact);
        }
    }

    public RunSummary {
        rejectedByReason = sorted(rejectedByReason);
        TreeMap<String, Map<String, Long>> conv = new TreeMap<>();
        if (conversationsByCategoryAndType != null) {
            conversationsByCategoryAndType.forEach((k, v) -> conv.put(k, sorted(v)));
        }
        conversationsByCategoryAndType = Collections.unmodifiableMap(conv);
        chargedMessagesByCategory = sorted(chargedMessagesByCategory);
        chargesByWaba = list(chargesByWaba);
        unknownWabas = list(unknownWabas);
        policyViolationExamples = list(policyViolationExamples);
        warnings = list(warnings);
        stepMillis = stepMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stepMillis));
        outputFiles = list(outputFiles);
        freeServiceMessages = list(freeServiceMessages);
        chargesByCategory = list(chargesByCategory);
        utilityInServiceWindow = list(utilityInServiceWindow);
        invoices = list(invoices);
    }

    /** The total of {@link #chargesByWaba} per currency. */
    public Map<String, BigDecimal> chargeTotalsByCurrency() {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (WabaCharge c : chargesByWaba) totals.merge(c.currency(), c.amount(), BigDecimal::add);
        return totals;
    }

    /** The number of conversations in {@link #conversationsByCategoryAndType}. */
    public long conversationCount() {
        return conversationsByCategoryAndType.values().stream()
                .flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public static Builder builder(String jobName) {
        return new Builder(jobName);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** A thread-safe accumulator: the steps of a run add to it, {@link #build()} takes a snapshot. */
    public static final class Builder {

        private final String jobName;
        private Long executionId;
        private Status status;
        private String failure;
        private long discrepancies;
        private LocalDate fromDay;
        private LocalDate toDay;
        private Mode mode;
        private String modeReason;
        private boolean coldStart;
        private int warmUpDays;
        private long rowsRead;
        private long accepted;
        private long rejected;
        private long mergedDuplicates;
        private final Map<String, Long> rejectedByReason = new TreeMap<>();
        private long messagesReplayed;
        private long messagesLeftForLaterRun;
        private long lateDeliveries;
        private long scratchPeakBytes;
        private long messagesMoved;
        private final Map<String, Map<String, Long>> conversations = new TreeMap<>();
        private final Map<String, Long> chargedMessages = new TreeMap<>();
        private final Map<String, Map<String, BigDecimal>> charges = new TreeMap<>();
        private final TreeSet<String> unknownWabas = new TreeSet<>();
        private PolicyViolations policyViolations = new PolicyViolations();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, Long> stepMillis = new LinkedHashMap<>();
        private final List<String> outputFiles = new ArrayList<>();
        private final List<FreeServiceUse> freeService = new ArrayList<>();
        private final List<CategoryCharge> categoryCharges = new ArrayList<>();
        private final List<UtilityInWindowCharge> utilityInWindow = new ArrayList<>();
        private final List<InvoiceTotal> invoiceTotals = new ArrayList<>();

        private Builder(String jobName) {
            this.jobName = jobName;
        }

        public synchronized Builder executionId(Long id) {
            this.executionId = id;
            return this;
        }

        public synchronized Builder status(Status status) {
            this.status = status;
            return this;
        }

        /** The one line a person acts on when the run did not complete. */
        public synchronized Builder failure(String failure) {
            this.failure = failure;
            return this;
        }

        public synchronized Builder discrepancies(long n) {
            this.discrepancies = n;
            return this;
        }

        public synchronized Builder range(LocalDate from, LocalDate to) {
            this.fromDay = from;
            this.toDay = to;
            return this;
        }

        public synchronized Builder mode(Mode mode, String reason) {
            this.mode = mode;
            this.modeReason = reason;
            return this;
        }

        public synchronized Builder coldStart(int warmUpDaysReplayed) {
            this.coldStart = true;
            this.warmUpDays = warmUpDaysReplayed;
            return this;
        }

        public synchronized Builder addRowsRead(long n) {
            rowsRead += n;
            return this;
        }

        public synchronized Builder addAccepted(long n) {
            accepted += n;
            return this;
        }

        /** One rejected row; counted under the code its reason starts with. */
        public synchronized Builder addRejected(String reason) {
            rejected++;
            rejectedByReason.merge(RejectedRow.reasonCode(reason), 1L, Long::sum);
            return this;
        }

        public Builder addRejected(RejectedRow row) {
            return addRejected(row.reason());
        }

        public synchronized Builder addMergedDuplicates(long n) {
            mergedDuplicates += n;
            return this;
        }

        public synchronized Builder addMessagesReplayed(long n) {
            messagesReplayed += n;
            return this;
        }

        public synchronized Builder addMessagesLeftForLaterRun(long n) {
            messagesLeftForLaterRun += n;
            return this;
        }

        public synchronized Builder addLateDeliveries(long n) {
            lateDeliveries += n;
            return this;
        }

        public synchronized Builder addConversations(String category, String type, long n) {
            conversations.computeIfAbsent(category, k -> new TreeMap<>()).merge(type, n, Long::sum);
            return this;
        }

        public Builder addConversation(String category, String type) {
            return addConversations(category, type, 1);
        }

        public synchronized Builder addChargedMessages(String category, long n) {
            chargedMessages.merge(category, n, Long::sum);
            return this;
        }

        /** Adds to a WABA's charges (a conversation's or a message's amount). */
        public synchronized Builder addCharge(String wabaId, String currency, BigDecimal amount) {
            charges.computeIfAbsent(wabaId, k -> new TreeMap<>()).merge(currency, amount, BigDecimal::add);
            return this;
        }

        public synchronized Builder addUnknownWaba(String wabaId) {
            unknownWabas.add(wabaId);
            return this;
        }

        /** One {@code OUTSIDE_SERVICE_WINDOW} message; the contact's digits are masked here. */
        public synchronized Builder addPolicyViolation(String messageId, String wabaId, String contactDigits,
                Instant time) {
            policyViolations.add(messageId, wabaId, contactDigits, time);
            return this;
        }

        /** The run's policy violations, gathered elsewhere (publish), in place of those added here. */
        public synchronized Builder policyViolations(PolicyViolations gathered) {
            policyViolations = gathered;
            return this;
        }

        public synchronized Builder scratchPeakBytes(long bytes) {
            scratchPeakBytes = Math.max(scratchPeakBytes, bytes);
            return this;
        }

        public synchronized Builder addMessagesMoved(long n) {
            messagesMoved += n;
            return this;
        }

        public synchronized Builder warn(String warning) {
            if (!warnings.contains(warning)) warnings.add(warning);
            return this;
        }

        public synchronized Builder stepTime(String step, long millis) {
            stepMillis.merge(step, millis, Long::sum);
            return this;
        }

        public synchronized Builder outputFile(Path file) {
            return outputFile(file.toString());
        }

        public synchronized Builder outputFile(String file) {
            if (!outputFiles.contains(file)) outputFiles.add(file);
            return this;
        }

        /**
         * The ledger figures of the touched months that summary.json carries besides the run's counts (the same
         * as report.html shows): the free service messages per phone number, the charges per month and category,
         * the utility templates charged inside the service window per month and currency, the latest invoice of
         * each WABA, month and currency.
         */
        public synchronized Builder ledger(LedgerFigures f) {
            freeService.clear();
            for (FreeServiceMessages.PhoneMonth p : FreeServiceMessages.of(f.serviceUse())) {
                List<Amount> charged = new ArrayList<>();
                p.chargedAmounts().forEach((cur, amount) -> charged.add(new Amount(cur, amount)));
                freeService.add(new FreeServiceUse(p.wabaId(), p.phoneNumberId(), p.businessPhoneNumber(), p.period(),
                        p.freeTier(), p.used(), p.left(), p.chargedBeyond(), charged));
            }
            categoryCharges.clear();
            for (LedgerFigures.MonthCategoryTotals t : f.perMonthAndCategory()) {
                categoryCharges.add(new CategoryCharge(t.period(), t.pricingModel(), t.category(), t.type(),
                        t.currency(), t.conversations(), t.messages(), t.billable(), t.amount()));
            }
            utilityInWindow.clear();
            for (UtilityInWindow.Month m : UtilityInWindow.perMonth(f.perMonthAndCategory(), f.utilityInWindow())) {
                utilityInWindow.add(new UtilityInWindowCharge(m.period(), m.currency(), m.messages(), m.amount()));
            }
            invoiceTotals.clear();
            for (LedgerFigures.Invoice i : HtmlReport.latest(f.invoices()).values()) {
                invoiceTotals.add(new InvoiceTotal(i.wabaId(), i.period(), i.currency(), i.revision(), i.status(),
                        i.amount()));
            }
            return this;
        }

        public synchronized RunSummary build() {
            List<WabaCharge> chargeList = new ArrayList<>();
            charges.forEach((waba, byCurrency) ->
                    byCurrency.forEach((currency, amount) -> chargeList.add(new WabaCharge(waba, currency, amount))));
            return new RunSummary(jobName, executionId, status, failure, fromDay, toDay, mode, modeReason, coldStart,
                    warmUpDays, rowsRead, accepted, rejected, mergedDuplicates, rejectedByReason, messagesReplayed,
                    messagesLeftForLaterRun, lateDeliveries, discrepancies, conversations, chargedMessages, chargeList,
                    new ArrayList<>(unknownWabas), policyViolations.count(), policyViolations.examples(), warnings,
                    stepMillis, outputFiles, scratchPeakBytes, messagesMoved,
                    freeService, categoryCharges, utilityInWindow, invoiceTotals);
        }
    }
}
