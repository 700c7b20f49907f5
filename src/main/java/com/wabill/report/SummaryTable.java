package com.wabill.report;

import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The {@link RunSummary} as plain-text tables, for the log and the console. Contacts appear only masked. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunSummary s) {
        StringBuilder out = new StringBuilder();
        out.append("wabill ").append(s.jobName() == null ? "run" : s.jobName())
                .append(s.executionId() == null ? "" : " #" + s.executionId()).append('\n');

        TextTable run = new TextTable("run", "value");
        if (s.status() != null) run.row("status", s.status());
        run.row("days (UTC)", range(s));
        run.row("mode", mode(s));
        run.row("cold start", s.coldStart() ? "yes: " + s.warmUpDays() + " warm-up day(s) replayed" : "no");
        run.row("rows read", s.rowsRead());
        run.row("accepted", s.accepted());
        run.row("rejected", s.rejected());
        run.row("merged duplicates", s.mergedDuplicates());
        run.row("messages replayed", s.messagesReplayed());
        run.row("left for a later run", s.messagesLeftForLaterRun());
        run.row("late deliveries", s.lateDeliveries());
        if (s.messagesMoved() > 0) run.row("messages moved to a later day", s.messagesMoved());
        run.row("policy violations", s.policyViolations());
        run.row("discrepancies", s.discrepancies());
        run.row("unknown WABAs", s.unknownWabas().isEmpty() ? "none" : String.join(", ", s.unknownWabas()));
        run.render(out);

        if (!s.rejectedByReason().isEmpty()) {
            TextTable t = new TextTable("rejected: reason", "rows");
            s.rejectedByReason().forEach(t::row);
            t.render(out);
        }

        if (!s.conversationsByCategoryAndType().isEmpty()) {
            TextTable t = new TextTable("conversations: category", "type", "count");
            s.conversationsByCategoryAndType().forEach((cat, byType) -> byType.forEach((type, n) -> t.row(cat, type, n)));
            t.row("total", "", s.conversationCount());
            t.render(out);
        }

        if (!s.chargedMessagesByCategory().isEmpty()) {
            TextTable t = new TextTable("charged messages: category", "count");
            s.chargedMessagesByCategory().forEach(t::row);
            t.render(out);
        }

        if (!s.chargesByWaba().isEmpty()) {
            TextTable t = new TextTable("charges: WABA", "currency", "amount");
            for (RunSummary.WabaCharge c : s.chargesByWaba()) t.row(c.wabaId(), c.currency(), c.amount());
            for (Map.Entry<String, java.math.BigDecimal> e : s.chargeTotalsByCurrency().entrySet()) {
                t.row("total", e.getKey(), e.getValue());
            }
            t.render(out);
        }

        if (!s.policyViolationExamples().isEmpty()) {
            TextTable t = new TextTable("policy violation: message", "WABA", "contact", "time");
            for (RunSummary.PolicyViolation v : s.policyViolationExamples()) {
                t.row(v.messageId(), v.wabaId(), v.contact(), v.time());
            }
            t.render(out);
            if (s.policyViolations() > s.policyViolationExamples().size()) {
                out.append("  ... and ").append(s.policyViolations() - s.policyViolationExamples().size())
                        .append(" more\n");
            }
        }

        if (!s.stepMillis().isEmpty()) {
            TextTable t = new TextTable("step", "ms");
            s.stepMillis().forEach(t::row);
            t.render(out);
        }

        if (!s.outputFiles().isEmpty()) {
            TextTable t = new TextTable("output files");
            s.outputFiles().forEach(t::row);
            t.render(out);
        }

        if (!s.warnings().isEmpty()) {
            out.append("WARNINGS\n");
            for (String w : s.warnings()) out.append("  ! ").append(w).append('\n');
        }
        if (s.failure() != null) out.append(s.status() == null ? "FAILED" : s.status()).append(": ").append(s.failure()).append('\n');
        return out.toString();
    }

    static String range(RunSummary s) {
        if (s.fromDay() == null || s.toDay() == null) {
            return "reconcile".equals(s.jobName()) ? "the months of Meta's export" : "none (nothing to bill)";
        }
        long days = ChronoUnit.DAYS.between(s.fromDay(), s.toDay()) + 1;
        return s.fromDay() + " .. " + s.toDay() + " (" + days + (days == 1 ? " day)" : " days)");
    }

    static String mode(RunSummary s) {
        String m = s.mode() == null ? "" : switch (s.mode()) {
            case EXPLICIT_RANGE -> "explicit range";
            case CATCH_UP -> "automatic catch-up";
        };
        if (s.modeReason() == null || s.modeReason().isBlank()) return m;
        return m.isEmpty() ? s.modeReason() : m + ": " + s.modeReason();
    }
}
