package com.wabill.launch;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.stereotype.Component;

import com.wabill.job.WabillProperties;
import com.wabill.ingest.LogFileDiscovery;
import com.wabill.ingest.LogRow;
import com.wabill.ingest.MessageLogReader;
import com.wabill.ledger.BilledDays;

/**
 * The days a bare {@code billing} run takes (SPEC 5): the days after the last billed one up to yesterday; the
 * first time, from the first day in the logs. After missed nights this catches up by itself.
 */
@Component
public class BillingRange {

    public record Range(LocalDate from, LocalDate to, String reason) {
    }

    private final BilledDays billedDays;
    private final WabillProperties props;

    public BillingRange(BilledDays billedDays, WabillProperties props) {
        this.billedDays = billedDays;
        this.props = props;
    }

    /** The range to bill, or null when everything up to {@code yesterday} is billed. */
    public Range nextRange(LocalDate yesterday) {
        LocalDate last = billedDays.last();
        LocalDate[] logDays = logDays();
        if (logDays == null) return null;
        LocalDate from;
        String reason;
        if (last != null) {
            from = last.plusDays(1);
            reason = "the days after the last billed day, " + last;
        } else {
            from = logDays[0];
            reason = "first run: from the first day in the logs";
        }
        // a day not exported yet is not taken for a quiet day: stop at the last day the logs have
        LocalDate to = logDays[1].isBefore(yesterday) ? logDays[1] : yesterday;
        reason += ", up to " + (to.equals(yesterday) ? "yesterday" : "the last day in the logs, " + to);
        if (from.isAfter(to)) return null;
        return new Range(from, to, reason);
    }

    /** First and last UTC day in the logs: partition days, or the sent_at days of an unpartitioned tree. */
    private LocalDate[] logDays() {
        LogFileDiscovery.Discovered all = LogFileDiscovery.discover(props.logs());
        if (all.partitionedByDay()) {
            if (all.partitionDays().isEmpty()) return null;
            List<LocalDate> days = all.partitionDays().stream().sorted().toList();
            return new LocalDate[] {days.get(0), days.get(days.size() - 1)};
        }
        LocalDate first = null;
        LocalDate lastDay = null;
        for (String file : all.files()) {
            try (MessageLogReader reader = MessageLogReader.open(file)) {
                while (reader.hasNext()) {
                    if (reader.next() instanceof LogRow row) {
                        LocalDate d = LocalDate.ofInstant(row.sentAt(), ZoneOffset.UTC);
                        if (first == null || d.isBefore(first)) first = d;
                        if (lastDay == null || d.isAfter(lastDay)) lastDay = d;
                    }
                }
            }
        }
        return first == null ? null : new LocalDate[] {first, lastDay};
    }
}
