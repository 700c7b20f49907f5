package com.wabill.engine;

/** Flags never change a charge (SPEC 2.5). Declared in alphabetical order, the order they are written in. */
public enum Flag {
    FREQUENCY_CAP_RISK,
    NO_DELIVERY_RECEIPT,
    UNSUPPORTED_CATEGORY
}
