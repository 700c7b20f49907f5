package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.wabill.engine.Category.*;
import static com.wabill.engine.ConversationType.*;
import static com.wabill.reconciliation.ReplayItem.Kind.CONVERSATION;
import static com.wabill.reconciliation.ReplayItem.Kind.MESSAGE;

/** A small replay ledger: two WABAs, two phone numbers, CBP (March 2024) and PMP (July 2025). */
final class Fixtures {

    static final String WABA_1 = "waba-1"; // São Paulo, USD
    static final String WABA_2 = "waba-2"; // Kolkata, INR
    static final String PHONE_A = "+55 11 5555-0001"; // as the logs may write it
    static final String PHONE_A_DIGITS = "551155550001";
    static final String PHONE_B = "5511555500002";
    static final String PHONE_C = "919800000001";

    static final Map<String, ZoneId> ZONE_MAP = Map.of(
            WABA_1, ZoneId.of("America/Sao_Paulo"),
            WABA_2, ZoneId.of("Asia/Kolkata"));
    static final Function<String, ZoneId> ZONES = w -> ZONE_MAP.getOrDefault(w, ZoneOffset.UTC);

    private Fixtures() {
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Instant t(String s) {
        return Instant.parse(s);
    }

    /** The replay's items: CBP conversations on 2024-03-04..08 and PMP messages on 2025-07-07..09 (local days). */
    static List<ReplayItem> ledger() {
        List<ReplayItem> items = new ArrayList<>();
        int n = 0;
        // waba-1, CBP, local days 2024-03-04..2024-03-08 (São Paulo is UTC-3 in March)
        for (int day = 0; day < 5; day++) {
            Instant localMidnight = t("2024-03-04T03:00:00Z").plus(Duration.ofDays(day));
            // at 00:30 local (03:30Z), 12:00 local and 23:30 local (02:30Z next UTC day)
            Instant[] times = {localMidnight.plusSeconds(1800), localMidnight.plusSeconds(12 * 3600),
                    localMidnight.plusSeconds(23 * 3600 + 1800)};
            for (Instant at : times) {
                items.add(conv(++n, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, at, "0.0625", "USD"));
                items.add(conv(++n, WABA_1, PHONE_B, "BR", UTILITY, REGULAR, at.plusSeconds(60), "0.0080", "USD"));
                items.add(conv(++n, WABA_1, PHONE_A, "US", SERVICE, FREE_TIER, at.plusSeconds(120), "0", "USD"));
            }
            items.add(conv(++n, WABA_1, PHONE_B, "BR", REFERRAL_CONVERSION, FREE_ENTRY_POINT,
                    localMidnight.plusSeconds(5 * 3600), "0", "USD"));
            items.add(conv(++n, WABA_1, PHONE_A, "BR", AUTHENTICATION, REGULAR,
                    localMidnight.plusSeconds(6 * 3600), "0.0315", "USD"));
        }
        // waba-2, CBP, Kolkata (UTC+5:30), INR
        for (int day = 0; day < 3; day++) {
            Instant localMidnight = t("2024-03-04T18:30:00Z").plus(Duration.ofDays(day));
            items.add(conv(++n, WABA_2, PHONE_C, "IN", MARKETING, REGULAR, localMidnight.plusSeconds(600), "0.7265", "INR"));
            items.add(conv(++n, WABA_2, PHONE_C, "IN", MARKETING, REGULAR, localMidnight.plusSeconds(7200), "0.7265", "INR"));
            items.add(conv(++n, WABA_2, PHONE_C, "IN", UTILITY, REGULAR, localMidnight.plusSeconds(9000), "0.1150", "INR"));
        }
        // waba-1, PMP messages, local days 2025-07-07..2025-07-09 (UTC-3)
        for (int day = 0; day < 3; day++) {
            Instant localMidnight = t("2025-07-07T03:00:00Z").plus(Duration.ofDays(day));
            for (int k = 0; k < 4; k++) {
                Instant at = localMidnight.plusSeconds(3600L * (1 + 5 * k));
                items.add(msg(++n, WABA_1, PHONE_A, "BR", MARKETING, REGULAR, at, "0.0625", "USD"));
                items.add(msg(++n, WABA_1, PHONE_A, "BR", UTILITY, FREE_CUSTOMER_SERVICE, at.plusSeconds(30), "0", "USD"));
                items.add(msg(++n, WABA_1, PHONE_B, "BR", SERVICE, FREE_CUSTOMER_SERVICE, at.plusSeconds(60), "0", "USD"));
            }
            items.add(msg(++n, WABA_1, PHONE_B, "MX", AUTHENTICATION, REGULAR, localMidnight.plusSeconds(7000), "0.0239", "USD"));
            items.add(msg(++n, WABA_1, PHONE_B, "BR", REFERRAL_CONVERSION, FREE_ENTRY_POINT, localMidnight.plusSeconds(8000), "0", "USD"));
        }
        return items;
    }

    static ReplayItem conv(int n, String waba, String phone, String country, Category c, ConversationType type,
                           Instant at, String amount, String currency) {
        return new ReplayItem(CONVERSATION, "conv-m" + n, waba, phone, country, c, type, at, d(amount), currency);
    }

    static ReplayItem msg(int n, String waba, String phone, String country, Category c, ConversationType type,
                          Instant at, String amount, String currency) {
        return new ReplayItem(MESSAGE, "m" + n, waba, phone, country, c, type, at, d(amount), currency);
    }

    /** Our invoice totals, computed like Meta's would be. */
    static List<InvoiceTotal> ourInvoices(List<ReplayItem> items) {
        return new MetaExportWriter(ZONES).invoiceLines(items).stream()
                .map(l -> new InvoiceTotal(l.wabaId(), l.period(), l.currency(), l.amount())).toList();
    }

    /** Writes the buckets and invoice lines to {@code dir} and reconciles everything (aggregates and invoices). */
    static List<Discrepancy> reconcileThroughFiles(Path dir, List<MetaBucket> buckets, List<MetaInvoiceLine> lines,
                                                   List<ReplayItem> items) throws IOException {
        MetaExportWriter.writeJson(dir, buckets);
        MetaExportWriter.writeInvoices(dir.resolve("invoices.csv"), lines);
        MetaBillingExport export = MetaBillingExport.load(dir);
        List<Discrepancy> rows = new ArrayList<>(
                AggregateReconciler.reconcile(export.buckets(), items, ZONES, Tolerance.halfMinorUnit()));
        rows.addAll(new InvoiceReconciler(ZONES).reconcile(ourInvoices(items), export.invoiceLines()));
        return rows;
    }
}
