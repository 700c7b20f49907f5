package com.wabill.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pricing model in force at an instant, by the WABA's local calendar (SPEC 2):
 * conversation-based from 2023-06-01, per-message from 2025-07-01.
 */
public enum PricingModel {
    CBP(LocalDate.of(2023, 6, 1)),
    PMP(LocalDate.of(2025, 7, 1));

    /** First local day of the model. */
    public final LocalDate startsOn;

    PricingModel(LocalDate startsOn) {
        this.startsOn = startsOn;
    }

    public Instant startIn(ZoneId zone) {
        return startsOn.atStartOfDay(zone).toInstant();
    }

    /** The instants the models start at, per zone: computed once per zone instead of once per message. */
    private static final Map<ZoneId, Instant[]> STARTS = new ConcurrentHashMap<>();

    /** The model in force at {@code at} in {@code zone}, or {@code null} before any model (an error for the caller). */
    public static PricingModel at(Instant at, ZoneId zone) {
        Instant[] starts = STARTS.computeIfAbsent(zone, z -> new Instant[] {CBP.startIn(z), PMP.startIn(z)});
        if (!at.isBefore(starts[1])) return PMP;
        if (!at.isBefore(starts[0])) return CBP;
        return null;
    }
}
