package com.wabill.invoicing;

/** What a charge is for: a conversation (CBP, or a PMP free entry point window) or a message (PMP). */
public enum ChargeKind {
    CONVERSATION,
    MESSAGE
}
