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

import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;

/**
 * Everything a billing run leaves, for comparing an interrupted run with an uninterrupted one: the ledger and the
 * Parquet outputs ({@link LedgerSnapshot}), the other tables a run writes (billed days, carried state of every day,
 * conversation links), the name of every file under the output directory (leftovers included), the content of
 * every CSV and invoice page (without the time it was issued and the execution that wrote it), and the summary's
 * counts (without execution id and step times). {@code report.html} names the execution and its step times, so only
 * its presence is compared.
 */
record RunSnapshot(Map<String, List<String>> parts) {

    static RunSnapshot take(JdbcTemplate jdbc, Path output) throws IOException {
        Map<String, List<String>> t = new TreeMap<>(LedgerSnapshot.take(jdbc, output).tables());
        t.put("billed_day", rows(jdbc, "select day from billed_day"));
        t.put("carry_point", rows(jdbc, "select carry_day, threads, digest from carry_point"));
        t.put("thread_state (all days)", rows(jdbc, "select carry_day, phone_number_id, contact_wa_id, bucket_hash,"
                + " encode(state, 'hex') from thread_state"));
        t.put("conversation_link", rows(jdbc, "select message_id, waba_id, meta_conversation_id,"
                + " meta_conversation_category, conversation_id, outcome, event_time, pricing_model, day"
                + " from meta_conversation_link"));
        List<String> names = new ArrayList<>();
        String root = output.toAbsolutePath().getParent().toString();
        if (Files.exists(output)) {
            try (Stream<Path> s = Files.walk(output)) {
                for (Path p : s.sorted().toList()) {
                    if (p.equals(output)) continue;
                    String rel = output.relativize(p).toString();
                    names.add(rel + (Files.isDirectory(p) ? "/" : ""));
                    String n = p.getFileName().toString();
                    // rejected rows name their files by path: the installation's folder is left out
                    if (Files.isRegularFile(p) && n.endsWith(".csv")) {
                        t.put("file " + rel, Files.readAllLines(p).stream().map(l -> l.replace(root, "<root>")).toList());
                    }
                    if (Files.isRegularFile(p) && n.endsWith(".html") && !n.equals("report.html")) {
                        // an invoice page names when its invoice was issued and the run that wrote it
                        t.put("file " + rel, Files.readAllLines(p).stream()
                                .filter(l -> !l.contains("<th>Issued</th>") && !l.contains("(job execution ")).toList());
                    }
                }
            }
        }
        t.put("files under the output directory", names);
        Path summary = output.resolve(SummaryJson.FILE);
        if (Files.exists(summary)) {
            RunSummary s = SummaryJson.read(summary);
            t.put("summary.json", List.of(
                    "range " + s.fromDay() + ".." + s.toDay() + " coldStart " + s.coldStart(),
                    "rowsRead " + s.rowsRead() + " accepted " + s.accepted() + " rejected " + s.rejected()
                            + " merged " + s.mergedDuplicates() + " byReason " + s.rejectedByReason(),
                    "replayed " + s.messagesReplayed() + " leftForLater " + s.messagesLeftForLaterRun()
                            + " late " + s.lateDeliveries(),
                    "conversations " + s.conversationsByCategoryAndType(),
                    "charged " + s.chargedMessagesByCategory() + " " + s.chargesByWaba(),
                    "unknownWabas " + s.unknownWabas() + " policy " + s.policyViolations() + " "
                            + s.policyViolationExamples(),
                    "warnings " + s.warnings(),
                    "outputFiles " + s.outputFiles().stream()
                            .map(f -> output.toAbsolutePath().relativize(Path.of(f).toAbsolutePath()).toString()).toList()));
        }
        return new RunSnapshot(t);
    }

    private static List<String> rows(JdbcTemplate jdbc, String sql) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(sql)) out.add(row.values().toString());
        out.sort(null);
        return out;
    }

    /** What differs from {@code other}, part by part: lines only here (-) and only there (+); empty when equal. */
    String diff(RunSnapshot other) {
        return new LedgerSnapshot(parts).diff(new LedgerSnapshot(other.parts));
    }

    /** The parts both have, compared; for runs whose per-run files (summary, rejected rows) legitimately differ. */
    RunSnapshot only(java.util.function.Predicate<String> keep) {
        Map<String, List<String>> t = new TreeMap<>();
        parts.forEach((k, v) -> {
            if (keep.test(k)) t.put(k, v);
        });
        return new RunSnapshot(t);
    }

    int size(String part) {
        return parts.getOrDefault(part, List.of()).size();
    }
}
