package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivered outbound message that carries Meta's {@code meta_conversation_id}, with what Meta and the replay
 * made of it (input of {@link ConversationReconciler}).
 *
 * <p>How the caller fills the replay side:
 * <ul>
 *   <li>a message the replay attached to (or that opened) a conversation: that conversation's id, category and type
 *       (CBP conversations, PMP free entry point windows, CBP conversations still open after the switch);</li>
 *   <li>a PMP message priced on its own: no conversation id, its pricing category and type;</li>
 *   <li>a message the replay put nowhere (refused outside the window): all three null.</li>
 * </ul>
 * Failed messages should not be passed: Meta does not charge the conversation id of an undelivered message.
 *
 * @param messageId                the message
 * @param wabaId                   its WABA
 * @param metaConversationId       {@code meta_conversation_id} (required)
 * @param metaConversationCategory {@code meta_conversation_category} as logged (any case), or null
 * @param replayConversationId     the replay's conversation, or null
 * @param replayCategory           the replay's conversation category (or the message's pricing category), or null
 * @param replayType               the replay's conversation type (or the message's pricing type), or null
 * @param at                       the message's event time, or null when unknown (orders messages; fills the
 *                                 period columns)
 * @param model                    the pricing model of the message's outcome (CBP for a message attached to a CBP
 *                                 conversation still open after the switch); null is read as CBP
 */
public record ConversationLink(
        String messageId,
        String wabaId,
        String metaConversationId,
        String metaConversationCategory,
        String replayConversationId,
        Category replayCategory,
        ConversationType replayType,
        Instant at,
        PricingModel model) {

    public ConversationLink {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(metaConversationId, "metaConversationId");
    }

    /** A CBP message without a known time. */
    public ConversationLink(String messageId, String wabaId, String metaConversationId,
                            String metaConversationCategory, String replayConversationId, Category replayCategory,
                            ConversationType replayType) {
        this(messageId, wabaId, metaConversationId, metaConversationCategory, replayConversationId, replayCategory,
                replayType, null, null);
    }
}
