package com.wabill.replay;

import java.time.Instant;
import java.time.LocalDate;

import com.wabill.engine.Decision;
import com.wabill.engine.ThreadState;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;

/** Where a replay's results go: the ledger, the output files, the carried state. */
public interface ReplaySink {

    /** Every accepted message of the billed range, with its decision and, under PMP, its pricing. */
    void outcome(AcceptedMessage message, Decision decision, PricedMessage pricing) throws Exception;

    /** A conversation opened in the billed range, with its final closed_at as far as this run knows. */
    void conversation(PricedConversation conversation) throws Exception;

    /** A conversation opened before the billed range that a free entry point conversation closed early. */
    void closedEarlier(String conversationId, Instant closedAt) throws Exception;

    /**
     * The state a thread carries out of {@code day}, one of the billed days, into the next (only when something is
     * still open then): every billed day's, so that any day can be billed again from the true state of the day
     * before it.
     */
    void carriedState(LocalDate day, String phoneNumberId, String contactWaId, ThreadState state) throws Exception;
}
