package com.wabill.invoicing;

/** Why a payment was taken (SPEC 3.3). */
public enum PaymentReason {
    THRESHOLD,
    MONTH_END
}
