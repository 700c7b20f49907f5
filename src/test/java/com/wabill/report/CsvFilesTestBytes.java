package com.wabill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

/** The CSV files of {@link Figures}, byte for byte as the outputs were written before (SPEC 3.2). */
public final class CsvFilesTestBytes {

    private CsvFilesTestBytes() {
    }

    /** The expected files for {@link Figures}: the ledger's values with their stored precision. */
    static final String INVOICES = """
            waba_id,period,revision,currency,conversations,messages,billable,amount,status
            waba-1,2025-03,1,USD,3,0,2,0.07,CLOSED
            waba-1,2025-03,2,USD,4,0,3,0.13,CLOSED
            waba-2,2025-03,1,BRL,1,0,0,0,OPEN
            """;
    static final String INVOICE_LINES = """
            waba_id,period,revision,pricing_model,category,type,market,currency,rate,quantity,amount
            waba-1,2025-03,1,CBP,MARKETING,REGULAR,Brazil,USD,0.0625,1,0.0625
            waba-1,2025-03,1,CBP,UTILITY,REGULAR,Brazil,USD,0.0080,1,0.0080
            waba-1,2025-03,1,CBP,SERVICE,REGULAR,Brazil,USD,,1,0
            waba-1,2025-03,2,CBP,MARKETING,REGULAR,Brazil,USD,0.0625,2,0.1250
            waba-1,2025-03,2,CBP,UTILITY,REGULAR,Brazil,USD,0.0080,1,0.0080
            waba-1,2025-03,2,CBP,SERVICE,REGULAR,Brazil,USD,,1,0
            waba-2,2025-03,1,CBP,SERVICE,REGULAR,Other,BRL,,1,0
            """;
    static final String PAYMENTS = """
            waba_id,period,currency,charged_at,amount,reason
            waba-1,2025-03,USD,2025-03-15T12:30:00.123456Z,0.05,THRESHOLD
            waba-1,2025-03,USD,2025-04-01T03:00:00Z,0.08,MONTH_END
            """;

    /** Checks the four files in {@code out} against what {@link Figures} and no rejected row give. */
    public static void assertFilesOfTheFigures(Path out) throws Exception {
        assertEquals(INVOICES, Files.readString(out.resolve("invoices.csv")));
        assertEquals(INVOICE_LINES, Files.readString(out.resolve("invoice_lines.csv")));
        assertEquals(PAYMENTS, Files.readString(out.resolve("payments.csv")));
        assertEquals("source,row,message_id,reason\n", Files.readString(out.resolve("rejected_rows.csv")));
    }

}
