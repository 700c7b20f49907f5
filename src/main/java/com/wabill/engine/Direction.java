package com.wabill.engine;

/** Who sent a message: the customer ({@code INBOUND}) or the business ({@code OUTBOUND}). */
public enum Direction {
    INBOUND,
    OUTBOUND
}
