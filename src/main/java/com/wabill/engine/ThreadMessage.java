package com.wabill.engine;

import java.time.Instant;

/**
 * One accepted, de-duplicated message of a thread, as the engine sees it.
 *
 * @param messageId          the WhatsApp message id
 * @param direction          inbound (customer to business) or outbound
 * @param eventTime          inbound: sent_at; outbound: delivered_at when present and not before sent_at, else sent_at (SPEC 2.1)
 * @param template           message_type is TEMPLATE
 * @param templateCategory   the template's category (templates only, else null)
 * @param entryPointReferral inbound with referral_source_type AD or POST
 * @param status             outbound status (null for inbound)
 * @param hasDeliveredAt     the row carried a delivered_at
 * @param model              the pricing model in force at eventTime in the WABA's time zone
 */
public record ThreadMessage(
        String messageId,
        Direction direction,
        Instant eventTime,
        boolean template,
        Category templateCategory,
        boolean entryPointReferral,
        DeliveryStatus status,
        boolean hasDeliveredAt,
        PricingModel model) {

    /** FAILED always wins; anything else outbound counts as delivered (SPEC 2.1). */
    public boolean failed() {
        return direction == Direction.OUTBOUND && status == DeliveryStatus.FAILED;
    }

    /** SENT without a delivered_at counts as delivered at sent_at, flagged. */
    public boolean missingDeliveryReceipt() {
        return direction == Direction.OUTBOUND && status == DeliveryStatus.SENT && !hasDeliveredAt;
    }
}
