package com.wabill.invoicing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * What changed from one revision of an invoice to the next, for the report: the changed lines
 * (unchanged lines are left out) and the changes of the counts and totals (new − old).
 *
 * @param fromRevision the old revision, or 0 when there was none
 */
public record InvoiceDifference(String wabaId, YearMonth period, int fromRevision, int toRevision,
                                long conversationsDelta, long messagesDelta, long billableDelta,
                                BigDecimal amountDelta, BigDecimal unroundedAmountDelta, List<LineDelta> lines) {

    public InvoiceDifference {
        lines = List.copyOf(lines);
    }

    /** Nothing changed (counts, totals and lines). */
    public boolean isEmpty() {
        return lines.isEmpty() && conversationsDelta == 0 && messagesDelta == 0 && billableDelta == 0
                && amountDelta.signum() == 0 && unroundedAmountDelta.signum() == 0;
    }
}
