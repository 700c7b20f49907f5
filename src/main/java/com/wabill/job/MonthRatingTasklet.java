package com.wabill.job;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.engine.Category;
import com.wabill.engine.PricingRegime;
import com.wabill.rating.Account;
import com.wabill.rating.MissingRateException;
import com.wabill.rating.ReferenceData;
import com.wabill.rating.ServiceConversationFreeTier;
import com.wabill.invoicing.WabaMonth;

/**
 * Settles the prices that depend on a position in the month, across every thread and every run that wrote the
 * month (SPEC 2.6 free tier, 2.9 volume tiers): the ledger is numbered in time order, so a nightly run on the
 * 20th knows what the month already used.
 */
public class MonthRatingTasklet implements Tasklet {

    /** Updates are sent in batches while the month streams by, so memory does not grow with the month. */
    private static final int BATCH = 5_000;
    private static final String FREE_TIER_UPDATE = "update conversation set type = ?, amount = ? where conversation_id = ?";
    private static final String TIER_UPDATE = "update priced_message set rate = ?, amount = ? where message_id = ?";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ReferenceData reference;

    public MonthRatingTasklet(JdbcTemplate jdbc, DataSource dataSource, ReferenceData reference) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.reference = reference;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // runs of different days may overlap; month-level work is done by one run at a time
        jdbc.queryForList("select pg_advisory_xact_lock(30561, 1)");
        RunContext run = RunContext.of(chunkContext);
        RunPlan plan = run.plan();
        Set<WabaMonth> months = run.monthsBefore();
        months.addAll(jdbc.query(
                "select distinct waba_id, local_month from conversation where day between ? and ?"
                        + " union select distinct waba_id, local_month from priced_message where day between ? and ?",
                (rs, i) -> new WabaMonth(rs.getString(1), rs.getString(2)), plan.from(), plan.to(), plan.from(), plan.to()));
        run.touchedMonths(months);

        // early closes that later days made to these days' conversations (see PrepareLedgerTasklet)
        List<RunContext.EarlyClose> laterCloses = run.laterCloses();
        if (!laterCloses.isEmpty()) {
            List<Object[]> closes = new ArrayList<>();
            for (RunContext.EarlyClose lc : laterCloses) {
                java.sql.Timestamp at = java.sql.Timestamp.from(lc.closedAt());
                closes.add(new Object[] {at, lc.conversationId(), at});
            }
            jdbc.batchUpdate("update conversation set closed_at = ? where conversation_id = ? and closed_at > ?", closes);
        }

        Set<LocalDate> changedDays = new TreeSet<>();
        Set<LocalDate> repricedMessageDays = new TreeSet<>();
        Connection c = DataSourceUtils.getConnection(dataSource);
        settleFreeTier(c, months, changedDays);
        settleVolumeTiers(c, months, repricedMessageDays);
        changedDays.addAll(repricedMessageDays);
        run.ratedDays(changedDays);
        // the days whose priced messages no longer have the replay's price: publish takes theirs from the ledger
        run.repricedMessageDays(repricedMessageDays);
        return RepeatStatus.FINISHED;
    }

    private void settleFreeTier(Connection c, Set<WabaMonth> months, Set<LocalDate> changedDays) throws Exception {
        List<Object[]> updates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select conversation_id, rate, amount, type, day, market, currency, opened_at, waba_id,"
                        + " row_number() over (partition by waba_id, local_month order by opened_at, opening_message_id)"
                        + " from conversation where category = 'SERVICE' and pricing_model = 'CBP'"
                        + " and local_month < '2024-11' and (waba_id || '|' || local_month) = any (?)")) {
            Array arr = c.createArrayOf("text", months.stream().map(m -> m.wabaId() + "|" + m.period()).toArray());
            ps.setArray(1, arr);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal rate = rs.getBigDecimal(2);
                    long n = rs.getLong(10);
                    java.time.ZoneId zone = reference.accounts().zone(rs.getString(9));
                    ServiceConversationFreeTier.Charge charge = ServiceConversationFreeTier.at(
                            PricingRegime.at(rs.getTimestamp(8).toInstant(), zone), n, rate);
                    if (charge.rateMissing()) {
                        throw new MissingRateException(rs.getString(6), Category.SERVICE,
                                java.util.Currency.getInstance(rs.getString(7)),
                                LocalDate.ofInstant(rs.getTimestamp(8).toInstant(), zone), zone, null,
                                "service conversation " + rs.getString(1) + " is number " + n
                                        + " of its month, past the free tier, and the card has no service rate");
                    }
                    String type = charge.type().name();
                    BigDecimal amount = charge.amount();
                    if (!type.equals(rs.getString(4)) || amount.compareTo(rs.getBigDecimal(3)) != 0) {
                        updates.add(new Object[] {type, amount, rs.getString(1)});
                        changedDays.add(rs.getDate(5).toLocalDate());
                        if (updates.size() >= BATCH) flush(FREE_TIER_UPDATE, updates);
                    }
                }
            }
        }
        flush(FREE_TIER_UPDATE, updates);
    }

    private void settleVolumeTiers(Connection c, Set<WabaMonth> months, Set<LocalDate> changedDays) throws Exception {
        // tiers count across a portfolio: every WABA of a touched WABA's portfolio is renumbered
        Set<String> portfolioMonths = new LinkedHashSet<>();
        for (WabaMonth wm : months) {
            portfolioMonths.add(reference.accounts().account(wm.wabaId()).portfolioId() + "|" + wm.period());
        }
        List<Object[]> updates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select message_id, waba_id, market, pricing_category, currency, event_time, rate, amount, day,"
                        + " row_number() over (partition by portfolio_id, market, pricing_category, local_month"
                        + " order by event_time, message_id)"
                        + " from priced_message where outcome = 'CHARGED' and (portfolio_id || '|' || local_month) = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", portfolioMonths.toArray()));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Account a = reference.accounts().account(rs.getString(2));
                    BigDecimal rate = reference.rateCards().tierRate(a.currency(), rs.getString(3),
                            Category.valueOf(rs.getString(4)), rs.getTimestamp(6).toInstant(), a.zone(), rs.getLong(10));
                    BigDecimal oldRate = rs.getBigDecimal(7);
                    if (oldRate == null || rate.compareTo(oldRate) != 0 || rate.compareTo(rs.getBigDecimal(8)) != 0) {
                        updates.add(new Object[] {rate, rate, rs.getString(1)});
                        changedDays.add(rs.getDate(9).toLocalDate());
                        if (updates.size() >= BATCH) flush(TIER_UPDATE, updates);
                    }
                }
            }
        }
        flush(TIER_UPDATE, updates);
    }

    /** Runs on the step's connection, beside the open cursor (same transaction). */
    private void flush(String sql, List<Object[]> updates) throws Exception {
        if (updates.isEmpty()) return;
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] u : updates) {
                for (int i = 0; i < u.length; i++) ps.setObject(i + 1, u[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        updates.clear();
    }

    private static List<String> strings(Set<LocalDate> days) {
        List<String> out = new ArrayList<>();
        for (LocalDate d : days) out.add(d.toString());
        return out;
    }

    static LocalDate utc(java.sql.Timestamp t) {
        return LocalDate.ofInstant(t.toInstant(), ZoneOffset.UTC);
    }
}
