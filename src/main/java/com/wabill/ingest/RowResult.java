package com.wabill.ingest;

/** What one row of a message log gives: an accepted {@link LogRow} or a {@link RowRejection}. */
public sealed interface RowResult permits LogRow, RowRejection {

    /** The file the row comes from, as given. */
    String source();

    /** The row's number in its file (data rows counted from 1). */
    long rowNumber();

    /** The row's message_id, or null when it had none. */
    String messageId();
}
