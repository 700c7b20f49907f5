package com.wabill.ingest;

import java.time.Instant;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.engine.ThreadMessage;

/**
 * A validated, de-duplicated message on its way to the replay: what the engine needs, plus what the outputs and
 * the reconciliation carry along. {@code regime} is the pricing regime in force at the event time in the WABA's zone
 * (SPEC 2: each message follows the rules of its own instant). {@code warmup} marks messages replayed only to rebuild state (SPEC 2.8).
 */
public record AcceptedMessage(
        String messageId,
        String wabaId,
        String phoneNumberId,
        String businessPhoneNumber,
        String contactWaId,
        Direction direction,
        Instant sentAt,
        Instant deliveredAt,
        Instant eventTime,
        DeliveryStatus status,
        boolean template,
        Category templateCategory,
        boolean entryPointReferral,
        String metaConversationId,
        String metaConversationCategory,
        Boolean metaBillable,
        String metaPricingModel,
        String metaPricingCategory,
        String metaPricingType,
        PricingRegime regime,
        boolean warmup) {

    public ThreadMessage toThreadMessage() {
        return new ThreadMessage(messageId, direction, eventTime, template, templateCategory, entryPointReferral,
                status, deliveredAt != null, regime);
    }

    /** The pricing model of the regime in force at the event time in the WABA's zone. */
    public PricingModel model() {
        return regime.model();
    }

    /** Stable bucket of the thread (phone_number_id, contact): the same on every run and every machine. */
    public static int threadBucket(String phoneNumberId, String contactWaId, int buckets) {
        int h = phoneNumberId.hashCode() * 31 + contactWaId.hashCode();
        return Math.floorMod(mix(h), buckets);
    }

    public static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
