package com.wabill.engine;

/**
 * Conversation or pricing category (SPEC 3.2). The first three are also template categories.
 * {@code AUTHENTICATION_INTERNATIONAL} is a pricing category only (SPEC 2.11): rating gives it to an
 * authentication template or conversation; the engine never sees it and treats such a conversation as one of
 * the authentication category.
 */
public enum Category {
    MARKETING,
    UTILITY,
    AUTHENTICATION,
    AUTHENTICATION_INTERNATIONAL,
    SERVICE,
    REFERRAL_CONVERSION;

    public boolean isTemplateCategory() {
        return this == MARKETING || this == UTILITY || this == AUTHENTICATION;
    }
}
