package com.wabill.reconciliation;

/**
 * What a row of {@code discrepancies.csv} reports (SPEC 4). Declared in the order of the SPEC, which is also the
 * first key of the canonical sort of the file.
 */
public enum DiscrepancyKind {
    /** The replay has conversations or messages (or opened a conversation) that Meta does not show. */
    MISSING_AT_META,
    /** Meta shows conversations or messages (or opened a conversation) that the replay does not have. */
    MISSING_IN_LOGS,
    /** A Meta data point and the replay's items in it differ in number. */
    COUNT_MISMATCH,
    /** Same number, but the amounts differ beyond the tolerance. */
    AMOUNT_MISMATCH,
    /** Meta's conversation category and the replay's differ. */
    CATEGORY_MISMATCH,
    /** One side gave a free entry point and the other did not. */
    FREE_ENTRY_POINT_MISMATCH,
    /**
     * A delivered per-message-priced message whose pricing category or type at Meta (its status webhook's
     * {@code pricing.category} and {@code pricing.type}) differs from the replay's.
     */
    PRICING_MISMATCH,
    /** Meta used a category (or type) name that the replay does not know; it is reported, not compared. */
    UNKNOWN_META_CATEGORY,
    /** A monthly invoice total differs from Meta's invoice beyond the tolerance, or one side has none. */
    INVOICE_MISMATCH
}
