package com.wabill.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.wabill.parquet.MessageLogWriter;

/**
 * Seeded random message logs for job tests: a few WABAs and numbers, contacts in several markets, every kind of
 * message, deliveries that cross midnight, written as Hive partitions by the UTC day they were sent.
 */
final class RandomLogs {

    private RandomLogs() {
    }

    static final String[] CONTACT_PREFIXES = {"5511", "9198", "1212", "1809", "4930", "4791", "2547"};
    static final String[] CATEGORIES = {"MARKETING", "UTILITY", "AUTHENTICATION", "marketing", "Utility"};

    static List<Map<String, String>> generate(long seed, LocalDate firstDay, int days, int contacts, int messagesPerContactDay) {
        Random rnd = new Random(seed);
        List<Map<String, String>> rows = new ArrayList<>();
        int id = 0;
        for (int c = 0; c < contacts; c++) {
            String contact = CONTACT_PREFIXES[c % CONTACT_PREFIXES.length] + String.format("%08d", 10_000 + c);
            String waba = c % 3 == 0 ? "waba-1" : "waba-2";
            String phone = waba.equals("waba-1") ? "pn-1" : (c % 2 == 0 ? "pn-2" : "pn-3");
            for (int d = 0; d < days; d++) {
                Instant dayStart = firstDay.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
                int n = rnd.nextInt(messagesPerContactDay + 1);
                for (int k = 0; k < n; k++) {
                    Instant sent = dayStart.plusSeconds(rnd.nextInt(86_400));
                    Map<String, String> m = new HashMap<>();
                    m.put("message_id", "m" + seed + "-" + (id++));
                    m.put("waba_id", waba);
                    m.put("phone_number_id", phone);
                    m.put("business_phone_number", "1555000" + phone.substring(3));
                    m.put("contact_wa_id", contact);
                    m.put("sent_at", sent.toString());
                    int kind = rnd.nextInt(10);
                    if (kind < 3) {
                        m.put("direction", "INBOUND");
                        m.put("status", "RECEIVED");
                        m.put("message_type", "TEXT");
                        if (rnd.nextInt(6) == 0) m.put("referral_source_type", rnd.nextBoolean() ? "AD" : "post");
                    } else {
                        m.put("direction", "OUTBOUND");
                        if (kind < 7) {
                            m.put("message_type", "TEMPLATE");
                            m.put("template_category", CATEGORIES[rnd.nextInt(CATEGORIES.length)]);
                        } else {
                            m.put("message_type", rnd.nextBoolean() ? "TEXT" : "IMAGE");
                        }
                        int s = rnd.nextInt(40);
                        if (s == 0) {
                            m.put("status", "FAILED");
                        } else if (s == 1) {
                            m.put("status", "SENT");
                        } else {
                            m.put("status", s % 2 == 0 ? "DELIVERED" : "READ");
                            // some deliveries land hours later, across midnight
                            m.put("delivered_at", sent.plus(Duration.ofSeconds(rnd.nextInt(s < 5 ? 30_000 : 120))).toString());
                        }
                    }
                    rows.add(m);
                }
            }
        }
        return rows;
    }

    /** Writes the rows as {@code logs/date=YYYY-MM-DD/part-0.parquet}, one partition per UTC day of sent_at. */
    static void writePartitioned(Path logs, List<Map<String, String>> rows, LocalDate firstDay, int days) {
        Map<LocalDate, List<Map<String, String>>> byDay = new TreeMap<>();
        for (int d = 0; d < days; d++) byDay.put(firstDay.plusDays(d), new ArrayList<>());
        for (Map<String, String> r : rows) {
            byDay.computeIfAbsent(LocalDate.ofInstant(Instant.parse(r.get("sent_at")), ZoneOffset.UTC),
                    k -> new ArrayList<>()).add(r);
        }
        byDay.forEach((day, list) -> MessageLogWriter.writeAll(
                logs.resolve("date=" + day).resolve("part-0.parquet").toString(), list));
    }
}
