package com.wabill.ingest;

import java.io.IOException;
import java.time.Instant;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ThreadMessage;
import com.wabill.spill.SpillInput;
import com.wabill.spill.SpillOutput;

/**
 * A validated, de-duplicated message on its way to the replay: what the engine needs, plus what the outputs and
 * the reconciliation carry along. {@code warmup} marks messages replayed only to rebuild state (SPEC 2.8).
 */
public record AcceptedMessage(
        String messageId,
        String wabaId,
        String phoneNumberId,
        String businessPhoneNumber,
        String contactWaId,
        Direction direction,
        Instant sentAt,
        Instant deliveredAt,
        Instant eventTime,
        DeliveryStatus status,
        boolean template,
        Category templateCategory,
        boolean entryPointReferral,
        String metaConversationId,
        String metaConversationCategory,
        Boolean metaBillable,
        String metaPricingModel,
        PricingModel model,
        boolean warmup) {

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();
    private static final Category[] CATEGORIES = Category.values();
    private static final PricingModel[] MODELS = PricingModel.values();

    public ThreadMessage toThreadMessage() {
        return new ThreadMessage(messageId, direction, eventTime, template, templateCategory, entryPointReferral,
                status, deliveredAt != null, model);
    }

    /** Stable bucket of the thread (phone_number_id, contact): the same on every run and every machine. */
    public static int threadBucket(String phoneNumberId, String contactWaId, int buckets) {
        int h = phoneNumberId.hashCode() * 31 + contactWaId.hashCode();
        return Math.floorMod(mix(h), buckets);
    }

    public static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    public void writeTo(SpillOutput out) throws IOException {
        out.writeString(messageId);
        out.writeString(wabaId);
        out.writeString(phoneNumberId);
        out.writeString(businessPhoneNumber);
        out.writeString(contactWaId);
        out.writeEnum(direction);
        out.writeInstant(sentAt);
        out.writeInstant(deliveredAt);
        out.writeInstant(eventTime);
        out.writeEnum(status);
        out.writeBoolean(template);
        out.writeEnum(templateCategory);
        out.writeBoolean(entryPointReferral);
        out.writeString(metaConversationId);
        out.writeString(metaConversationCategory);
        out.writeVarLong(metaBillable == null ? -1 : metaBillable ? 1 : 0);
        out.writeString(metaPricingModel);
        out.writeEnum(model);
        out.writeBoolean(warmup);
    }

    public static AcceptedMessage readFrom(SpillInput in) throws IOException {
        String messageId = in.readString();
        String wabaId = in.readCachedString();
        String phoneNumberId = in.readCachedString();
        String businessPhone = in.readCachedString();
        String contact = in.readString();
        Direction direction = in.readEnum(DIRECTIONS);
        Instant sentAt = in.readInstant();
        Instant deliveredAt = in.readInstant();
        Instant eventTime = in.readInstant();
        DeliveryStatus status = in.readEnum(STATUSES);
        boolean template = in.readBoolean();
        Category category = in.readEnum(CATEGORIES);
        boolean referral = in.readBoolean();
        String metaConv = in.readString();
        String metaCat = in.readCachedString();
        long billable = in.readVarLong();
        String metaModel = in.readCachedString();
        PricingModel model = in.readEnum(MODELS);
        boolean warmup = in.readBoolean();
        return new AcceptedMessage(messageId, wabaId, phoneNumberId, businessPhone, contact, direction, sentAt,
                deliveredAt, eventTime, status, template, category, referral, metaConv, metaCat,
                billable < 0 ? null : billable == 1, metaModel, model, warmup);
    }
}
