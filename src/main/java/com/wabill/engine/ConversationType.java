package com.wabill.engine;

/** Conversation or pricing type (SPEC 3.2). */
public enum ConversationType {
    REGULAR,
    FREE_TIER,
    FREE_ENTRY_POINT,
    FREE_CUSTOMER_SERVICE
}
