package com.wabill.ledger;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.invoicing.WabaMonth;
import com.wabill.rating.TierFamily;

/**
 * What month rating reads and changes in the ledger: the rows whose price depends on their position in the month
 * (the service conversations of the free tier, SPEC 2.6; the service messages of 2.10.5; the charged messages of
 * volume tiers, SPEC 1.2 and 2.9), streamed in
 * month order with their position, and their new prices. Runs in the caller's transaction, on its connection: the
 * months are read with a cursor, and the changes sent in batches beside it, so memory does not grow with the month.
 * What the prices are is the caller's business.
 */
public final class MonthRatingStore {

    /** Rows read at a time from the cursor. */
    private static final int FETCH = 10_000;
    /** Changes sent at a time. */
    private static final int BATCH = 10_000;

    /**
     * A CBP service conversation, with its number in its WABA's month (by opening time, then opening message).
     */
    public record ServiceConversation(String conversationId, BigDecimal rate, BigDecimal amount, ConversationType type,
            LocalDate day, String market, String currency, Instant openedAt, String wabaId, long numberInMonth) {
    }

    /**
     * A PMP service message marked {@code SERVICE_MESSAGE_FREE_TIER} (SPEC 2.10.5), with its number among the
     * service messages of its business phone number in its local month (by event time, then message id).
     */
    public record ServiceMessage(String messageId, String wabaId, String phoneNumberId, String market, String currency,
            Instant eventTime, Outcome outcome, ConversationType type, BigDecimal rate, BigDecimal amount, LocalDate day,
            long numberInMonth) {
    }

    /**
     * A charged PMP message of a tier family ({@link TierFamily}), with its number in its portfolio's month of its
     * market and family (by event time, then message id, then WABA id).
     */
    public record ChargedMessage(String messageId, String wabaId, String market, Category category, String currency,
            Instant eventTime, BigDecimal rate, BigDecimal amount, LocalDate day, long numberInMonth) {
    }

    /** Reads rows one at a time; may change prices through the {@link Repricing} it is given. */
    @FunctionalInterface
    public interface RowHandler<T> {
        void accept(T row, Repricing repricing) throws Exception;
    }

    /** New prices, sent in batches. */
    public interface Repricing {
        /** A service conversation's type and amount. */
        void conversation(String conversationId, ConversationType type, BigDecimal amount) throws SQLException;

        /** A charged message's rate, and amount (the same). */
        void message(String messageId, BigDecimal rate) throws SQLException;

        /** A service message's outcome, type, rate and amount (SPEC 2.10.5: free within the tier, charged beyond). */
        void serviceMessage(String messageId, Outcome outcome, ConversationType type, BigDecimal rate,
                BigDecimal amount) throws SQLException;
    }

    // each pass's changes go as one statement per batch, over arrays of the new values (unnest), not one statement
    // per row: a month beyond its free tier changes most of its service messages
    private static final String CONVERSATION_UPDATE = "update conversation c set type = t.type, amount = t.amount"
            + " from unnest(?::text[], ?::numeric[], ?::text[]) as t(type, amount, id) where c.conversation_id = t.id";
    private static final String[] CONVERSATION_TYPES = {"text", "numeric", "text"};
    private static final String MESSAGE_UPDATE = "update priced_message p set rate = t.rate, amount = t.rate"
            + " from unnest(?::numeric[], ?::text[]) as t(rate, id) where p.message_id = t.id";
    private static final String[] MESSAGE_TYPES = {"numeric", "text"};
    private static final String SERVICE_UPDATE = "update priced_message p set outcome = t.outcome,"
            + " pricing_type = t.type, rate = t.rate, amount = t.amount"
            + " from unnest(?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::text[])"
            + " as t(outcome, type, rate, amount, id) where p.message_id = t.id";
    private static final String[] SERVICE_TYPES = {"text", "text", "numeric", "numeric", "text"};

    /**
     * The tier family of a row's pricing category, in SQL, from {@link TierFamily} (the one place that says which
     * categories count together), and the categories that have one.
     */
    private static final String FAMILY_SQL;
    private static final String[] TIERED_CATEGORIES;

    static {
        StringBuilder sql = new StringBuilder("case pricing_category");
        List<String> tiered = new ArrayList<>();
        for (Category c : Category.values()) {
            TierFamily f = TierFamily.of(c);
            if (f == null) continue;
            sql.append(" when '").append(c.name()).append("' then '").append(f.name()).append('\'');
            tiered.add(c.name());
        }
        FAMILY_SQL = sql.append(" end").toString();
        TIERED_CATEGORIES = tiered.toArray(new String[0]);
    }

    private final DataSource dataSource;

    public MonthRatingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The months as the SQL matches them: {@code waba_id || '|' || local_month}, one text per WABA and month. */
    private static Array monthKeys(Connection c, Collection<WabaMonth> months) throws SQLException {
        return c.createArrayOf("text", months.stream().map(m -> m.wabaId() + "|" + m.period()).toArray());
    }

    /**
     * The CBP service conversations of {@code months} whose local month is before {@code freeTierEnd} (after it,
     * service conversations are free for everyone), each with its number in its month, in no particular order.
     */
    public void serviceConversations(Collection<WabaMonth> months, YearMonth freeTierEnd,
            RowHandler<ServiceConversation> handler) throws Exception {
        Connection c = DataSourceUtils.getConnection(dataSource);
        Batches batches = new Batches(c);
        try (PreparedStatement ps = c.prepareStatement(
                "select conversation_id, rate, amount, type, day, market, currency, opened_at, waba_id,"
                        + " row_number() over (partition by waba_id, local_month order by opened_at, opening_message_id)"
                        + " from conversation where category = 'SERVICE' and pricing_model = 'CBP'"
                        + " and local_month < ? and (waba_id || '|' || local_month) = any (?)")) {
            ps.setString(1, freeTierEnd.toString());
            ps.setArray(2, monthKeys(c, months));
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(new ServiceConversation(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            ConversationType.valueOf(rs.getString(4)), rs.getDate(5).toLocalDate(), rs.getString(6),
                            rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getLong(10)), batches);
                }
            }
            batches.flush();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /**
     * The service messages of {@code months} that their position in the month settles
     * ({@code month_position = 'SERVICE_MESSAGE_FREE_TIER'}), each with its number among its phone number's in its
     * local month, in no particular order. Free entry point messages are never marked, so never counted.
     */
    public void serviceMessages(Collection<WabaMonth> months, RowHandler<ServiceMessage> handler) throws Exception {
        Connection c = DataSourceUtils.getConnection(dataSource);
        Batches batches = new Batches(c);
        try (PreparedStatement ps = c.prepareStatement(
                "select message_id, waba_id, phone_number_id, market, currency, event_time, outcome, pricing_type, rate,"
                        + " amount, day, row_number() over (partition by phone_number_id, local_month"
                        + " order by event_time, message_id)"
                        + " from priced_message where month_position = ? and (waba_id || '|' || local_month) = any (?)")) {
            ps.setString(1, MonthPosition.SERVICE_MESSAGE_FREE_TIER.name());
            ps.setArray(2, monthKeys(c, months));
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(new ServiceMessage(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                            Outcome.valueOf(rs.getString(7)), ConversationType.valueOf(rs.getString(8)),
                            rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getDate(11).toLocalDate(), rs.getLong(12)),
                            batches);
                }
            }
            batches.flush();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /**
     * The charged PMP messages of a tier family of {@code portfolioMonths} ({@code portfolio|YYYY-MM}: tiers count
     * across a portfolio), each with its number in its portfolio's month of its market and {@link TierFamily}
     * (authentication and authentication-international together, SPEC 1.2), in no particular order. Run it after
     * {@link #serviceMessages} in the same transaction: it sees what that settled.
     */
    public void chargedMessages(Collection<String> portfolioMonths, RowHandler<ChargedMessage> handler) throws Exception {
        Connection c = DataSourceUtils.getConnection(dataSource);
        Batches batches = new Batches(c);
        try (PreparedStatement ps = c.prepareStatement(
                "select message_id, waba_id, market, pricing_category, currency, event_time, rate, amount, day,"
                        + " row_number() over (partition by portfolio_id, market, " + FAMILY_SQL + ", local_month"
                        + " order by event_time, message_id, waba_id)"
                        + " from priced_message where outcome = 'CHARGED' and pricing_category = any (?)"
                        + " and (portfolio_id || '|' || local_month) = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", TIERED_CATEGORIES));
            ps.setArray(2, c.createArrayOf("text", portfolioMonths.toArray()));
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(new ChargedMessage(rs.getString(1), rs.getString(2), rs.getString(3),
                            Category.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
                            rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getDate(9).toLocalDate(), rs.getLong(10)),
                            batches);
                }
            }
            batches.flush();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** The changes of one pass, sent in batches on the connection of the cursor (same transaction). */
    private static final class Batches implements Repricing {
        private final Connection connection;
        private final List<Object[]> conversations = new ArrayList<>();
        private final List<Object[]> messages = new ArrayList<>();
        private final List<Object[]> services = new ArrayList<>();

        Batches(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void conversation(String conversationId, ConversationType type, BigDecimal amount) throws SQLException {
            conversations.add(new Object[] {type.name(), amount, conversationId});
            if (conversations.size() >= BATCH) flush(CONVERSATION_UPDATE, CONVERSATION_TYPES, conversations);
        }

        @Override
        public void message(String messageId, BigDecimal rate) throws SQLException {
            messages.add(new Object[] {rate, messageId});
            if (messages.size() >= BATCH) flush(MESSAGE_UPDATE, MESSAGE_TYPES, messages);
        }

        @Override
        public void serviceMessage(String messageId, Outcome outcome, ConversationType type, BigDecimal rate,
                BigDecimal amount) throws SQLException {
            services.add(new Object[] {outcome.name(), type.name(), rate, amount, messageId});
            if (services.size() >= BATCH) flush(SERVICE_UPDATE, SERVICE_TYPES, services);
        }

        /** One statement for the batch: column {@code k} of every change as the {@code k}-th array. */
        private void flush(String sql, String[] types, List<Object[]> updates) throws SQLException {
            if (updates.isEmpty()) return;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int k = 0; k < types.length; k++) {
                    Object[] column = types[k].equals("numeric") ? new BigDecimal[updates.size()] : new String[updates.size()];
                    for (int r = 0; r < column.length; r++) column[r] = updates.get(r)[k];
                    ps.setArray(k + 1, connection.createArrayOf(types[k], column));
                }
                ps.executeUpdate();
            }
            updates.clear();
        }

        /** Sends what is left. */
        void flush() throws SQLException {
            flush(CONVERSATION_UPDATE, CONVERSATION_TYPES, conversations);
            flush(MESSAGE_UPDATE, MESSAGE_TYPES, messages);
            flush(SERVICE_UPDATE, SERVICE_TYPES, services);
        }
    }
}
