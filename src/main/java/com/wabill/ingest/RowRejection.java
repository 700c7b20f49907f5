package com.wabill.ingest;

import java.util.Objects;

/**
 * A row kept out of the replay (SPEC 1.1), as written to {@code rejected_rows.csv}.
 *
 * @param source    the file the row comes from, as given
 * @param row       the row's number in its file (data rows counted from 1)
 * @param messageId the row's message_id, or null when it had none
 * @param reason    a {@link RejectionCode}, {@code ": "} and the detail, e.g. {@code INVALID_VALUE: direction 'SIDEWAYS'};
 *                  a row with several problems lists them all, separated by {@code "; "}, each with its code
 */
public record RowRejection(String source, long row, String messageId, String reason) implements RowResult {

    public RowRejection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    public static RowRejection of(String source, long row, String messageId, RejectionCode code, String detail) {
        return new RowRejection(source, row, messageId, code.reason(detail));
    }

    @Override
    public long rowNumber() {
        return row;
    }

    /** The code the reason starts with. */
    public RejectionCode code() {
        int colon = reason.indexOf(':');
        return RejectionCode.valueOf(colon < 0 ? reason : reason.substring(0, colon));
    }
}
