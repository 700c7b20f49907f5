package com.wabill.rating;

import com.wabill.engine.Category;

/**
 * The categories whose charged messages count together toward one volume tier count per portfolio, market and
 * local month (SPEC 1.2): utility alone; authentication and authentication-international together, each charged at
 * the tier rate of its own category. Marketing and service have no tiers and count toward none.
 */
public enum TierFamily {
    UTILITY,
    AUTHENTICATION;

    /** The family a charged message of {@code category} counts in, or null when the category has no tiers. */
    public static TierFamily of(Category category) {
        if (category == null) return null;
        return switch (category) {
            case UTILITY -> UTILITY;
            case AUTHENTICATION, AUTHENTICATION_INTERNATIONAL -> AUTHENTICATION;
            default -> null;
        };
    }
}
