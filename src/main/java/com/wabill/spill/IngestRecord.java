package com.wabill.spill;

import java.io.IOException;

import com.wabill.ingest.LogRow;
import com.wabill.ingest.RowRejection;

/**
 * What the ingest step reads from one Parquet row: a valid row or a rejection. Spilled by message id, so that
 * every copy of a message meets the others, whatever thread or file it came in. Encoded by {@link SpillCodec}.
 */
public record IngestRecord(int fileIndex, LogRow row, RowRejection rejection) {

    /** {@link SpillCodec#readRejection}, for the readers of the rejections file. */
    public static RowRejection readRejection(SpillInput in) throws IOException {
        return SpillCodec.readRejection(in);
    }
}
