package com.wabill.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine decided for one message. CBP charges sit on the opened conversation; PMP rule 7 (and 2.10.6)
 * charges a message itself ({@link #charged}); a service message under 2.10.5 is charged or not by its position
 * in the month ({@link #monthPosition}), which the engine cannot see.
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
 * @param charged         PMP rule 7 (and 2.10.6): the message carries its own charge, whatever its month
 * @param monthPosition   what the message's position in its month still decides: {@link MonthPosition#NONE}, or
 *                        {@link MonthPosition#SERVICE_MESSAGE_FREE_TIER} for a service message under 2.10.5 (the
 *                        decision is then that of a free one; {@code rating.ServiceMessageFreeTier} settles it)
 * @param inWindow        a charged utility template sent while the customer service window was open, under a regime
 *                        that charges it ({@link PricingRegime#utilityInWindowCharged()}, SPEC 2.10.6): free before
 *                        2026-10-01 (2.9.6), so the outputs show it apart as the new cost it is; false otherwise
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
        boolean charged,
        MonthPosition monthPosition,
        boolean inWindow) {

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
        Objects.requireNonNull(monthPosition, "monthPosition");
        if (charged && monthPosition != MonthPosition.NONE) {
            throw new IllegalArgumentException("a message charged whatever its month has nothing left to settle");
        }
        if (inWindow && !(charged && pricingCategory == Category.UTILITY)) {
            throw new IllegalArgumentException("only a charged utility template is marked as sent in the window");
        }
    }

    /** A decision of no utility template charged inside the service window ({@code inWindow} false). */
    public Decision(Outcome outcome, List<Flag> flags, String conversationId, Conversation opened,
                    List<ClosedEarly> closedEarly, PricingModel pricingModel, Category pricingCategory,
                    ConversationType pricingType, boolean charged, MonthPosition monthPosition) {
        this(outcome, flags, conversationId, opened, closedEarly, pricingModel, pricingCategory, pricingType, charged,
                monthPosition, false);
    }

    /** Whether a month-position calculator still decides the message's charge (SPEC 2.10.5). */
    public boolean settledByMonth() {
        return monthPosition != MonthPosition.NONE;
    }

    public boolean hasFlag(Flag flag) {
        return flags.contains(flag);
    }

    /** The flags as written in the outputs: alphabetical, separated by {@code ;}; empty when none. */
    public String flagsText() {
        return Flags.text(flags);
    }
}
