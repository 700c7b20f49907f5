package com.wabill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import com.wabill.invoicing.WabaMonth;
import com.wabill.ledger.Sql;

/**
 * The CSV files of SPEC 3.2 and 4, written from the ledger at the end of a run: the invoices, invoice lines and
 * payments of the months the run touched, the discrepancies of the run, and the rows it rejected. Each file is
 * written under a temporary name and renamed into place. Rows come in a fixed order (byte order of the ids, not
 * the database's collation), so that a re-run writes the same bytes.
 */
public final class LedgerCsvFiles {

    public static final String INVOICES = "invoices.csv";
    public static final String INVOICE_LINES = "invoice_lines.csv";
    public static final String PAYMENTS = "payments.csv";
    public static final String DISCREPANCIES = "discrepancies.csv";
    public static final String REJECTED_ROWS = "rejected_rows.csv";

    public static final List<String> INVOICE_HEADER = List.of(
            "waba_id", "period", "revision", "currency", "conversations", "messages", "billable", "amount", "status");
    public static final List<String> INVOICE_LINE_HEADER = List.of(
            "waba_id", "period", "revision", "pricing_model", "category", "type", "market", "currency", "rate",
            "quantity", "amount");
    public static final List<String> PAYMENT_HEADER = List.of("waba_id", "period", "charged_at", "amount", "reason");
    public static final List<String> DISCREPANCY_HEADER = List.of(
            "kind", "waba_id", "phone_number", "period_start", "period_end", "country", "category", "type",
            "expected_count", "billed_count", "expected_amount", "billed_amount", "difference", "detail");
    public static final List<String> REJECTED_HEADER = List.of("source", "row", "message_id", "reason");

    private final JdbcTemplate jdbc;

    public LedgerCsvFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes all five files; returns their paths in the order above. */
    public List<Path> writeAll(Path outputDir, Collection<WabaMonth> touched, long jobExecutionId,
                               Iterable<RejectedRow> rejected) throws IOException {
        List<Path> paths = new ArrayList<>();
        paths.add(writeInvoices(outputDir, touched));
        paths.add(writeInvoiceLines(outputDir, touched));
        paths.add(writePayments(outputDir, touched));
        paths.add(writeDiscrepancies(outputDir, jobExecutionId));
        paths.add(writeRejectedRows(outputDir, rejected));
        return paths;
    }

    /** Every revision of the touched months, by WABA, period, revision. */
    public Path writeInvoices(Path outputDir, Collection<WabaMonth> touched) throws IOException {
        return monthQuery(outputDir.resolve(INVOICES), INVOICE_HEADER, touched, """
                select i.waba_id, i.period, i.revision, i.currency, i.conversations, i.messages, i.billable,
                       i.amount, i.status
                from invoice i join %s on i.waba_id = t.waba_id and i.period = t.period
                order by i.waba_id collate "C", i.period collate "C", i.revision
                """.formatted(Sql.MONTHS));
    }

    /** The lines of every revision of the touched months, by WABA, period, revision, line number. */
    public Path writeInvoiceLines(Path outputDir, Collection<WabaMonth> touched) throws IOException {
        return monthQuery(outputDir.resolve(INVOICE_LINES), INVOICE_LINE_HEADER, touched, """
                select l.waba_id, l.period, l.revision, l.pricing_model, l.category, l.type, l.market, l.currency,
                       l.rate, l.quantity, l.amount
                from invoice_line l join %s on l.waba_id = t.waba_id and l.period = t.period
                order by l.waba_id collate "C", l.period collate "C", l.revision, l.line_no
                """.formatted(Sql.MONTHS));
    }

    /** The payments of the touched months, by WABA, period, sequence (time order). */
    public Path writePayments(Path outputDir, Collection<WabaMonth> touched) throws IOException {
        return monthQuery(outputDir.resolve(PAYMENTS), PAYMENT_HEADER, touched, """
                select p.waba_id, p.period, p.charged_at, p.amount, p.reason
                from payment p join %s on p.waba_id = t.waba_id and p.period = t.period
                order by p.waba_id collate "C", p.period collate "C", p.seq
                """.formatted(Sql.MONTHS));
    }

    /**
     * The discrepancies that the run {@code jobExecutionId} found, by WABA, bucket start, phone number, country,
     * category, type, kind. A clean reconciliation (or none) writes the header only.
     */
    public Path writeDiscrepancies(Path outputDir, long jobExecutionId) throws IOException {
        String sql = """
                select kind, waba_id, phone_number, period_start, period_end, country, category, type,
                       expected_count, billed_count, expected_amount, billed_amount, difference, detail
                from discrepancy where job_execution_id = ?
                order by waba_id collate "C" nulls first, period_start nulls first, phone_number collate "C" nulls first,
                         country collate "C" nulls first, category collate "C" nulls first, type collate "C" nulls first,
                         kind collate "C", detail collate "C" nulls first, id
                """;
        return CsvWriter.write(outputDir.resolve(DISCREPANCIES), DISCREPANCY_HEADER,
                csv -> query(csv, sql, ps -> ps.setLong(1, jobExecutionId)));
    }

    /** The rows the run rejected, in the order given. */
    public static Path writeRejectedRows(Path outputDir, Iterable<RejectedRow> rows) throws IOException {
        return CsvWriter.write(outputDir.resolve(REJECTED_ROWS), REJECTED_HEADER, csv -> {
            if (rows == null) return;
            for (RejectedRow r : rows) csv.row(r.source(), r.row(), r.messageId(), r.reason());
        });
    }

    private Path monthQuery(Path file, List<String> header, Collection<WabaMonth> touched, String sql)
            throws IOException {
        return CsvWriter.write(file, header, csv -> {
            if (touched == null || touched.isEmpty()) return;
            query(csv, sql, ps -> Sql.bindMonths(ps, 1, touched));
        });
    }

    private void query(CsvWriter csv, String sql, PreparedStatementSetter args)
            throws IOException {
        try {
            jdbc.query(sql, args, (RowCallbackHandler) rs -> {
                int n = rs.getMetaData().getColumnCount();
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) values[i] = Sql.value(rs, i + 1);
                csv.row(values);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
