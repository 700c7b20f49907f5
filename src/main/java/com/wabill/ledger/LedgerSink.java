package com.wabill.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.Decision;
import com.wabill.engine.Direction;
import com.wabill.engine.Outcome;
import com.wabill.engine.ThreadState;
import com.wabill.engine.ThreadStateCodec;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.rating.ReferencePricer;
import com.wabill.replay.ReplaySink;
import com.wabill.spill.OutcomeRecord;
import com.wabill.spill.SpillOutput;

/**
 * Writes one bucket's replay into the ledger (COPY, in the step's transaction), its message outcomes into spill
 * files per UTC day (turned into Parquet when the run publishes), and the carried state of its threads. Outbound
 * messages that carry Meta's {@code meta_conversation_id} (failed ones excepted) go to {@code conversation_link}
 * with the replay's conversation, for the reconciliation of conversations (SPEC 4).
 */
public final class LedgerSink implements ReplaySink, AutoCloseable {

    private final Connection connection;
    private final long jobExecutionId;
    private final LocalDate carryDay;
    private final int bucket;
    private final Path outcomesDir;
    private final Map<LocalDate, SpillOutput> outcomeFiles = new HashMap<>();
    private final Map<String, Long> counters = new TreeMap<>();
    // a bucket is bounded in size, so its ledger rows are gathered and loaded in one go at the end:
    // one COPY at a time per connection
    private final List<PricedConversation> conversations = new ArrayList<>();
    private final List<PricedMessage> priced = new ArrayList<>();
    private final List<Object[]> states = new ArrayList<>();
    private final List<Object[]> earlyCloses = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private long stateDigest;

    public LedgerSink(Connection connection, long jobExecutionId, LocalDate carryDay, int bucket, Path outcomesDir) {
        this.connection = connection;
        this.jobExecutionId = jobExecutionId;
        this.carryDay = carryDay;
        this.bucket = bucket;
        this.outcomesDir = outcomesDir;
    }

    @Override
    public void outcome(AcceptedMessage m, Decision d, PricedMessage p) throws Exception {
        count("outcome." + d.outcome().name(), 1);
        OutcomeRecord r = new OutcomeRecord(m.messageId(), m.wabaId(), m.phoneNumberId(), m.contactWaId(), m.businessPhoneNumber(),
                m.eventTime(), d.conversationId(), d.outcome().name(), d.flagsText(), d.pricingModel().name(),
                p == null ? null : p.pricingCategory().name(), p == null ? null : p.pricingType().name(),
                p == null ? null : p.country(), p == null ? null : p.market(), p == null ? null : p.currency(),
                p == null ? null : p.rate(), p == null ? BigDecimal.ZERO : p.amount(),
                m.metaConversationId(), m.metaConversationCategory());
        LocalDate day = ReferencePricer.utcDay(m.eventTime());
        SpillOutput out = outcomeFiles.get(day);
        if (out == null) {
            out = SpillOutput.create(outcomesDir.resolve("day=" + day).resolve("bucket-" + bucket + ".bin"));
            outcomeFiles.put(day, out);
        }
        r.writeTo(out);
        if (m.direction() == Direction.OUTBOUND && m.metaConversationId() != null && !m.metaConversationId().isBlank()
                && d.outcome() != Outcome.FAILED_NOT_DELIVERED) {
            links.add(new Link(m.messageId(), m.wabaId(), m.metaConversationId(), m.metaConversationCategory(),
                    d.conversationId(), d.outcome(), m.eventTime(), d.pricingModel().name(), day));
        }
        if (p != null) {
            count("priced." + p.pricingCategory() + "." + p.pricingType(), 1);
            priced.add(p);
        }
    }

    @Override
    public void conversation(PricedConversation c) {
        count("conversations." + c.category() + "." + c.type(), 1);
        conversations.add(c);
    }

    @Override
    public void closedEarlier(String conversationId, Instant closedAt) {
        count("closedEarlier", 1);
        earlyCloses.add(new Object[] {conversationId, closedAt});
    }

    @Override
    public void carriedState(String phoneNumberId, String contactWaId, ThreadState state) {
        byte[] bytes = ThreadStateCodec.encode(state);
        states.add(new Object[] {phoneNumberId, contactWaId, bytes});
        // order-independent digest, so buckets add up whatever order they ran in
        stateDigest += digest(phoneNumberId, contactWaId, bytes);
    }

    public static long digest(String phoneNumberId, String contactWaId, byte[] state) {
        long h = 1125899906842597L;
        for (int i = 0; i < phoneNumberId.length(); i++) h = 31 * h + phoneNumberId.charAt(i);
        h = 31 * h + 0x1F;
        for (int i = 0; i < contactWaId.length(); i++) h = 31 * h + contactWaId.charAt(i);
        for (byte b : state) h = 31 * h + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private void count(String key, long n) {
        counters.merge(key, n, Long::sum);
    }

    public Map<String, Long> counters() {
        return counters;
    }

    public long stateDigest() {
        return stateDigest;
    }

    public long carriedThreads() {
        return states.size();
    }

    @Override
    public void close() throws Exception {
        for (SpillOutput out : outcomeFiles.values()) out.close();
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
        try (CopyStream copy = new CopyStream(connection, "priced_message", "message_id", "waba_id",
                "portfolio_id", "phone_number_id", "contact_wa_id", "business_phone_number", "conversation_id",
                "outcome", "pricing_category", "pricing_type", "event_time", "country", "market", "currency", "rate",
                "amount", "day", "local_month", "job_execution_id")) {
            for (PricedMessage p : priced) {
                copy.add(p.messageId()).add(p.wabaId()).add(p.portfolioId()).add(p.phoneNumberId())
                        .add(p.contactWaId()).add(p.businessPhoneNumber()).add(p.conversationId()).add(p.outcome())
                        .add(p.pricingCategory()).add(p.pricingType()).add(p.eventTime()).add(p.country())
                        .add(p.market()).add(p.currency()).add(p.rate()).add(p.amount()).add(p.day())
                        .add(p.localMonth()).add(jobExecutionId);
                copy.endRow();
            }
        }
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
        try (CopyStream copy = new CopyStream(connection, "thread_state", "carry_day", "phone_number_id",
                "contact_wa_id", "bucket_hash", "state")) {
            for (Object[] row : states) {
                String phone = (String) row[0];
                String contact = (String) row[1];
                copy.add(carryDay).add(phone).add(contact)
                        .add(AcceptedMessage.mix(phone.hashCode() * 31 + contact.hashCode())).add((byte[]) row[2]);
                copy.endRow();
            }
        }
        if (!earlyCloses.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "update conversation set closed_at = ? where conversation_id = ? and closed_at > ?")) {
                for (Object[] row : earlyCloses) {
                    Timestamp at = Timestamp.from((Instant) row[1]);
                    ps.setTimestamp(1, at);
                    ps.setString(2, (String) row[0]);
                    ps.setTimestamp(3, at);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** A row of {@code conversation_link}. */
    private record Link(String messageId, String wabaId, String metaConversationId, String metaConversationCategory,
            String conversationId, Outcome outcome, Instant eventTime, String pricingModel, LocalDate day) {
    }
}
