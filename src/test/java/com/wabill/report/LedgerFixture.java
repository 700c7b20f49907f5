package com.wabill.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts ledger rows with SQL for the reporting tests. */
final class LedgerFixture {

    private final JdbcTemplate jdbc;

    LedgerFixture(JdbcTemplate jdbc) {
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

    LedgerFixture invoice(String waba, String period, int revision, String currency, long conversations,
                          long messages, long billable, String amount, String unrounded, String status, long job) {
        jdbc.update("insert into invoice (waba_id, period, revision, currency, conversations, messages, billable,"
                        + " amount, unrounded_amount, status, job_execution_id, issued_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                waba, period, revision, currency, conversations, messages, billable, d(amount), d(unrounded), status,
                job, ts("2025-04-01T06:00:00Z"));
        return this;
    }

    LedgerFixture line(String waba, String period, int revision, int lineNo, String model, String category,
                       String type, String market, String currency, String rate, long quantity, String amount) {
        jdbc.update("insert into invoice_line (waba_id, period, revision, line_no, pricing_model, category, type,"
                        + " market, currency, rate, quantity, amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                waba, period, revision, lineNo, model, category, type, market, currency, d(rate), quantity, d(amount));
        return this;
    }

    LedgerFixture payment(String waba, String period, int seq, String chargedAt, String amount, String reason) {
        jdbc.update("insert into payment (waba_id, period, seq, charged_at, amount, reason) values (?, ?, ?, ?, ?, ?)",
                waba, period, seq, ts(chargedAt), d(amount), reason);
        return this;
    }

    LedgerFixture discrepancy(long job, String kind, String waba, String phone, String start, String end,
                              String country, String category, String type, Long expectedCount, Long billedCount,
                              String expectedAmount, String billedAmount, String difference, String detail) {
        jdbc.update("insert into discrepancy (job_execution_id, kind, waba_id, phone_number, period_start, period_end,"
                        + " country, category, type, expected_count, billed_count, expected_amount, billed_amount,"
                        + " difference, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job, kind, waba, phone, ts(start), ts(end), country, category, type, expectedCount, billedCount,
                d(expectedAmount), d(billedAmount), d(difference), detail);
        return this;
    }

    LedgerFixture conversation(String id, String waba, String contact, String category, String type, String openedAt,
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

    LedgerFixture pricedMessage(String id, String waba, String contact, String category, String type,
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
}
