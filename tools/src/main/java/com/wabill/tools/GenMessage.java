package com.wabill.tools;

import java.time.Instant;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.parquet.MessageLogColumn;

/**
 * One generated message: what its final row says (after all its status updates), and which extra rows
 * the log carries for it (a webhook retry, earlier status updates).
 */
final class GenMessage {

    /** The log also holds an exact copy of the final row (a webhook retry). */
    static final int EXACT_COPY = 1;
    /** The log also holds an earlier {@code SENT} row without delivered_at (status update). */
    static final int SENT_UPDATE = 2;
    /** The log also holds an earlier {@code DELIVERED} row (status update of a READ message). */
    static final int DELIVERED_UPDATE = 4;

    String messageId;
    Catalog.Waba waba;
    Catalog.Phone phone;
    /** contact_wa_id as written (digits, sometimes with a leading '+'). */
    String contact;
    Direction direction;
    Instant sentAt;
    Instant deliveredAt;
    /** Outbound: the final status; inbound: null. */
    DeliveryStatus status;
    String messageType;
    boolean template;
    String templateName;
    Category category;
    /** template_category as written (case varies). */
    String categoryText;
    /** Inbound: AD or POST (as written), or null. */
    String referral;

    String metaConversationId;
    String metaConversationCategory;
    Boolean metaBillable;
    String metaPricingModel;
    String metaPricingCategory;
    String metaPricingType;
    /**
     * A service message under SPEC 2.10.5: whether it is free depends on its number among its phone number's service
     * messages of the month, across contacts; {@link LogGenerator} fills {@link #metaPricingType} and
     * {@link #metaBillable} from a first pass over the contacts ({@link ServicePricingPlan}) before the rows are made.
     */
    boolean serviceFreeTier;

    int extraRows;

    /** SPEC 2.1: outbound, delivered_at when present and not before sent_at; otherwise sent_at. */
    Instant eventTime() {
        if (direction == Direction.OUTBOUND && deliveredAt != null && !deliveredAt.isBefore(sentAt)) return deliveredAt;
        return sentAt;
    }

    boolean entryPointReferral() {
        return direction == Direction.INBOUND && referral != null;
    }

    /** The final row, in the column order of {@link MessageLogColumn#ALL}. */
    Object[] row() {
        return row(status == null ? null : status.name(), deliveredAt, true);
    }

    /** A row of this message with another status (a status update); meta columns only when {@code withMeta}. */
    Object[] row(String statusText, Instant delivered, boolean withMeta) {
        Object[] v = new Object[MessageLogColumn.ALL.size()];
        v[MessageLogColumn.MESSAGE_ID.ordinal()] = messageId;
        v[MessageLogColumn.WABA_ID.ordinal()] = waba.id();
        v[MessageLogColumn.PHONE_NUMBER_ID.ordinal()] = phone.phoneNumberId();
        v[MessageLogColumn.BUSINESS_PHONE_NUMBER.ordinal()] = phone.digits();
        v[MessageLogColumn.CONTACT_WA_ID.ordinal()] = contact;
        v[MessageLogColumn.DIRECTION.ordinal()] = direction.name();
        v[MessageLogColumn.SENT_AT.ordinal()] = sentAt;
        v[MessageLogColumn.DELIVERED_AT.ordinal()] = delivered;
        v[MessageLogColumn.STATUS.ordinal()] = statusText;
        v[MessageLogColumn.MESSAGE_TYPE.ordinal()] = messageType;
        v[MessageLogColumn.TEMPLATE_NAME.ordinal()] = templateName;
        v[MessageLogColumn.TEMPLATE_CATEGORY.ordinal()] = categoryText;
        v[MessageLogColumn.REFERRAL_SOURCE_TYPE.ordinal()] = referral;
        if (withMeta) {
            v[MessageLogColumn.META_CONVERSATION_ID.ordinal()] = metaConversationId;
            v[MessageLogColumn.META_CONVERSATION_CATEGORY.ordinal()] = metaConversationCategory;
            v[MessageLogColumn.META_BILLABLE.ordinal()] = metaBillable;
            v[MessageLogColumn.META_PRICING_MODEL.ordinal()] = metaPricingModel;
            v[MessageLogColumn.META_PRICING_CATEGORY.ordinal()] = metaPricingCategory;
            v[MessageLogColumn.META_PRICING_TYPE.ordinal()] = metaPricingType;
        }
        return v;
    }
}
