package com.wabill.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts ledger rows with SQL for the tests of what the outputs read. */
public final class LedgerFixture {

    private final JdbcTemplate jdbc;

    public LedgerFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    static OffsetDateTime ts(String instant) {
        return instant == null ? null : Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public LedgerFixture invoice(String waba, String period, int revision, String currency, long conversations,
                          long messages, long billable, String amount, String unrounded, String status, long job) {
        jdbc.update("insert into invoice (waba_id, period, revision, currency, conversations, messages, billable,"
                        + " amount, unrounded_amount, status, job_execution_id, issued_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                waba, period, revision, currency, conversations, messages, billable, d(amount), d(unrounded), status,
                job, ts("2025-04-01T06:00:00Z"));
        return this;
    }

    public LedgerFixture line(String waba, String period, int revision, int lineNo, String model, String category,
                       String type, String market, String currency, String rate, long quantity, String amount) {
        jdbc.update("insert into invoice_line (waba_id, period, revision, line_no, pricing_model, category, type,"
                        + " market, currency, rate, quantity, amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                waba, period, revision, lineNo, model, category, type, market, currency, d(rate), quantity, d(amount));
        return this;
    }

    public LedgerFixture payment(String waba, String period, int seq, String chargedAt, String amount, String reason) {
        // in the currency of the month's invoice (SPEC 3.3: payments follow the invoices), USD without one
        jdbc.update("insert into payment (waba_id, period, currency, seq, charged_at, amount, reason) values (?, ?,"
                        + " coalesce((select currency from invoice where waba_id = ? and period = ? order by revision desc"
                        + " limit 1), 'USD'), ?, ?, ?, ?)",
                waba, period, waba, period, seq, ts(chargedAt), d(amount), reason);
        return this;
    }

    public LedgerFixture discrepancy(long job, String kind, String waba, String phone, String start, String end,
                              String country, String category, String type, Long expectedCount, Long billedCount,
                              String expectedAmount, String billedAmount, String difference, String detail) {
        jdbc.update("insert into discrepancy (job_execution_id, kind, waba_id, phone_number, period_start, period_end,"
                        + " country, category, type, expected_count, billed_count, expected_amount, billed_amount,"
                        + " difference, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job, kind, waba, phone, ts(start), ts(end), country, category, type, expectedCount, billedCount,
                d(expectedAmount), d(billedAmount), d(difference), detail);
        return this;
    }

    public LedgerFixture conversation(String id, String waba, String contact, String category, String type, String openedAt,
                               String market, String currency, String rate, String amount, String model) {
        Instant opened = Instant.parse(openedAt);
        LocalDate day = opened.atZone(ZoneOffset.UTC).toLocalDate();
        jdbc.update("insert into conversation (conversation_id, waba_id, phone_number_id, contact_wa_id,"
                        + " business_phone_number, category, type, opened_at, scheduled_end, closed_at,"
                        + " opening_message_id, country, market, currency, rate, amount, pricing_model, day,"
                        + " local_month, job_execution_id)"
                        + " values (?, ?, 'pn-1', ?, '15550001111', ?, ?, ?, ?, ?, ?, 'BR', ?, ?, ?, ?, ?, ?, ?, 7)",
                id, waba, contact, category, type, ts(opened),
                ts(opened.plusSeconds(86400)), ts(opened.plusSeconds(86400)),
                id.replace("conv-", ""), market, currency, d(rate), d(amount), model, day,
                day.toString().substring(0, 7));
        return this;
    }

    public LedgerFixture pricedMessage(String id, String waba, String contact, String category, String type,
                                String eventTime, String currency, String rate, String amount) {
        Instant t = Instant.parse(eventTime);
        LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
        jdbc.update("insert into priced_message (message_id, waba_id, portfolio_id, phone_number_id, contact_wa_id,"
                        + " outcome, pricing_category, pricing_type, event_time, country, market, currency, rate,"
                        + " amount, day, local_month, job_execution_id)"
                        + " values (?, ?, ?, 'pn-1', ?, ?, ?, ?, ?, 'BR', 'Brazil', ?, ?, ?, ?, ?, 7)",
                id, waba, waba, contact, d(amount).signum() > 0 ? "CHARGED" : "FREE_CUSTOMER_SERVICE", category, type,
                ts(t), currency, d(rate), d(amount), day, day.toString().substring(0, 7));
        return this;
    }
    /**
     * The ledger the output tests read: two revisions of waba-1 March (with two payments), waba-2 March (OPEN, no
     * payment), waba-1 February (a month the runs did not touch); conversations of March (and one of February),
     * PMP-priced messages of waba-3 July; three discrepancies of job execution 6 and one of execution 5.
     */
    public static LedgerFixture seedOutputs(JdbcTemplate jdbc) {
        return new LedgerFixture(jdbc)
                .invoice("waba-1", "2025-03", 1, "USD", 3, 0, 2, "0.07", "0.0705", "CLOSED", 5)
                .line("waba-1", "2025-03", 1, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 1, "0.0625")
                .line("waba-1", "2025-03", 1, 2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", "0.0080", 1, "0.0080")
                .line("waba-1", "2025-03", 1, 3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, "0")
                .invoice("waba-1", "2025-03", 2, "USD", 4, 0, 3, "0.13", "0.1330", "CLOSED", 6)
                .line("waba-1", "2025-03", 2, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 2, "0.1250")
                .line("waba-1", "2025-03", 2, 2, "CBP", "UTILITY", "REGULAR", "Brazil", "USD", "0.0080", 1, "0.0080")
                .line("waba-1", "2025-03", 2, 3, "CBP", "SERVICE", "REGULAR", "Brazil", "USD", null, 1, "0")
                .payment("waba-1", "2025-03", 1, "2025-03-15T12:30:00.123456Z", "0.05", "THRESHOLD")
                .payment("waba-1", "2025-03", 2, "2025-04-01T03:00:00Z", "0.08", "MONTH_END")
                .invoice("waba-2", "2025-03", 1, "BRL", 1, 0, 0, "0", "0", "OPEN", 6)
                .line("waba-2", "2025-03", 1, 1, "CBP", "SERVICE", "REGULAR", "Other", "BRL", null, 1, "0")
                .invoice("waba-1", "2025-02", 1, "USD", 1, 0, 1, "0.06", "0.0625", "CLOSED", 4)
                .line("waba-1", "2025-02", 1, 1, "CBP", "MARKETING", "REGULAR", "Brazil", "USD", "0.0625", 1, "0.0625")
                .payment("waba-1", "2025-02", 1, "2025-03-01T03:00:00Z", "0.06", "MONTH_END")
                .discrepancy(6, "AMOUNT_MISMATCH", "waba-1", "15550001111", "2025-03-01T03:00:00Z",
                        "2025-03-02T03:00:00Z", "BR", "MARKETING", "REGULAR", 2L, 2L, "0.1250", "0.1300", "-0.0050",
                        "rate \"Brazil, marketing\" differs")
                .discrepancy(6, "MISSING_AT_META", "waba-1", null, "2025-03-05T03:00:00Z", "2025-03-06T03:00:00Z",
                        "BR", "UTILITY", "REGULAR", 1L, null, "0.0080", null, "0.0080", null)
                .discrepancy(5, "INVOICE_MISMATCH", "waba-1", null, null, null, null, null, null, null, null,
                        "0.07", "0.08", "-0.01", "from an earlier run")
                .conversation("conv-m1", "waba-1", "5511987650001", "MARKETING", "REGULAR", "2025-03-01T10:00:00Z",
                        "Brazil", "USD", "0.0625", "0.0625", "CBP")
                .conversation("conv-m2", "waba-1", "5511987650001", "UTILITY", "REGULAR", "2025-03-01T11:00:00Z",
                        "Brazil", "USD", "0.0080", "0.0080", "CBP")
                .conversation("conv-m3", "waba-1", "5511987650002", "SERVICE", "REGULAR", "2025-03-03T09:00:00Z",
                        "Brazil", "USD", null, "0", "CBP")
                .conversation("conv-m4", "waba-2", "5511987650003", "SERVICE", "REGULAR", "2025-03-02T09:00:00Z",
                        "Other", "BRL", null, "0", "CBP")
                .conversation("conv-old", "waba-1", "5511987650009", "MARKETING", "REGULAR", "2025-02-10T09:00:00Z",
                        "Brazil", "USD", "0.0625", "0.0625", "CBP")
                .pricedMessage("pm1", "waba-3", "5511987650004", "MARKETING", "REGULAR", "2025-07-02T09:00:00Z",
                        "USD", "0.0625", "0.0625")
                .pricedMessage("pm2", "waba-3", "5511987650004", "UTILITY", "FREE_CUSTOMER_SERVICE",
                        "2025-07-02T10:00:00Z", "USD", null, "0")
                .discrepancy(6, "COUNT_MISMATCH", "waba-1", "15550001111", "2025-03-03T03:00:00Z",
                        "2025-03-04T03:00:00Z", "BR", "SERVICE", "REGULAR", 1L, 81L, "0", "5.00", "-5.00",
                        "<script>alert(\"x\")</script>");
    }
}
