package com.wabill.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.parquet.ParquetTableReader;

/**
 * Everything a billing run leaves behind, as sorted text: ledger tables (without run ids and timestamps of
 * writing), invoices, payments, and the rows of every Parquet output file. Two runs agree when their snapshots do.
 */
record LedgerSnapshot(Map<String, List<String>> tables) {

    static LedgerSnapshot take(JdbcTemplate jdbc, Path output) throws IOException {
        Map<String, List<String>> t = new TreeMap<>();
        t.put("conversation", rows(jdbc, "select conversation_id, waba_id, phone_number_id, contact_wa_id,"
                + " business_phone_number, category, type, opened_at, scheduled_end, closed_at, opening_message_id,"
                + " country, market, currency, rate, amount, pricing_model, day, local_month from conversation"));
        t.put("priced_message", rows(jdbc, "select message_id, waba_id, portfolio_id, phone_number_id, contact_wa_id,"
                + " conversation_id, outcome, pricing_category, pricing_type, event_time, country, market, currency,"
                + " rate, amount, day, local_month, meta_pricing_category, meta_pricing_type, month_position"
                + " from priced_message"));
        t.put("invoice", rows(jdbc, "select waba_id, period, revision, currency, conversations, messages, billable,"
                + " amount, unrounded_amount, status from invoice"));
        t.put("invoice_line", rows(jdbc, "select * from invoice_line"));
        t.put("payment", rows(jdbc, "select * from payment"));
        t.put("carried_state", rows(jdbc, "select carry_day, phone_number_id, contact_wa_id, encode(state, 'hex')"
                + " from thread_state where carry_day = (select max(carry_day) from thread_state)"));
        for (String table : List.of("conversations", "message_outcomes")) {
            List<String> lines = new ArrayList<>();
            Path dir = output.resolve(table);
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                        String partition = dir.relativize(p.getParent()).toString();
                        for (Map<String, Object> row : ParquetTableReader.readAll(p.toString())) {
                            lines.add(partition + " " + new TreeMap<>(row));
                        }
                    }
                }
            }
            lines.sort(null);
            t.put(table + "/", lines);
        }
        return new LedgerSnapshot(t);
    }

    private static List<String> rows(JdbcTemplate jdbc, String sql) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(sql)) out.add(row.values().toString());
        out.sort(null);
        return out;
    }

    /** What differs from {@code other}, table by table: rows only here (-) and rows only there (+). */
    String diff(LedgerSnapshot other) {
        StringBuilder out = new StringBuilder();
        for (String table : tables.keySet()) {
            List<String> mine = new ArrayList<>(tables.get(table));
            List<String> theirs = new ArrayList<>(other.tables.getOrDefault(table, List.of()));
            List<String> onlyMine = new ArrayList<>(mine);
            theirs.forEach(onlyMine::remove);
            List<String> onlyTheirs = new ArrayList<>(theirs);
            mine.forEach(onlyTheirs::remove);
            if (onlyMine.isEmpty() && onlyTheirs.isEmpty()) continue;
            out.append(table).append(":\n");
            onlyMine.stream().limit(10).forEach(r -> out.append("  - ").append(r).append('\n'));
            onlyTheirs.stream().limit(10).forEach(r -> out.append("  + ").append(r).append('\n'));
        }
        return out.toString();
    }

    int size(String table) {
        return tables.get(table).size();
    }
}
