package com.wabill.spill;

import java.io.IOException;
import java.util.List;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowRejection;

/**
 * What the ingest step reads from one Parquet row: a valid row or a rejection. Spilled by message id, so that
 * every copy of a message meets the others, whatever thread or file it came in.
 */
public record IngestRecord(int fileIndex, LogRow row, RowRejection rejection) {

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();
    private static final Category[] CATEGORIES = Category.values();

    public static void writeRow(SpillOutput out, int fileIndex, LogRow r) throws IOException {
        out.writeVarLong(fileIndex);
        out.writeVarLong(r.rowNumber());
        out.writeString(r.messageId());
        out.writeString(r.wabaId());
        out.writeString(r.phoneNumberId());
        out.writeString(r.businessPhoneNumber());
        out.writeString(r.contactWaId());
        out.writeEnum(r.direction());
        out.writeInstant(r.sentAt());
        out.writeInstant(r.deliveredAt());
        out.writeEnum(r.status());
        out.writeString(r.messageType());
        out.writeBoolean(r.template());
        out.writeString(r.templateName());
        out.writeEnum(r.templateCategory());
        out.writeString(r.referralSourceType());
        out.writeString(r.metaConversationId());
        out.writeString(r.metaConversationCategory());
        out.writeVarLong(r.metaBillable() == null ? -1 : r.metaBillable() ? 1 : 0);
        out.writeString(r.metaPricingModel());
    }

    public static LogRow readRow(SpillInput in, List<String> files) throws IOException {
        int fileIndex = in.readVarInt();
        long rowNumber = in.readVarLong();
        String messageId = in.readString();
        String wabaId = in.readCachedString();
        String phoneNumberId = in.readCachedString();
        String businessPhone = in.readCachedString();
        String contact = in.readString();
        Direction direction = in.readEnum(DIRECTIONS);
        var sentAt = in.readInstant();
        var deliveredAt = in.readInstant();
        DeliveryStatus status = in.readEnum(STATUSES);
        String messageType = in.readCachedString();
        boolean template = in.readBoolean();
        String templateName = in.readCachedString();
        Category category = in.readEnum(CATEGORIES);
        String referral = in.readCachedString();
        String metaConv = in.readString();
        String metaCat = in.readCachedString();
        long billable = in.readVarLong();
        String metaModel = in.readCachedString();
        return new LogRow(files.get(fileIndex), rowNumber, messageId, wabaId, phoneNumberId, businessPhone, contact,
                direction, sentAt, deliveredAt, status, messageType, template, templateName, category, referral,
                metaConv, metaCat, billable < 0 ? null : billable == 1, metaModel);
    }

    public static void writeRejection(SpillOutput out, RowRejection r) throws IOException {
        out.writeString(r.source());
        out.writeVarLong(r.row());
        out.writeString(r.messageId());
        out.writeString(r.reason());
    }

    public static RowRejection readRejection(SpillInput in) throws IOException {
        return new RowRejection(in.readString(), in.readVarLong(), in.readString(), in.readString());
    }
}
