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
 * @param regime             the pricing regime in force at eventTime in the WABA's time zone ({@link PricingRegime#at})
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
        PricingRegime regime) {

    /**
     * A message of which the caller knows only the pricing model: it is decided under the model's first regime
     * (CBP: the 2023 rules, which the engine treats like the 2024 ones; PMP: the rules of 2.9, not 2.10). The
     * billing job and the log generator pass the model until they pass {@link PricingRegime#at} (issue 14's
     * wiring); everything that decides 2.10 passes the regime.
     */
    public ThreadMessage(String messageId, Direction direction, Instant eventTime, boolean template,
                         Category templateCategory, boolean entryPointReferral, DeliveryStatus status,
                         boolean hasDeliveredAt, PricingModel model) {
        this(messageId, direction, eventTime, template, templateCategory, entryPointReferral, status, hasDeliveredAt,
                model == null ? null : PricingRegime.firstOf(model));
    }

    /** The pricing model of the message's regime. */
    public PricingModel model() {
        return regime == null ? null : regime.model();
    }

    /** FAILED always wins; anything else outbound counts as delivered (SPEC 2.1). */
    public boolean failed() {
        return direction == Direction.OUTBOUND && status == DeliveryStatus.FAILED;
    }

    /** SENT without a delivered_at counts as delivered at sent_at, flagged. */
    public boolean missingDeliveryReceipt() {
        return direction == Direction.OUTBOUND && status == DeliveryStatus.SENT && !hasDeliveredAt;
    }
}
