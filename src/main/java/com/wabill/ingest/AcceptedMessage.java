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
        return bucketOfHash(threadHash(phoneNumberId, contactWaId), buckets);
    }

    /** The thread's hash: its bucket is the one whose range of hashes holds it ({@link #bucketOfHash}). */
    public static int threadHash(String phoneNumberId, String contactWaId) {
        return mix(phoneNumberId.hashCode() * 31 + contactWaId.hashCode());
    }

    /**
     * The bucket of a thread hash: the hashes are cut into {@code buckets} ranges in their order, so that a bucket's
     * threads are one range of an index on the hash (the ledger's carried states, read a bucket at a time).
     */
    public static int bucketOfHash(int hash, int buckets) {
        return (int) (((hash + 0x8000_0000L) * buckets) >>> 32);
    }

    /** The least thread hash of {@code bucket} (of {@code buckets}); the bucket after it starts at the next one's. */
    public static long firstHashOf(int bucket, int buckets) {
        // the least h with (h + 2^31) * buckets >= bucket * 2^32
        return -Math.floorDiv(-((long) bucket << 32), buckets) - 0x8000_0000L;
    }

    public static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
