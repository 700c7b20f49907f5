package com.wabill.engine;

/** Conversation or pricing category (SPEC 3.2). The first three are also template categories. */
public enum Category {
    MARKETING,
    UTILITY,
    AUTHENTICATION,
    SERVICE,
    REFERRAL_CONVERSION;

    public boolean isTemplateCategory() {
        return this == MARKETING || this == UTILITY || this == AUTHENTICATION;
    }
}
