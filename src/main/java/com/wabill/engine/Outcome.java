package com.wabill.engine;

/** What the replay decided for one accepted message (SPEC 2.3, 2.4, 2.9). */
public enum Outcome {
    INBOUND,
    FAILED_NOT_DELIVERED,
    OUTSIDE_SERVICE_WINDOW,
    FREE_ENTRY_POINT,
    OPENED_FREE_ENTRY_POINT,
    IN_OPEN_CONVERSATION,
    OPENED_CONVERSATION,
    FREE_CUSTOMER_SERVICE,
    CHARGED
}
