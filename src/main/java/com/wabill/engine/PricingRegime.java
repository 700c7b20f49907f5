package com.wabill.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pricing timeline (SPEC 2): which rules hold at an instant, by the WABA's local calendar, and what each
 * rule does under them. The one place that knows the dates Meta changed its pricing: the engine decides with
 * the regime of each message, the pricer and the month-position calculators of {@code rating} price with it.
 *
 * <p>Meta changes pricing only on the first day of a quarter. The next change is a new constant here, dated,
 * with what it changes, plus a scenario; the rules that read these properties follow by themselves. The
 * constants are in date order and each starts at the first instant of its date in the WABA's zone
 * ({@link LocalDate#atStartOfDay(ZoneId)}, after the gap when local midnight does not exist).
 */
public enum PricingRegime {

    /** SPEC 2.1–2.7: conversation-based pricing; the first 1,000 service conversations of a WABA's month are free (2.6). */
    CBP_2023_06(LocalDate.of(2023, 6, 1), PricingModel.CBP, true, 1000, false),
    /** SPEC 2.6: every service conversation opened from 2024-11-01 is free (type REGULAR, amount 0). */
    CBP_2024_11(LocalDate.of(2024, 11, 1), PricingModel.CBP, false, 0, false),
    /** SPEC 2.9: per-message pricing; service messages and utility templates inside the window are free. */
    PMP_2025_07(LocalDate.of(2025, 7, 1), PricingModel.PMP, false, 0, false),
    /**
     * SPEC 2.10: the first 1,000 delivered service messages of a business phone number's month are free, the
     * rest charged at the card's Service rate; a utility template inside the window is charged like any other.
     */
    PMP_2026_10(LocalDate.of(2026, 10, 1), PricingModel.PMP, true, 1000, true);

    private static final PricingRegime[] TIMELINE = values();

    private final LocalDate startsOn;
    private final PricingModel model;
    private final boolean serviceCharged;
    private final int serviceFreeTier;
    private final boolean utilityInWindowCharged;

    PricingRegime(LocalDate startsOn, PricingModel model, boolean serviceCharged, int serviceFreeTier,
                  boolean utilityInWindowCharged) {
        this.startsOn = startsOn;
        this.model = model;
        this.serviceCharged = serviceCharged;
        this.serviceFreeTier = serviceFreeTier;
        this.utilityInWindowCharged = utilityInWindowCharged;
    }

    /** First local day of the regime. */
    public LocalDate startsOn() {
        return startsOn;
    }

    /** The first instant of the regime in {@code zone}. */
    public Instant startIn(ZoneId zone) {
        return startsOn.atStartOfDay(zone).toInstant();
    }

    /** CBP (SPEC 2.4, charges on conversations) or PMP (2.9, charges on messages): the output's pricing_model. */
    public PricingModel model() {
        return model;
    }

    /**
     * Whether service is charged beyond a monthly free tier: service conversations under CBP (SPEC 2.6), delivered
     * service messages under PMP (2.10.5). When false, service is free for everyone and nothing is counted.
     */
    public boolean serviceCharged() {
        return serviceCharged;
    }

    /**
     * The monthly free tier of service (0 when {@link #serviceCharged()} is false): service conversations per WABA
     * under CBP (SPEC 2.6), delivered service messages per business phone number under PMP (2.10.5), in the
     * calendar month of the WABA's zone.
     */
    public int serviceFreeTier() {
        return serviceFreeTier;
    }

    /** The largest free tier of any regime: no position beyond it is ever free. */
    public static int maxServiceFreeTier() {
        int max = 0;
        for (PricingRegime r : TIMELINE) max = Math.max(max, r.serviceFreeTier);
        return max;
    }

    /** Whether a utility template inside the customer service window is charged (SPEC 2.10.6) or free (2.9.6). */
    public boolean utilityInWindowCharged() {
        return utilityInWindowCharged;
    }

    /** The start instants of every regime, per zone: computed once per zone instead of once per message. */
    private static final Map<ZoneId, Instant[]> STARTS = new ConcurrentHashMap<>();

    /** The regime in force at {@code at} in {@code zone}, or {@code null} before any (an error for the caller). */
    public static PricingRegime at(Instant at, ZoneId zone) {
        Objects.requireNonNull(at, "at");
        Instant[] starts = STARTS.computeIfAbsent(zone, PricingRegime::startsIn);
        for (int i = starts.length - 1; i >= 0; i--) {
            if (!at.isBefore(starts[i])) return TIMELINE[i];
        }
        return null;
    }

    /** The regime in force on a local date, or {@code null} before any. */
    public static PricingRegime on(LocalDate localDate) {
        for (int i = TIMELINE.length - 1; i >= 0; i--) {
            if (!localDate.isBefore(TIMELINE[i].startsOn)) return TIMELINE[i];
        }
        return null;
    }

    /** The first regime of a model: what a caller that knows only the model gets (see {@link ThreadMessage}). */
    public static PricingRegime firstOf(PricingModel model) {
        Objects.requireNonNull(model, "model");
        for (PricingRegime r : TIMELINE) {
            if (r.model == model) return r;
        }
        throw new IllegalArgumentException("no regime of model " + model);
    }

    private static Instant[] startsIn(ZoneId zone) {
        Instant[] starts = new Instant[TIMELINE.length];
        for (int i = 0; i < TIMELINE.length; i++) starts[i] = TIMELINE[i].startIn(zone);
        return starts;
    }
}
