package com.wabill.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.wabill.report.LedgerFigures.Invoice;
import com.wabill.report.LedgerFigures.Line;
import com.wabill.report.LedgerFigures.Payment;

/**
 * The CSV files of SPEC 3.2 written at the end of a run, from values read before: the invoices, invoice lines and
 * payments of the months the run touched, and the rows it rejected. ({@code discrepancies.csv} is the reconcile
 * step's, {@code reconciliation.DiscrepancyCsv}.) Each file is written under a temporary name and renamed into
 * place; rows keep the order given (the ledger reads them by WABA, period, revision, line or sequence, in byte
 * order), so that a re-run writes the same bytes.
 */
public final class CsvFiles {

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
    public static final List<String> PAYMENT_HEADER = List.of("waba_id", "period", "currency", "charged_at", "amount",
            "reason");
    public static final List<String> REJECTED_HEADER = List.of("source", "row", "message_id", "reason");

    private CsvFiles() {
    }

    /** Writes the four files; returns their paths in the order above. */
    public static List<Path> writeAll(Path outputDir, List<Invoice> invoices, List<Payment> payments,
            List<RejectedRow> rejected) throws IOException {
        return List.of(writeInvoices(outputDir, invoices), writeInvoiceLines(outputDir, invoices),
                writePayments(outputDir, payments), writeRejectedRows(outputDir, rejected));
    }

    /** One row per invoice revision. */
    public static Path writeInvoices(Path outputDir, List<Invoice> invoices) throws IOException {
        return CsvWriter.write(outputDir.resolve(INVOICES), INVOICE_HEADER, csv -> {
            for (Invoice i : invoices) {
                csv.row(i.wabaId(), i.period(), i.revision(), i.currency(), i.conversations(), i.messages(),
                        i.billable(), i.amount(), i.status());
            }
        });
    }

    /** The lines of every revision, in line-number order within each. */
    public static Path writeInvoiceLines(Path outputDir, List<Invoice> invoices) throws IOException {
        return CsvWriter.write(outputDir.resolve(INVOICE_LINES), INVOICE_LINE_HEADER, csv -> {
            for (Invoice i : invoices) {
                for (Line l : i.lines()) {
                    csv.row(i.wabaId(), i.period(), i.revision(), l.pricingModel(), l.category(), l.type(),
                            l.market(), l.currency(), l.rate(), l.quantity(), l.amount());
                }
            }
        });
    }

    public static Path writePayments(Path outputDir, List<Payment> payments) throws IOException {
        return CsvWriter.write(outputDir.resolve(PAYMENTS), PAYMENT_HEADER, csv -> {
            for (Payment p : payments) csv.row(p.wabaId(), p.period(), p.currency(), p.chargedAt(), p.amount(), p.reason());
        });
    }

    /** The rows the run rejected, in the order given. */
    public static Path writeRejectedRows(Path outputDir, Iterable<RejectedRow> rows) throws IOException {
        return CsvWriter.write(outputDir.resolve(REJECTED_ROWS), REJECTED_HEADER, csv -> {
            if (rows == null) return;
            for (RejectedRow r : rows) csv.row(r.source(), r.row(), r.messageId(), r.reason());
        });
    }
}
