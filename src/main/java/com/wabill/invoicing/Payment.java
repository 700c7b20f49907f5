package com.wabill.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;

/** A charge to the WABA's payment method (SPEC 3.3); {@code amount} is in the currency's minor unit and above zero. */
public record Payment(String wabaId, YearMonth period, Instant chargedAt, BigDecimal amount, PaymentReason reason) {
    public Payment {
        Objects.requireNonNull(wabaId);
        Objects.requireNonNull(period);
        Objects.requireNonNull(chargedAt);
        Objects.requireNonNull(amount);
        Objects.requireNonNull(reason);
        if (amount.signum() <= 0) throw new IllegalArgumentException("payments are above zero, found " + amount);
    }
}
