package com.wabill.spill;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowRejection;

/**
 * The one encoding of every record the run spills to its work folder: ingested rows ({@link LogRow} with the index of
 * its file), rejections ({@link RowRejection}), de-duplicated messages ({@link AcceptedMessage}) and message outcomes
 * ({@link OutcomeRecord}). A record is read back with the method of its kind, in the order it was written; the fields
 * a row and a message share (the message and thread, the times, Meta's fields) are encoded by the same code.
 *
 * <p>Strings that repeat from record to record (WABA, phone number, categories) are read with the input's string cache.
 */
public final class SpillCodec {

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();
    private static final Category[] CATEGORIES = Category.values();
    private static final PricingRegime[] REGIMES = PricingRegime.values();

    private SpillCodec() {
    }

    // ---- ingested rows: spilled by message id, so that every copy of a message meets the others

    public static void writeRow(SpillOutput out, int fileIndex, LogRow r) throws IOException {
        out.writeVarLong(fileIndex);
        out.writeVarLong(r.rowNumber());
        writeMessageFields(out, r.messageId(), r.wabaId(), r.phoneNumberId(), r.businessPhoneNumber(), r.contactWaId(),
                r.direction(), r.sentAt(), r.deliveredAt());
        out.writeEnum(r.status());
        out.writeString(r.messageType());
        out.writeBoolean(r.template());
        out.writeString(r.templateName());
        out.writeEnum(r.templateCategory());
        out.writeString(r.referralSourceType());
        writeMetaFields(out, r.metaConversationId(), r.metaConversationCategory(), r.metaBillable(), r.metaPricingModel(),
                r.metaPricingCategory(), r.metaPricingType());
    }

    /** @param files the run's files, by the index {@link #writeRow} was given */
    public static LogRow readRow(SpillInput in, List<String> files) throws IOException {
        int fileIndex = in.readVarInt();
        long rowNumber = in.readVarLong();
        MessageFields m = readMessageFields(in);
        DeliveryStatus status = in.readEnum(STATUSES);
        String messageType = in.readCachedString();
        boolean template = in.readBoolean();
        String templateName = in.readCachedString();
        Category category = in.readEnum(CATEGORIES);
        String referral = in.readCachedString();
        MetaFields meta = readMetaFields(in);
        return new LogRow(files.get(fileIndex), rowNumber, m.messageId, m.wabaId, m.phoneNumberId,
                m.businessPhoneNumber, m.contactWaId, m.direction, m.sentAt, m.deliveredAt, status, messageType,
                template, templateName, category, referral, meta.conversationId, meta.conversationCategory,
                meta.billable, meta.pricingModel, meta.pricingCategory, meta.pricingType);
    }

    // ---- rejections

    public static void writeRejection(SpillOutput out, RowRejection r) throws IOException {
        out.writeString(r.source());
        out.writeVarLong(r.row());
        out.writeString(r.messageId());
        out.writeString(r.reason());
    }

    public static RowRejection readRejection(SpillInput in) throws IOException {
        return new RowRejection(in.readString(), in.readVarLong(), in.readString(), in.readString());
    }

    // ---- de-duplicated messages on their way to the replay

    public static void writeAcceptedMessage(SpillOutput out, AcceptedMessage m) throws IOException {
        writeMessageFields(out, m.messageId(), m.wabaId(), m.phoneNumberId(), m.businessPhoneNumber(), m.contactWaId(),
                m.direction(), m.sentAt(), m.deliveredAt());
        out.writeInstant(m.eventTime());
        out.writeEnum(m.status());
        out.writeBoolean(m.template());
        out.writeEnum(m.templateCategory());
        out.writeBoolean(m.entryPointReferral());
        writeMetaFields(out, m.metaConversationId(), m.metaConversationCategory(), m.metaBillable(), m.metaPricingModel(),
                m.metaPricingCategory(), m.metaPricingType());
        out.writeEnum(m.regime());
        out.writeBoolean(m.warmup());
    }

    public static AcceptedMessage readAcceptedMessage(SpillInput in) throws IOException {
        MessageFields m = readMessageFields(in);
        Instant eventTime = in.readInstant();
        DeliveryStatus status = in.readEnum(STATUSES);
        boolean template = in.readBoolean();
        Category category = in.readEnum(CATEGORIES);
        boolean referral = in.readBoolean();
        MetaFields meta = readMetaFields(in);
        PricingRegime regime = in.readEnum(REGIMES);
        boolean warmup = in.readBoolean();
        return new AcceptedMessage(m.messageId, m.wabaId, m.phoneNumberId, m.businessPhoneNumber, m.contactWaId,
                m.direction, m.sentAt, m.deliveredAt, eventTime, status, template, category, referral,
                meta.conversationId, meta.conversationCategory, meta.billable, meta.pricingModel, meta.pricingCategory,
                meta.pricingType, regime, warmup);
    }

    // ---- message outcomes (SPEC 3.2)

    public static void writeOutcome(SpillOutput out, OutcomeRecord r) throws IOException {
        out.writeString(r.messageId());
        out.writeString(r.wabaId());
        out.writeString(r.phoneNumberId());
        out.writeString(r.contactWaId());
        out.writeString(r.businessPhoneNumber());
        out.writeInstant(r.eventTime());
        out.writeString(r.conversationId());
        out.writeString(r.outcome());
        out.writeString(r.flags());
        out.writeString(r.pricingModel());
        out.writeString(r.pricingCategory());
        out.writeString(r.pricingType());
        out.writeString(r.country());
        out.writeString(r.market());
        out.writeString(r.currency());
        out.writeString(r.rate() == null ? null : r.rate().toPlainString());
        out.writeString(r.amount() == null ? null : r.amount().toPlainString());
        out.writeString(r.metaConversationId());
        out.writeString(r.metaConversationCategory());
    }

    public static OutcomeRecord readOutcome(SpillInput in) throws IOException {
        return new OutcomeRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                decimal(in.readString()), decimal(in.readString()), in.readString(), in.readString());
    }

    // ---- the fields rows and messages share

    /** The message, its thread, and when it was sent and delivered. */
    private record MessageFields(String messageId, String wabaId, String phoneNumberId, String businessPhoneNumber,
            String contactWaId, Direction direction, Instant sentAt, Instant deliveredAt) {
    }

    private static void writeMessageFields(SpillOutput out, String messageId, String wabaId, String phoneNumberId,
            String businessPhoneNumber, String contactWaId, Direction direction, Instant sentAt, Instant deliveredAt)
            throws IOException {
        out.writeString(messageId);
        out.writeString(wabaId);
        out.writeString(phoneNumberId);
        out.writeString(businessPhoneNumber);
        out.writeString(contactWaId);
        out.writeEnum(direction);
        out.writeInstant(sentAt);
        out.writeInstant(deliveredAt);
    }

    private static MessageFields readMessageFields(SpillInput in) throws IOException {
        String messageId = in.readString();
        String wabaId = in.readCachedString();
        String phoneNumberId = in.readCachedString();
        String businessPhone = in.readCachedString();
        String contact = in.readString();
        Direction direction = in.readEnum(DIRECTIONS);
        Instant sentAt = in.readInstant();
        Instant deliveredAt = in.readInstant();
        return new MessageFields(messageId, wabaId, phoneNumberId, businessPhone, contact, direction, sentAt, deliveredAt);
    }

    /** What Meta's export says of the message, as the logs carry it. */
    private record MetaFields(String conversationId, String conversationCategory, Boolean billable, String pricingModel,
            String pricingCategory, String pricingType) {
    }

    private static void writeMetaFields(SpillOutput out, String conversationId, String conversationCategory,
            Boolean billable, String pricingModel, String pricingCategory, String pricingType) throws IOException {
        out.writeString(conversationId);
        out.writeString(conversationCategory);
        out.writeVarLong(billable == null ? -1 : billable ? 1 : 0);
        out.writeString(pricingModel);
        out.writeString(pricingCategory);
        out.writeString(pricingType);
    }

    private static MetaFields readMetaFields(SpillInput in) throws IOException {
        String conversationId = in.readString();
        String conversationCategory = in.readCachedString();
        long billable = in.readVarLong();
        String pricingModel = in.readCachedString();
        String pricingCategory = in.readCachedString();
        String pricingType = in.readCachedString();
        return new MetaFields(conversationId, conversationCategory, billable < 0 ? null : billable == 1, pricingModel,
                pricingCategory, pricingType);
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
