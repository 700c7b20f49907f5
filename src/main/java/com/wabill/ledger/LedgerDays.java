package com.wabill.ledger;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.invoicing.WabaMonth;

/**
 * The replay's rows of a range of UTC days: conversations, priced messages and conversation links, by their
 * {@code day}. Which invoice months they feed, and clearing them for a re-run of the days.
 */
public final class LedgerDays {

    private final JdbcTemplate jdbc;

    public LedgerDays(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The (WABA, local month) pairs whose invoices the conversations and priced messages of {@code from..to} feed. */
    public List<WabaMonth> monthsFed(LocalDate from, LocalDate to) {
        return jdbc.query("select distinct waba_id, local_month from conversation where day between ? and ?"
                + " union select distinct waba_id, local_month from priced_message where day between ? and ?",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)), from, to, from, to);
    }

    /** Deletes the conversations, priced messages and conversation links of {@code from..to}. */
    public void clear(LocalDate from, LocalDate to) {
        jdbc.update("delete from conversation where day between ? and ?", from, to);
        jdbc.update("delete from priced_message where day between ? and ?", from, to);
        jdbc.update("delete from conversation_link where day between ? and ?", from, to);
    }
}
