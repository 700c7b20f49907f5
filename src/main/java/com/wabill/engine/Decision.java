package com.wabill.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine decided for one message. CBP charges sit on the opened conversation; only PMP
 * rule 7 charges a message itself ({@link #charged}).
 *
 * @param outcome         the outcome (SPEC 2.3, 2.4, 2.9)
 * @param flags           sorted alphabetically, never null (SPEC 2.5)
 * @param conversationId  the conversation or free entry point window the message is attached to or
 *                        opened; null for inbound, refused and failed messages and for PMP messages
 *                        in no conversation or window
 * @param opened          the conversation this message opened, or null
 * @param closedEarly     conversations the free entry point conversation opened by this message closes
 *                        at its event time (SPEC 2.4.3); they may come from an earlier run
 * @param pricingModel    the model the message is priced under: its own, except CBP for a PMP-era
 *                        message carried by a conversation opened under CBP (SPEC 2.9.4)
 * @param pricingCategory PMP-priced messages: the pricing category (SPEC 2.9 rules 2, 3, 5, 6, 7), else null
 * @param pricingType     PMP-priced messages: the pricing type, else null
 * @param charged         PMP rule 7: the message carries its own charge
 */
public record Decision(
        Outcome outcome,
        List<Flag> flags,
        String conversationId,
        Conversation opened,
        List<ClosedEarly> closedEarly,
        PricingModel pricingModel,
        Category pricingCategory,
        ConversationType pricingType,
        boolean charged) {

    /** A conversation that a free entry point conversation ended before its scheduled end. */
    public record ClosedEarly(String conversationId, Instant closedAt) {
        public ClosedEarly {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(closedAt, "closedAt");
        }
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(closedEarly, "closedEarly");
        Objects.requireNonNull(pricingModel, "pricingModel");
    }

    public boolean hasFlag(Flag flag) {
        return flags.contains(flag);
    }

    /** The flags as written in the outputs: alphabetical, separated by {@code ;}; empty when none. */
    public String flagsText() {
        return Flags.text(flags);
    }
}
