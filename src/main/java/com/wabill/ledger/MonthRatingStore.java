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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public record ServiceMessage(String messageId, String wabaId, String phoneNumberId, String contactWaId,
            String market, String currency, Instant eventTime, Outcome outcome, ConversationType type, BigDecimal rate,
            BigDecimal amount, LocalDate day, long numberInMonth) {
    }

    /**
     * A charged PMP message of a tier family ({@link TierFamily}), with its number in its portfolio's month of its
     * market and family (by event time, then message id, then WABA id).
     */
    public record ChargedMessage(String messageId, String wabaId, String phoneNumberId, String contactWaId,
            String market, Category category, ConversationType type, String currency, Instant eventTime,
            BigDecimal rate, BigDecimal amount, LocalDate day, long numberInMonth) {
    }

    /** Reads rows one at a time; may change prices through the {@link Repricing} it is given. */
    @FunctionalInterface
    public interface RowHandler<T> {
        void accept(T row, Repricing repricing) throws Exception;
    }

    /**
     * New prices, sent in batches. A message's new price is also recorded for publish (table {@code repriced_message},
     * by job instance, UTC day and replay bucket), which applies it to the outcome the replay spilled.
     */
    public interface Repricing {
        /** A service conversation's type and amount. */
        void conversation(String conversationId, ConversationType type, BigDecimal amount) throws SQLException;

        /** A charged message's rate, and amount (the same), in its replay bucket. */
        void message(ChargedMessage message, int bucket, BigDecimal rate) throws SQLException;

        /**
         * A service message's outcome, type, rate and amount (SPEC 2.10.5: free within the tier, charged beyond), in
         * its replay bucket.
         */
        void serviceMessage(ServiceMessage message, int bucket, Outcome outcome, ConversationType type, BigDecimal rate,
                BigDecimal amount) throws SQLException;
    }

    // each pass's changes go as one statement per batch, over arrays of the new values (unnest), not one statement
    // per row: a month beyond its free tier changes most of its service messages
    private static final String CONVERSATION_UPDATE = "update conversation c set type = t.type, amount = t.amount"
            + " from unnest(?::text[], ?::numeric[], ?::text[]) as t(type, amount, id) where c.conversation_id = t.id";
    private static final String[] CONVERSATION_TYPES = {"text", "numeric", "text"};
    // a message's change is made in the ledger and recorded for publish in one statement
    private static final String MESSAGE_UPDATE = "with t as (select * from unnest(?::text[], ?::text[],"
            + " ?::numeric[], ?::numeric[], ?::text[], ?::date[], ?::integer[])"
            + " as t(outcome, type, rate, amount, id, day, bucket)),"
            + " u as (update priced_message p set outcome = t.outcome, pricing_type = t.type, rate = t.rate,"
            + " amount = t.amount from t where p.message_id = t.id)"
            + " insert into repriced_message (job_instance_id, message_id, day, bucket, outcome, pricing_type, rate,"
            + " amount) select ?, t.id, t.day, t.bucket, t.outcome, t.type, t.rate, t.amount from t"
            + " on conflict (job_instance_id, message_id) do update set day = excluded.day, bucket = excluded.bucket,"
            + " outcome = excluded.outcome, pricing_type = excluded.pricing_type, rate = excluded.rate,"
            + " amount = excluded.amount";
    private static final String[] MESSAGE_TYPES = {"text", "text", "numeric", "numeric", "text", "date", "integer"};

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

    /** Forgets what month rating recorded for a job instance's publish (once it published, or before it rates again). */
    public void forgetRepricing(long jobInstanceId) throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement("delete from repriced_message where job_instance_id = ?")) {
            ps.setLong(1, jobInstanceId);
            ps.executeUpdate();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** A message's price after month rating (for publish). */
    public record RepricedMessage(String outcome, String pricingType, BigDecimal rate, BigDecimal amount) {
    }

    /** What month rating recorded for a job instance's messages of a UTC day and replay bucket, by message id. */
    public Map<String, RepricedMessage> repriced(long jobInstanceId, LocalDate day, int bucket)
            throws SQLException {
        Map<String, RepricedMessage> prices = new HashMap<>();
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement("select message_id, outcome, pricing_type, rate, amount"
                + " from repriced_message where job_instance_id = ? and day = ? and bucket = ?")) {
            ps.setLong(1, jobInstanceId);
            ps.setObject(2, day);
            ps.setInt(3, bucket);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) prices.put(rs.getString(1), new RepricedMessage(rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5)));
            }
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        return prices;
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
        pass("select conversation_id, rate, amount, type, day, market, currency, opened_at, waba_id,"
                        + " row_number() over (partition by waba_id, local_month order by opened_at, opening_message_id)"
                        + " from conversation where category = 'SERVICE' and pricing_model = 'CBP'"
                        + " and local_month < ? and (waba_id || '|' || local_month) = any (?)",
                (c, ps) -> {
                    ps.setString(1, freeTierEnd.toString());
                    ps.setArray(2, monthKeys(c, months));
                },
                rs -> new ServiceConversation(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        ConversationType.valueOf(rs.getString(4)), rs.getDate(5).toLocalDate(), rs.getString(6),
                        rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getLong(10)),
                0, handler);
    }

    /**
     * The service messages of {@code months} that their position in the month settles
     * ({@code month_position = 'SERVICE_MESSAGE_FREE_TIER'}) and that may have to change, each with its number among
     * its phone number's in its local month, in no particular order: those numbered up to {@code freeTier} (free
     * whatever the replay guessed), and every one not charged (free beyond the free tier is wrong). The others are
     * charged beyond the free tier already, at the rate of their card, as they must be, and are not read. Free entry
     * point messages are never marked, so never counted.
     */
    public void serviceMessages(Collection<WabaMonth> months, long freeTier, long jobInstanceId,
            RowHandler<ServiceMessage> handler) throws Exception {
        pass("select * from (select message_id, waba_id, phone_number_id, contact_wa_id, market, currency, event_time,"
                        + " outcome, pricing_type, rate, amount, day, row_number() over (partition by phone_number_id,"
                        + " local_month order by event_time, message_id) as n"
                        + " from priced_message where month_position = ? and (waba_id || '|' || local_month) = any (?)) s"
                        + " where n <= ? or outcome <> ?",
                (c, ps) -> {
                    ps.setString(1, MonthPosition.SERVICE_MESSAGE_FREE_TIER.name());
                    ps.setArray(2, monthKeys(c, months));
                    ps.setLong(3, freeTier);
                    ps.setString(4, Outcome.CHARGED.name());
                },
                rs -> new ServiceMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        Outcome.valueOf(rs.getString(8)), ConversationType.valueOf(rs.getString(9)),
                        rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getDate(12).toLocalDate(), rs.getLong(13)),
                jobInstanceId, handler);
    }

    /**
     * The charged PMP messages of a tier family of {@code portfolioMonths} ({@code portfolio|YYYY-MM}: tiers count
     * across a portfolio), each with its number in its portfolio's month of its market and {@link TierFamily}
     * (authentication and authentication-international together, SPEC 1.2), in no particular order. Run it after
     * {@link #serviceMessages} in the same transaction: it sees what that settled.
     */
    public void chargedMessages(Collection<String> portfolioMonths, long jobInstanceId,
            RowHandler<ChargedMessage> handler) throws Exception {
        pass("select message_id, waba_id, phone_number_id, contact_wa_id, market, pricing_category, pricing_type,"
                        + " currency, event_time, rate, amount, day,"
                        + " row_number() over (partition by portfolio_id, market, " + FAMILY_SQL + ", local_month"
                        + " order by event_time, message_id, waba_id)"
                        + " from priced_message where outcome = 'CHARGED' and pricing_category = any (?)"
                        + " and (portfolio_id || '|' || local_month) = any (?)",
                (c, ps) -> {
                    ps.setArray(1, c.createArrayOf("text", TIERED_CATEGORIES));
                    ps.setArray(2, c.createArrayOf("text", portfolioMonths.toArray()));
                },
                rs -> new ChargedMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Category.valueOf(rs.getString(6)), ConversationType.valueOf(rs.getString(7)),
                        rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getBigDecimal(10), rs.getBigDecimal(11),
                        rs.getDate(12).toLocalDate(), rs.getLong(13)),
                jobInstanceId, handler);
    }

    /** Binds a pass's parameters (arrays are made on the connection). */
    @FunctionalInterface
    private interface Binder {
        void bind(Connection c, PreparedStatement ps) throws SQLException;
    }

    /** Reads a pass's row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One pass: the rows of {@code sql} read with a cursor in the caller's transaction, each handed to
     * {@code handler} with the batches its new prices go to (on the same connection), what is left sent at the end.
     */
    private <T> void pass(String sql, Binder binder, RowReader<T> reader, long jobInstanceId, RowHandler<T> handler)
            throws Exception {
        Connection c = DataSourceUtils.getConnection(dataSource);
        Batches batches = new Batches(c, jobInstanceId);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(c, ps);
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) handler.accept(reader.read(rs), batches);
            }
            batches.flush();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** The changes of one pass, sent in batches on the connection of the cursor (same transaction). */
    private static final class Batches implements Repricing {
        private final Connection connection;
        private final long jobInstanceId;
        private final List<Object[]> conversations = new ArrayList<>();
        private final List<Object[]> messages = new ArrayList<>();

        Batches(Connection connection, long jobInstanceId) {
            this.connection = connection;
            this.jobInstanceId = jobInstanceId;
        }

        @Override
        public void conversation(String conversationId, ConversationType type, BigDecimal amount) throws SQLException {
            conversations.add(new Object[] {type.name(), amount, conversationId});
            if (conversations.size() >= BATCH) flush(CONVERSATION_UPDATE, CONVERSATION_TYPES, conversations, null);
        }

        @Override
        public void message(ChargedMessage m, int bucket, BigDecimal rate) throws SQLException {
            add(Outcome.CHARGED, m.type(), rate, rate, m.messageId(), m.day(), bucket);
        }

        @Override
        public void serviceMessage(ServiceMessage m, int bucket, Outcome outcome, ConversationType type,
                BigDecimal rate, BigDecimal amount) throws SQLException {
            add(outcome, type, rate, amount, m.messageId(), m.day(), bucket);
        }

        private void add(Outcome outcome, ConversationType type, BigDecimal rate, BigDecimal amount, String messageId,
                LocalDate day, int bucket) throws SQLException {
            messages.add(new Object[] {outcome.name(), type.name(), rate, amount, messageId, java.sql.Date.valueOf(day),
                    bucket});
            if (messages.size() >= BATCH) flushMessages();
        }

        private void flushMessages() throws SQLException {
            flush(MESSAGE_UPDATE, MESSAGE_TYPES, messages, jobInstanceId);
        }

        /**
         * One statement for the batch: column {@code k} of every change as the {@code k}-th array, then the job
         * instance when the statement records the changes for publish.
         */
        private void flush(String sql, String[] types, List<Object[]> updates, Long instance) throws SQLException {
            if (updates.isEmpty()) return;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int k = 0; k < types.length; k++) {
                    Object[] column = switch (types[k]) {
                        case "numeric" -> new BigDecimal[updates.size()];
                        case "date" -> new java.sql.Date[updates.size()];
                        case "integer" -> new Integer[updates.size()];
                        default -> new String[updates.size()];
                    };
                    for (int r = 0; r < column.length; r++) column[r] = updates.get(r)[k];
                    ps.setArray(k + 1, connection.createArrayOf(types[k], column));
                }
                if (instance != null) ps.setLong(types.length + 1, instance);
                ps.executeUpdate();
            }
            updates.clear();
        }

        /** Sends what is left. */
        void flush() throws SQLException {
            flush(CONVERSATION_UPDATE, CONVERSATION_TYPES, conversations, null);
            flushMessages();
        }
    }
}
