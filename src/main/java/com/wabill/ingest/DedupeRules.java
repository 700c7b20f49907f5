package com.wabill.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.wabill.engine.PricingRegime;

/**
 * What de-duplication decides for the messages of one message-id bucket (SPEC 1.1, 2.1, 2.8), pure: the caller
 * reads the rows and groups the copies of each message; this says what becomes of them and counts it.
 *
 * <ol>
 *   <li>A copy whose sent_at or delivered_at lies after the run was planned, beyond {@link #FUTURE_TOLERANCE}, is
 *       rejected ({@code INVALID_VALUE}) before the copies are merged: such a time is a broken clock or a corrupt
 *       value, and left for a later run it would silently never be billed.</li>
 *   <li>The copies of a message are merged by {@link DuplicateMerger}; conflicting copies are all rejected.</li>
 *   <li>The merged message's event time ({@link LogRow#eventTime()}) routes it: before the warm-up (or the range,
 *       without warm-up) it is not replayed; from the end of the range on, it is left for a later run (a late
 *       delivery when delivered more than the lookback after it was sent: a later daily run never reads its
 *       partition); before the range, it only rebuilds state (warm-up); else it is billed.</li>
 *   <li>The pricing model in force at the event time in the WABA's zone goes with it. A billed message before any
 *       model is an error (the run fails, naming the first few by message id); a warm-up message before any model is
 *       not replayed.</li>
 * </ol>
 * The {@link #counters} count what happened; a counter that was added to is reported, 0 too.
 */
public final class DedupeRules {

    /** How far after the start of the run a log time may lie (clocks of exporters and of this machine differ). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);
    /** How many messages without a pricing model the error names. */
    static final int BEFORE_MODEL_EXAMPLES = 5;

    /** What the bucket's messages and copies came to. */
    public enum Counter {
        REJECTED("rejected"),
        MERGED_COPIES("mergedCopies"),
        ACCEPTED("accepted"),
        BEFORE_RANGE("beforeRange"),
        LEFT_FOR_LATER("leftForLater"),
        LATE_DELIVERIES("lateDeliveries"),
        BEFORE_MODEL("beforeModel"),
        WARMUP_MESSAGES("warmupMessages"),
        REPLAYED("replayed");

        /** The counter's name in the run's counters. */
        public final String key;

        Counter(String key) {
            this.key = key;
        }
    }

    /**
     * The times a run routes by.
     *
     * @param plannedAt   when the run was planned; null: no time is taken for one in the future (plans of old versions)
     * @param warmupStart first instant replayed (to rebuild state when warming up; else {@code replayStart})
     * @param replayStart first instant billed
     * @param replayEnd   first instant after the billed range
     * @param lookback    how many days of partitions before its range a daily run reads
     */
    public record Window(Instant plannedAt, Instant warmupStart, Instant replayStart, Instant replayEnd,
            Duration lookback) {
    }

    /** What became of one message. */
    public sealed interface Verdict permits Replay, Rejected, NotReplayed {
    }

    /** Replayed: billed, or a warm-up message ({@link AcceptedMessage#warmup()}). */
    public record Replay(AcceptedMessage message) implements Verdict {
    }

    /** Its copies conflict: every copy is rejected. */
    public record Rejected(List<RowRejection> rejections) implements Verdict {
    }

    /** Accepted, but not replayed by this run; {@code why} is the counter it went to. */
    public record NotReplayed(Counter why) implements Verdict {
    }

    private final Window window;
    private final Function<String, ZoneId> zoneOfWaba;
    /** Zones looked up once per WABA (rows come in hash order, and the lookup may be slow). */
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Instant latest;
    private final long[] counts = new long[Counter.values().length];
    private final boolean[] added = new boolean[Counter.values().length];
    /** The first few messages without a pricing model, by message id. */
    private final TreeMap<String, String> beforeModel = new TreeMap<>();

    public DedupeRules(Window window, Function<String, ZoneId> zoneOfWaba) {
        this.window = window;
        this.zoneOfWaba = zoneOfWaba;
        this.latest = window.plannedAt() == null ? null : window.plannedAt().plus(FUTURE_TOLERANCE);
    }

    /** The rejection of a copy whose time is in the future, or null (then it goes on to be merged). */
    public RowRejection rejectIfFuture(LogRow copy) {
        if (latest == null) return null;
        String why = futureTime(copy);
        if (why == null) return null;
        add(Counter.REJECTED, 1);
        return RowRejection.of(copy.source(), copy.rowNumber(), copy.messageId(), RejectionCode.INVALID_VALUE, why);
    }

    private String futureTime(LogRow r) {
        Instant plannedAt = window.plannedAt();
        if (r.sentAt().isAfter(latest)) return "sent_at " + r.sentAt() + " is in the future (the run started at " + plannedAt + ")";
        if (r.deliveredAt() != null && r.deliveredAt().isAfter(latest)) {
            return "delivered_at " + r.deliveredAt() + " is in the future (the run started at " + plannedAt + ")";
        }
        return null;
    }

    /** Decides what becomes of a message from its copies (at least one; none of them in the future). */
    public Verdict decide(List<LogRow> copies) {
        DuplicateMerger.Result result = DuplicateMerger.merge(copies);
        if (result instanceof DuplicateMerger.Conflicting conflicting) {
            add(Counter.REJECTED, conflicting.rejections().size());
            return new Rejected(conflicting.rejections());
        }
        DuplicateMerger.Merged merged = (DuplicateMerger.Merged) result;
        add(Counter.MERGED_COPIES, merged.mergedAway());
        add(Counter.ACCEPTED, 1);
        LogRow row = merged.row();
        Instant eventTime = row.eventTime();
        if (eventTime.isBefore(window.warmupStart())) return notReplayed(Counter.BEFORE_RANGE);
        if (!eventTime.isBefore(window.replayEnd())) {
            if (Duration.between(row.sentAt(), eventTime).compareTo(window.lookback()) > 0) {
                add(Counter.LATE_DELIVERIES, 1);
            }
            return notReplayed(Counter.LEFT_FOR_LATER);
        }
        boolean warmup = eventTime.isBefore(window.replayStart());
        PricingRegime regime = PricingRegime.at(eventTime, zones.computeIfAbsent(row.wabaId(), zoneOfWaba));
        if (regime == null) {
            if (warmup) return notReplayed(Counter.BEFORE_RANGE);
            beforeModel.put(row.messageId(), row.messageId() + " (" + row.source() + " row " + row.rowNumber() + ", "
                    + eventTime + ")");
            if (beforeModel.size() > BEFORE_MODEL_EXAMPLES) beforeModel.pollLastEntry();
            return notReplayed(Counter.BEFORE_MODEL);
        }
        add(warmup ? Counter.WARMUP_MESSAGES : Counter.REPLAYED, 1);
        return new Replay(new AcceptedMessage(row.messageId(), row.wabaId(), row.phoneNumberId(),
                row.businessPhoneNumber(), row.contactWaId(), row.direction(), row.sentAt(), row.deliveredAt(),
                eventTime, row.status(), row.template(), row.templateCategory(), row.entryPointReferral(),
                row.metaConversationId(), row.metaConversationCategory(), row.metaBillable(), row.metaPricingModel(),
                row.metaPricingCategory(), row.metaPricingType(), regime, warmup));
    }

    private NotReplayed notReplayed(Counter why) {
        add(why, 1);
        return new NotReplayed(why);
    }

    private void add(Counter counter, long n) {
        counts[counter.ordinal()] += n;
        added[counter.ordinal()] = true;
    }

    /** The counters added to so far (0 or more). */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> map = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) if (added[c.ordinal()]) map.put(c, counts[c.ordinal()]);
        return map;
    }

    /** Why the run cannot go on: billed messages before any pricing model (the first few named); else empty. */
    public Optional<String> noPricingModel() {
        if (beforeModel.isEmpty()) return Optional.empty();
        return Optional.of("No pricing model: " + counts[Counter.BEFORE_MODEL.ordinal()]
                + " message(s) have an event time before " + PricingRegime.values()[0].startsOn() + " in their WABA's time zone,"
                + " for example " + String.join("; ", new ArrayList<>(beforeModel.values()))
                + ". Remove them from the logs or bill a later range.");
    }
}
