package com.wabill.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.ThreadMessage;

/**
 * One accepted row of a message log (SPEC 1.1), validated and normalised by {@link RowValidator}.
 *
 * @param source                   the file it comes from, as given
 * @param rowNumber                its row in that file (data rows counted from 1)
 * @param messageId                the WhatsApp message id
 * @param wabaId                   the WhatsApp Business Account
 * @param phoneNumberId            the business phone number's id
 * @param businessPhoneNumber      that number's digits (normalised like the contact when it gives digits), or null
 * @param contactWaId              the customer's WhatsApp id: digits only ({@code +}, spaces and dashes removed)
 * @param direction                inbound or outbound
 * @param sentAt                   when the message was sent (inbound: received)
 * @param deliveredAt              outbound: time of the delivered status, or null (always null on inbound rows)
 * @param status                   outbound: its status; inbound: null (the column is not used there)
 * @param messageType              message_type as given
 * @param template                 message_type is TEMPLATE (any case)
 * @param templateName             template_name, or null
 * @param templateCategory         a template's category; null for non-templates
 * @param referralSourceType       inbound: {@code AD} or {@code POST} (upper case), or null; always null on outbound rows
 * @param metaConversationId       Meta's conversation.id, or null
 * @param metaConversationCategory Meta's conversation.origin.type as given, or null
 * @param metaBillable             Meta's pricing.billable, or null
 * @param metaPricingModel         Meta's pricing model as given, or null
 * @param metaPricingCategory      Meta's pricing.category as given (any case, unknown values kept), or null
 * @param metaPricingType          Meta's pricing.type as given, or null
 */
public record LogRow(
        String source,
        long rowNumber,
        String messageId,
        String wabaId,
        String phoneNumberId,
        String businessPhoneNumber,
        String contactWaId,
        Direction direction,
        Instant sentAt,
        Instant deliveredAt,
        DeliveryStatus status,
        String messageType,
        boolean template,
        String templateName,
        Category templateCategory,
        String referralSourceType,
        String metaConversationId,
        String metaConversationCategory,
        Boolean metaBillable,
        String metaPricingModel,
        String metaPricingCategory,
        String metaPricingType) implements RowResult {

    public LogRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(contactWaId, "contactWaId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(messageType, "messageType");
        if (direction == Direction.OUTBOUND && status == null) {
            throw new IllegalArgumentException("outbound row without status: " + messageId);
        }
        if (template && templateCategory == null) {
            throw new IllegalArgumentException("template without category: " + messageId);
        }
    }

    /**
     * When the message counts (SPEC 2.1): inbound, sent_at; outbound, delivered_at when present and not
     * before sent_at, else sent_at.
     */
    public Instant eventTime() {
        if (direction == Direction.OUTBOUND && deliveredAt != null && !deliveredAt.isBefore(sentAt)) {
            return deliveredAt;
        }
        return sentAt;
    }

    /** An inbound message from a Click-to-WhatsApp ad or a Page call-to-action button. */
    public boolean entryPointReferral() {
        return direction == Direction.INBOUND && referralSourceType != null;
    }

    /** The message as the replay engine takes it, under the pricing model in force at its event time. */
    public ThreadMessage toThreadMessage(PricingModel model) {
        return new ThreadMessage(messageId, direction, eventTime(), template, templateCategory,
                entryPointReferral(), status, direction == Direction.OUTBOUND && deliveredAt != null, model);
    }

    /**
     * The same message apart from status, delivered_at and the meta_* columns (and where it was read):
     * copies that are status updates of one message (SPEC 1.1).
     */
    public boolean sameExceptStatus(LogRow o) {
        return differingColumns(o).isEmpty();
    }

    /** The same in every column (where it was read aside): an exact copy, as a webhook retry gives. */
    public boolean sameContent(LogRow o) {
        return sameExceptStatus(o)
                && status == o.status
                && Objects.equals(deliveredAt, o.deliveredAt)
                && Objects.equals(metaConversationId, o.metaConversationId)
                && Objects.equals(metaConversationCategory, o.metaConversationCategory)
                && Objects.equals(metaBillable, o.metaBillable)
                && Objects.equals(metaPricingModel, o.metaPricingModel)
                && Objects.equals(metaPricingCategory, o.metaPricingCategory)
                && Objects.equals(metaPricingType, o.metaPricingType);
    }

    /**
     * The columns, other than status, delivered_at and meta_*, in which two rows differ (message_type compared
     * ignoring case, as TEMPLATE is matched), in SPEC order.
     */
    public List<String> differingColumns(LogRow o) {
        List<String> d = new ArrayList<>(2);
        if (!messageId.equals(o.messageId)) d.add("message_id");
        if (!wabaId.equals(o.wabaId)) d.add("waba_id");
        if (!phoneNumberId.equals(o.phoneNumberId)) d.add("phone_number_id");
        if (!Objects.equals(businessPhoneNumber, o.businessPhoneNumber)) d.add("business_phone_number");
        if (!contactWaId.equals(o.contactWaId)) d.add("contact_wa_id");
        if (direction != o.direction) d.add("direction");
        if (!sentAt.equals(o.sentAt)) d.add("sent_at");
        if (!messageType.trim().equalsIgnoreCase(o.messageType.trim())) d.add("message_type");
        if (!Objects.equals(templateName, o.templateName)) d.add("template_name");
        if (templateCategory != o.templateCategory) d.add("template_category");
        if (!Objects.equals(referralSourceType, o.referralSourceType)) d.add("referral_source_type");
        return d;
    }

    /** This row read from another place. */
    public LogRow at(String newSource, long newRowNumber) {
        return new LogRow(newSource, newRowNumber, messageId, wabaId, phoneNumberId, businessPhoneNumber, contactWaId,
                direction, sentAt, deliveredAt, status, messageType, template, templateName, templateCategory,
                referralSourceType, metaConversationId, metaConversationCategory, metaBillable, metaPricingModel,
                metaPricingCategory, metaPricingType);
    }

    /**
     * The row's values by SPEC 1.1 column name (enumerations by name, timestamps as Instants), as
     * the tests' and tools' {@code MessageLogWriter} writes them.
     */
    public Map<String, Object> toColumnMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", messageId);
        m.put("waba_id", wabaId);
        m.put("phone_number_id", phoneNumberId);
        m.put("business_phone_number", businessPhoneNumber);
        m.put("contact_wa_id", contactWaId);
        m.put("direction", direction.name());
        m.put("sent_at", sentAt);
        m.put("delivered_at", deliveredAt);
        m.put("status", status == null ? null : status.name());
        m.put("message_type", messageType);
        m.put("template_name", templateName);
        m.put("template_category", templateCategory == null ? null : templateCategory.name());
        m.put("referral_source_type", referralSourceType == null ? null : referralSourceType.toUpperCase(Locale.ROOT));
        m.put("meta_conversation_id", metaConversationId);
        m.put("meta_conversation_category", metaConversationCategory);
        m.put("meta_billable", metaBillable);
        m.put("meta_pricing_model", metaPricingModel);
        m.put("meta_pricing_category", metaPricingCategory);
        m.put("meta_pricing_type", metaPricingType);
        return m;
    }
}
