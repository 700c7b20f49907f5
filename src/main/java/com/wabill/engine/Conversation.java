package com.wabill.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation as the ledger stores it (SPEC 2.8, 3.2): a CBP conversation, a CBP free entry point
 * conversation, or a PMP free entry point window (category REFERRAL_CONVERSION, model PMP).
 *
 * <p>The engine emits type {@code REGULAR} for charged and service conversations and
 * {@code FREE_ENTRY_POINT} for entry point ones; rating turns some service conversations into
 * {@code FREE_TIER} (SPEC 2.6). The same value is kept in {@link ThreadState} while it is open.
 *
 * @param conversationId   {@code conv-<opening message id>}, so that re-runs give the same ids
 * @param category         what it covers
 * @param type             REGULAR or FREE_ENTRY_POINT
 * @param openedAt         event time of the opening message
 * @param scheduledEnd     exclusive end (opening + 24h, or + 72h for a free entry point); the ledger's
 *                         closed_at unless a free entry point conversation closes it earlier
 * @param openingMessageId the message that opened it
 * @param model            CBP, or PMP for a PMP free entry point window
 */
public record Conversation(
        String conversationId,
        Category category,
        ConversationType type,
        Instant openedAt,
        Instant scheduledEnd,
        String openingMessageId,
        PricingModel model) {

    /** Prefix of the conversation id derived from the opening message (SPEC 2.8). */
    public static final String ID_PREFIX = "conv-";

    public Conversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(scheduledEnd, "scheduledEnd");
        Objects.requireNonNull(openingMessageId, "openingMessageId");
        Objects.requireNonNull(model, "model");
        if (!scheduledEnd.isAfter(openedAt)) {
            throw new IllegalArgumentException("conversation " + conversationId + " ends at or before it opens");
        }
    }

    /** The id a conversation opened by {@code openingMessageId} gets. */
    public static String idFor(String openingMessageId) {
        return ID_PREFIX + openingMessageId;
    }

    /** Open at {@code t}: intervals are half-open, an event exactly at the end is outside (SPEC 2.1). */
    public boolean isOpenAt(Instant t) {
        return t.isBefore(scheduledEnd);
    }

    public boolean isFreeEntryPoint() {
        return type == ConversationType.FREE_ENTRY_POINT;
    }
}
