package com.wabill.rating;

import java.time.Instant;

import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;

/** Puts market, currency, rate and amount on what the engine decided (SPEC 2.7, 2.11). */
public interface Pricer {

    /** The conversation as the ledger stores it, billed to the WABA of the message that opened it. */
    PricedConversation priceConversation(Conversation conversation, String wabaId, String phoneNumberId,
                                         String businessPhoneNumber, String contactWaId);

    /** A PMP-priced message (one with a pricing category), or null for any other message. */
    PricedMessage priceMessage(String messageId, String wabaId, String phoneNumberId, String businessPhoneNumber,
                               String contactWaId, Instant eventTime, Decision decision);
}
