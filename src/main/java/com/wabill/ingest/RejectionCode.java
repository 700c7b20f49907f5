package com.wabill.ingest;

/** The code a rejection reason starts with (SPEC 1.1). */
public enum RejectionCode {
    /** A required value is absent (null or blank). */
    MISSING_VALUE,
    /** A value that is not one the column allows. */
    INVALID_VALUE,
    /** A template without a template_category. */
    MISSING_CATEGORY,
    /** Copies of one message_id that differ in more than status, delivered_at and meta_*. */
    CONFLICTING_DUPLICATE;

    /** The reason text: the code, {@code ": "}, the detail. */
    public String reason(String detail) {
        return name() + ": " + detail;
    }
}
