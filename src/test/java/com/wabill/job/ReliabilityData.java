package com.wabill.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * An installation for the reliability tests: the scenario reference files and seeded random logs for some days,
 * partitioned by day, with what real exports have besides good rows: webhook retries (exact copies), status updates
 * (copies with a later status), conflicting copies, bad rows, contacts written with {@code +} and spaces, and an
 * unknown WABA.
 */
final class ReliabilityData {

    private ReliabilityData() {
    }

    /** What was written: the number of rows and every contact number (for checks that none is printed whole). */
    record Written(long rows, Set<String> contacts) {
    }

    static Written write(Path root, long seed, LocalDate first, int days, int contacts) throws IOException {
        return write(root, root.resolve("logs"), seed, first, days, contacts);
    }

    /** Writes the reference files under {@code root/ref} and the logs of {@code days} days from {@code first} into {@code logs}. */
    static Written write(Path root, Path logs, long seed, LocalDate first, int days, int contacts) throws IOException {
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/reference"), root);
        List<Map<String, String>> rows = new ArrayList<>(RandomLogs.generate(seed, first, days, contacts, 10));
        Random rnd = new Random(seed * 31 + 7);
        List<Map<String, String>> extra = new ArrayList<>();
        for (Map<String, String> r : rows) {
            int k = rnd.nextInt(200);
            if (k < 4) {
                extra.add(new HashMap<>(r)); // a webhook retry
            } else if (k < 7 && "OUTBOUND".equals(r.get("direction")) && !"FAILED".equals(r.get("status"))) {
                Map<String, String> update = new HashMap<>(r); // a later status of the same message
                update.put("status", "read");
                update.putIfAbsent("delivered_at", Instant.parse(r.get("sent_at")).plusSeconds(30).toString());
                extra.add(update);
            } else if (k == 7) {
                Map<String, String> conflict = new HashMap<>(r); // the same id, another message
                conflict.put("message_type", "TEMPLATE".equals(r.get("message_type")) ? "TEXT" : "TEMPLATE");
                conflict.put("template_category", "UTILITY");
                extra.add(conflict);
            } else if (k == 8) {
                r.put("direction", "SIDEWAYS");
            } else if (k == 9) {
                r.remove("contact_wa_id");
            } else if (k == 10) {
                String c = r.get("contact_wa_id");
                r.put("contact_wa_id", "+" + c.substring(0, 2) + " " + c.substring(2, 6) + "-" + c.substring(6));
            } else if (k == 11) {
                r.put("waba_id", "waba-unknown");
            }
        }
        rows.addAll(extra);
        RandomLogs.writePartitioned(logs, rows, first, days);
        Set<String> numbers = new TreeSet<>();
        for (Map<String, String> r : rows) {
            String c = r.get("contact_wa_id");
            if (c != null) numbers.add(c.replaceAll("[^0-9]", ""));
        }
        return new Written(rows.size(), numbers);
    }
}
