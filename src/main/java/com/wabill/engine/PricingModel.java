package com.wabill.engine;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The pricing model, as the outputs name it (SPEC 3.2 {@code pricing_model}): conversation-based or per-message.
 * Which model holds when is {@link PricingRegime}'s business: each regime belongs to one model.
 */
public enum PricingModel {
    CBP,
    PMP;

    /** The model in force at {@code at} in {@code zone}, or {@code null} before any model (an error for the caller). */
    public static PricingModel at(Instant at, ZoneId zone) {
        PricingRegime regime = PricingRegime.at(at, zone);
        return regime == null ? null : regime.model();
    }
}
