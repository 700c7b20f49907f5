package com.wabill.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.wabill.engine.Decision;
import com.wabill.engine.Decision.ClosedEarly;
import com.wabill.engine.Direction;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.engine.ThreadState;
import com.wabill.engine.ThreadStateCodec;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ledger.CarriedStates.CarriedState;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.rating.ReferencePricer;
import com.wabill.replay.ReplaySink;

/**
 * The ledger rows of one replay bucket, loaded with COPY in the step's transaction: conversations, priced messages,
 * conversation links, the states its threads carry out of each billed day, and the early closes it made to older
 * conversations. Outbound messages that carry Meta's {@code meta_conversation_id} (failed ones excepted) go to
 * {@code conversation_link} with the replay's conversation, for the reconciliation of conversations (SPEC 4); a priced
 * message keeps its link on its own row (view {@code meta_conversation_link} reads both).
 *
 * <p>A bucket is bounded in size, so its rows are gathered and loaded in one go by {@link #load()}: one COPY at a
 * time per connection, no round trip per row.
 */
public final class LedgerLoad implements ReplaySink {

    private final DataSource dataSource;
    private final long jobExecutionId;
    private final LocalDate carryDay;
    private final LocalDate from;
    private List<MovedMessages.Move> moves = List.of();
    private final List<PricedConversation> conversations = new ArrayList<>();
    private final List<PricedRow> priced = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    /** The states carried out of each billed day, with their count and digest. */
    private final Map<LocalDate, Carried> carried = new TreeMap<>();
    private final List<ClosedEarly> earlyCloses = new ArrayList<>();

    /** The states carried out of one day. */
    public static final class Carried {
        private final List<CarriedState> states = new ArrayList<>();
        private long digest;

        public long threads() {
            return states.size();
        }

        /** The digest of the states (a sum: buckets add up in any order). */
        public long digest() {
            return digest;
        }
    }

    /**
     * @param carryDay the last day of the billed range (the day states are carried out of when no day is named)
     */
    public LedgerLoad(DataSource dataSource, long jobExecutionId, LocalDate carryDay) {
        this(dataSource, jobExecutionId, carryDay, carryDay);
    }

    /**
     * @param from first day of the billed range: a message priced before it on an earlier run moved to a later day
     * @param to   last day of the billed range
     */
    public LedgerLoad(DataSource dataSource, long jobExecutionId, LocalDate from, LocalDate to) {
        this.dataSource = dataSource;
        this.jobExecutionId = jobExecutionId;
        this.from = from;
        this.carryDay = to;
    }

    /** The messages this bucket billed on a later day than an earlier run had (known once {@link #load} ran). */
    public List<MovedMessages.Move> moves() {
        return moves;
    }

    @Override
    public void outcome(AcceptedMessage m, Decision d, PricedMessage p) {
        boolean linked = m.direction() == Direction.OUTBOUND && m.metaConversationId() != null
                && !m.metaConversationId().isBlank() && d.outcome() != Outcome.FAILED_NOT_DELIVERED;
        if (p != null) {
            // a priced message carries its link to Meta's conversation itself: no second row per message
            priced.add(new PricedRow(p, m.metaPricingCategory(), m.metaPricingType(),
                    linked ? m.metaConversationId() : null, linked ? m.metaConversationCategory() : null));
        } else if (linked) {
            links.add(new Link(m.messageId(), m.wabaId(), m.metaConversationId(), m.metaConversationCategory(),
                    d.conversationId(), d.outcome(), m.eventTime(), d.pricingModel().name(),
                    ReferencePricer.utcDay(m.eventTime())));
        }
    }

    @Override
    public void conversation(PricedConversation c) {
        conversations.add(c);
    }

    @Override
    public void closedEarlier(String conversationId, Instant closedAt) {
        earlyCloses.add(new ClosedEarly(conversationId, closedAt));
    }

    @Override
    public void carriedState(LocalDate day, String phoneNumberId, String contactWaId, ThreadState state) {
        byte[] bytes = ThreadStateCodec.encode(state);
        Carried c = carried.computeIfAbsent(day, d -> new Carried());
        c.states.add(new CarriedState(phoneNumberId, contactWaId, bytes));
        c.digest += CarriedStates.digest(phoneNumberId, contactWaId, bytes);
    }

    /** A state carried out of the last day of the range. */
    public void carriedState(String phoneNumberId, String contactWaId, ThreadState state) {
        carriedState(carryDay, phoneNumberId, contactWaId, state);
    }

    /** The states carried so far out of each day (days out of which nothing is carried are absent). */
    public Map<LocalDate, Carried> carried() {
        return carried;
    }

    /** The digest of the states carried out of the last day of the range. */
    public long stateDigest() {
        Carried c = carried.get(carryDay);
        return c == null ? 0 : c.digest;
    }

    /** The threads carried out of the last day of the range. */
    public long carriedThreads() {
        Carried c = carried.get(carryDay);
        return c == null ? 0 : c.states.size();
    }

    /** Loads everything gathered, in the transaction of the caller (the replay step's): all of it or nothing. */
    public void load() throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A bucket's ledger rows are loaded in the step's transaction");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            copyConversations(connection);
            // a message priced on an earlier day by an earlier run, whose event day moved into this run's (a late
            // delivery receipt): billed once, here
            Map<String, LocalDate> days = new java.util.HashMap<>(priced.size() * 2);
            for (PricedRow row : priced) days.put(row.message().messageId(), row.message().day());
            moves = MovedMessages.moveToLaterDays(connection, from, days.keySet(), days::get, jobExecutionId);
            copyPricedMessages(connection);
            copyLinks(connection);
            for (Map.Entry<LocalDate, Carried> e : carried.entrySet()) {
                CarriedStates.copy(connection, e.getKey(), e.getValue().states);
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        new EarlyCloses(dataSource).close(earlyCloses);
    }

    private void copyConversations(Connection connection) throws SQLException {
        try (CopyStream copy = new CopyStream(connection, "conversation", "conversation_id", "waba_id",
                "phone_number_id", "contact_wa_id", "business_phone_number", "category", "type", "opened_at",
                "scheduled_end", "closed_at", "opening_message_id", "country", "market", "currency", "rate", "amount",
                "pricing_model", "day", "local_month", "job_execution_id")) {
            for (PricedConversation c : conversations) {
                copy.add(c.conversationId()).add(c.wabaId()).add(c.phoneNumberId()).add(c.contactWaId())
                        .add(c.businessPhoneNumber()).add(c.category()).add(c.type()).add(c.openedAt())
                        .add(c.scheduledEnd()).add(c.closedAt()).add(c.openingMessageId()).add(c.country())
                        .add(c.market()).add(c.currency()).add(c.rate()).add(c.amount()).add(c.model()).add(c.day())
                        .add(c.localMonth()).add(jobExecutionId);
                copy.endRow();
            }
        }
    }

    private void copyPricedMessages(Connection connection) throws SQLException {
        try (CopyStream copy = new CopyStream(connection, "priced_message", "message_id", "waba_id",
                "portfolio_id", "phone_number_id", "contact_wa_id", "business_phone_number", "conversation_id",
                "outcome", "pricing_category", "pricing_type", "event_time", "country", "market", "currency", "rate",
                "amount", "day", "local_month", "job_execution_id", "meta_pricing_category", "meta_pricing_type",
                "month_position", "in_window", "meta_conversation_id", "meta_conversation_category")) {
            for (PricedRow row : priced) {
                PricedMessage p = row.message();
                copy.add(p.messageId()).add(p.wabaId()).add(p.portfolioId()).add(p.phoneNumberId())
                        .add(p.contactWaId()).add(p.businessPhoneNumber()).add(p.conversationId()).add(p.outcome())
                        .add(p.pricingCategory()).add(p.pricingType()).add(p.eventTime()).add(p.country())
                        .add(p.market()).add(p.currency()).add(p.rate()).add(p.amount()).add(p.day())
                        .add(p.localMonth()).add(jobExecutionId).add(row.metaPricingCategory())
                        .add(row.metaPricingType())
                        .add(p.monthPosition() == MonthPosition.NONE ? null : p.monthPosition().name())
                        .add(p.inWindow()).add(row.metaConversationId()).add(row.metaConversationCategory());
                copy.endRow();
            }
        }
    }

    /**
     * A priced message with what Meta's webhook said of it (SPEC 1.1): its pricing, for the per-message audit, and its
     * conversation (null when it has none to compare), for the reconciliation of conversations.
     */
    private record PricedRow(PricedMessage message, String metaPricingCategory, String metaPricingType,
            String metaConversationId, String metaConversationCategory) {
    }

    private void copyLinks(Connection connection) throws SQLException {
        try (CopyStream copy = new CopyStream(connection, "conversation_link", "message_id", "waba_id",
                "meta_conversation_id", "meta_conversation_category", "conversation_id", "outcome", "event_time",
                "pricing_model", "day", "job_execution_id")) {
            for (Link l : links) {
                copy.add(l.messageId()).add(l.wabaId()).add(l.metaConversationId()).add(l.metaConversationCategory())
                        .add(l.conversationId()).add(l.outcome()).add(l.eventTime()).add(l.pricingModel()).add(l.day())
                        .add(jobExecutionId);
                copy.endRow();
            }
        }
    }

    /** A row of {@code conversation_link}. */
    private record Link(String messageId, String wabaId, String metaConversationId, String metaConversationCategory,
            String conversationId, Outcome outcome, Instant eventTime, String pricingModel, LocalDate day) {
    }
}
