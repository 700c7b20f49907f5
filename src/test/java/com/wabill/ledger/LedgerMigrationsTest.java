package com.wabill.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.testsupport.DbTest;
import com.zaxxer.hikari.HikariDataSource;

/** Migrations that move rows a ledger already holds: what they leave, on a ledger written before them. */
@DbTest
class LedgerMigrationsTest {

    @Test
    void v11MovesTheLinksOfPricedMessagesOntoTheirRowsAndKeepsTheOthers() {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(LedgerDatabase.newDatabase("migrations_v11"));
            ds.setMaximumPoolSize(3);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("10").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // a ledger written before V10: a priced message (p1) with its link in conversation_link, and a message of
            // a conversation-based day (c1) that has only its link
            jdbc.update("insert into priced_message (message_id, waba_id, portfolio_id, phone_number_id, contact_wa_id,"
                    + " outcome, pricing_category, pricing_type, event_time, market, currency, amount, day, local_month,"
                    + " job_execution_id) values ('p1', 'waba-1', 'pf', 'pn-1', '5511', 'CHARGED', 'MARKETING',"
                    + " 'REGULAR', '2025-08-01T10:00:00Z', 'Brazil', 'USD', 0.0625, '2025-08-01', '2025-08', 1)");
            String link = "insert into conversation_link (message_id, waba_id, meta_conversation_id,"
                    + " meta_conversation_category, conversation_id, outcome, event_time, pricing_model, day,"
                    + " job_execution_id) values (?, 'waba-1', ?, ?, ?, ?, ?::timestamptz, ?, ?::date, 1)";
            jdbc.update(link, "p1", "meta-p1", "marketing", null, "CHARGED", "2025-08-01T10:00:00Z", "PMP",
                    "2025-08-01");
            jdbc.update(link, "c1", "meta-c1", "service", "conv-c0", "IN_CONVERSATION", "2025-03-10T10:00:00Z",
                    "CBP", "2025-03-10");
            List<String> before = viewRows(jdbc);

            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

            // the reconciliation reads the same links, and conversation_link keeps only the message with no row
            assertThat(viewRows(jdbc)).isEqualTo(before).hasSize(2);
            assertThat(jdbc.queryForList("select message_id from conversation_link", String.class))
                    .containsExactly("c1");
            assertThat(jdbc.queryForList("select meta_conversation_id || '/' || meta_conversation_category"
                    + " from priced_message", String.class)).containsExactly("meta-p1/marketing");
            // no key on the message: the day's index takes the load
            assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'conversation_link'",
                    String.class)).containsExactly("conversation_link_day");
        }
    }

    private static List<String> viewRows(JdbcTemplate jdbc) {
        return jdbc.queryForList("select concat_ws('|', message_id, waba_id, meta_conversation_id,"
                + " meta_conversation_category, outcome, event_time, pricing_model, day) from meta_conversation_link"
                + " order by message_id", String.class);
    }
}
