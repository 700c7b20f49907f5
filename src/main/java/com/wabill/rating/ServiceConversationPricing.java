package com.wabill.rating;

import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The type and charge of a service conversation (SPEC 2.6).
 *
 * <ul>
 *   <li>opened from 2024-11-01 (local): free, type {@code REGULAR};</li>
 *   <li>opened 2023-06-01..2024-10-31: positions 1..1000 of the WABA's local calendar month are
 *       {@code FREE_TIER} (free); from position 1001 on {@code REGULAR}, charged at the service rate.</li>
 * </ul>
 * The position is the caller's: the conversation's rank among the WABA's service conversations
 * opened in that local month, across all its threads, by opening time then opening message id,
 * counted from 1. Free service conversations carry amount 0 (and need no rate).
 */
public final class ServiceConversationPricing {

    /** First local day of the monthly free tier (start of conversation-based pricing). */
    public static final LocalDate FREE_TIER_FROM = PricingModel.CBP.startsOn;
    /** First local day on which every service conversation is free. */
    public static final LocalDate FREE_FROM = LocalDate.of(2024, 11, 1);
    /** Free service conversations per WABA and local month before {@link #FREE_FROM}. */
    public static final int FREE_TIER_SIZE = 1000;

    /** @param type the conversation type; @param charged whether it is charged at the service rate */
    public record ServicePrice(ConversationType type, boolean charged) {
        public ServicePrice {
            Objects.requireNonNull(type);
        }
    }

    private static final ServicePrice FREE_REGULAR = new ServicePrice(ConversationType.REGULAR, false);
    private static final ServicePrice FREE_TIER = new ServicePrice(ConversationType.FREE_TIER, false);
    private static final ServicePrice CHARGED = new ServicePrice(ConversationType.REGULAR, true);

    private ServiceConversationPricing() {
    }

    /**
     * @param openingLocalDate the local date (WABA's zone) the service conversation opened on
     * @param positionInMonth  its position among the WABA's service conversations of that local month, from 1
     * @throws IllegalArgumentException before 2023-06-01 (no pricing model) or for a position below 1
     */
    public static ServicePrice price(LocalDate openingLocalDate, long positionInMonth) {
        Objects.requireNonNull(openingLocalDate, "openingLocalDate");
        if (positionInMonth < 1) throw new IllegalArgumentException("positions in the month count from 1, found " + positionInMonth);
        if (openingLocalDate.isBefore(FREE_TIER_FROM)) {
            throw new IllegalArgumentException("no pricing model before " + FREE_TIER_FROM + ": service conversation opened " + openingLocalDate);
        }
        if (!openingLocalDate.isBefore(FREE_FROM)) return FREE_REGULAR;
        return positionInMonth <= FREE_TIER_SIZE ? FREE_TIER : CHARGED;
    }
}
