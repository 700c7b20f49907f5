package com.wabill.engine;

/**
 * What an item's position in its month still decides after the replay. The engine replays one thread at a time
 * and cannot see how many items of the month came before across the other threads: it says which rule numbers
 * the item, and a month-position calculator of {@code rating} settles it over the month (whatever runs billed
 * its days).
 */
public enum MonthPosition {

    /** Nothing: the decision is final (a volume tier may still set a charged message's rate, SPEC 1.2). */
    NONE,

    /**
     * SPEC 2.6, set by the pricer on a service conversation opened under a regime whose service conversations have
     * a monthly free tier ({@link PricingRegime#serviceCharged()} under CBP): among the first
     * {@link PricingRegime#serviceFreeTier()} service conversations of the WABA's local month (by opening time, then
     * opening message id) it is {@code FREE_TIER} and free, beyond it {@code REGULAR} at the card's Service rate.
     */
    SERVICE_CONVERSATION_FREE_TIER,

    /**
     * SPEC 2.10.5, set by the engine on a delivered service message (a non-template message inside the window)
     * under a regime whose service messages have a monthly free tier ({@link PricingRegime#serviceCharged()} under
     * PMP). The decision is that of a free one: outcome {@code FREE_CUSTOMER_SERVICE}, category {@code SERVICE},
     * type {@code FREE_CUSTOMER_SERVICE}, not charged. Beyond the first {@link PricingRegime#serviceFreeTier()}
     * delivered service messages of its business phone number in the local month (by event time, then message id)
     * it is {@code CHARGED}, {@code SERVICE}, {@code REGULAR} at the card's Service rate.
     */
    SERVICE_MESSAGE_FREE_TIER
}
