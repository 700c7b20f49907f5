package com.wabill.replay;

import com.wabill.engine.Conversation;
import com.wabill.engine.Decision;
import com.wabill.ingest.AcceptedMessage;

/** Puts market, currency, rate and amount on what the engine decided (SPEC 2.7). */
public interface Pricer {

    /** The conversation as the ledger stores it; {@code opening} is the message that opened it. */
    PricedConversation priceConversation(Conversation conversation, AcceptedMessage opening);

    /** A PMP-priced message (one with a pricing category), or null for any other message. */
    PricedMessage priceMessage(AcceptedMessage message, Decision decision);
}
