package com.wabill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.parquet.MessageLogWriter;
import com.wabill.testsupport.FastTest;

/**
 * A rough throughput check: writes a log of {@code wabill.throughput.rows} rows (default 1,000,000) and reads it
 * back through the validator, printing rows per second. Nothing about speed is asserted.
 */
@FastTest
class ReadThroughputTest {

    @TempDir
    Path dir;

    @Test
    void readsAMillionRows() throws Exception {
        int n = Integer.getInteger("wabill.throughput.rows", 1_000_000);
        String f = dir.resolve("big.parquet").toString();
        Instant t0 = Instant.parse("2025-03-01T00:00:00Z");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long w0 = System.nanoTime();
        long wc0 = threads.getCurrentThreadCpuTime();
        try (MessageLogWriter w = MessageLogWriter.builder(f).build()) {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < n; i++) {
                boolean inbound = i % 3 == 0;
                boolean template = !inbound && i % 2 == 0;
                m.put("message_id", "wamid.HBgLNTUxMTk4NzY1MDAwMRUCABIYFDNBMDU" + i);
                m.put("waba_id", "10" + (i % 20));
                m.put("phone_number_id", "1065" + (i % 40));
                m.put("business_phone_number", "1555000" + (1000 + i % 40));
                m.put("contact_wa_id", "55119" + (10_000_000 + i % 200_000));
                m.put("direction", inbound ? "INBOUND" : "OUTBOUND");
                Instant sent = t0.plusMillis(i * 37L);
                m.put("sent_at", sent);
                m.put("delivered_at", inbound ? null : sent.plusMillis(800));
                m.put("status", inbound ? "RECEIVED" : "DELIVERED");
                m.put("message_type", template ? "TEMPLATE" : "TEXT");
                m.put("template_name", template ? "tpl_" + (i % 30) : null);
                m.put("template_category", template ? (i % 4 == 0 ? "MARKETING" : "UTILITY") : null);
                m.put("referral_source_type", inbound && i % 50 == 0 ? "AD" : null);
                m.put("meta_conversation_id", inbound ? null : "c" + (i / 5));
                m.put("meta_conversation_category", inbound ? null : "marketing");
                m.put("meta_billable", inbound ? null : Boolean.TRUE);
                m.put("meta_pricing_model", inbound ? null : "CBP");
                w.write(m);
            }
        }
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        double writeCpuSeconds = (threads.getCurrentThreadCpuTime() - wc0) / 1e9;

        // wall time depends on what else the machine runs; the reading thread's CPU time less so
        long accepted = 0;
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            accepted = 0;
            long c0 = threads.getCurrentThreadCpuTime();
            long r0 = System.nanoTime();
            try (MessageLogReader r = MessageLogReader.open(f)) {
                RowResult x;
                while ((x = r.next()) != null) {
                    if (x instanceof LogRow) {
                        accepted++;
                    }
                }
            }
            best = Math.min(best, System.nanoTime() - r0);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
        }
        double readSeconds = best / 1e9;
        double cpuSeconds = bestCpu / 1e9;
        System.out.printf("THROUGHPUT: wrote %,d rows in %.2f s wall, %.2f s CPU (%,d bytes); read and validated them in %.2f s"
                + " wall (%,.0f rows/s), %.2f s CPU (%,.0f rows/s per core); load average %.1f%n",
                n, writeSeconds, writeCpuSeconds, Files.size(Path.of(f)), readSeconds, n / readSeconds, cpuSeconds,
                n / cpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(accepted).isEqualTo(n);
    }
}
