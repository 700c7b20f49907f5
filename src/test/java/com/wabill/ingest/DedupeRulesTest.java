package com.wabill.ingest;

import static com.wabill.ingest.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.wabill.ingest.DedupeRules.Counter;
import com.wabill.ingest.DedupeRules.NotReplayed;
import com.wabill.ingest.DedupeRules.Rejected;
import com.wabill.ingest.DedupeRules.Replay;
import com.wabill.ingest.DedupeRules.Verdict;
import com.wabill.ingest.DedupeRules.Window;
import com.wabill.testsupport.FastTest;

/**
 * What de-duplication makes of one message, case by case. The windows are worked out here once:
 *
 * <ul>
 *   <li>{@link #MARCH}: billing 2025-03-10 (UTC) with 3 days of warm-up and a lookback of 2 days, planned at
 *       2025-03-11T02:00Z. Billed: [03-10T00:00Z, 03-11T00:00Z); warm-up: [03-07T00:00Z, 03-10T00:00Z); a log time
 *       after 02:00 + 1 h tolerance = 03-11T03:00Z is in the future.</li>
 *   <li>{@link #MARCH_NO_WARMUP}: the same without warm-up: nothing before 03-10T00:00Z is replayed.</li>
 *   <li>{@link #JUNE_2025}: billing 2025-06-30 (UTC), no warm-up: the last day before per-message pricing (from
 *       2025-07-01 local) in a zone west of UTC, but already the first day of it in a zone far east.</li>
 *   <li>{@link #JUNE_2023}: billing 2023-06-01 (UTC) with 3 days of warm-up: conversation-based pricing starts on
 *       2023-06-01 local; before it no model is in force.</li>
 * </ul>
 * waba-1 bills in America/Sao_Paulo (UTC-3 all year), waba-2 in Asia/Tokyo (UTC+9).
 */
@FastTest
class DedupeRulesTest {

    static final Window MARCH = new Window(Instant.parse("2025-03-11T02:00:00Z"), Instant.parse("2025-03-07T00:00:00Z"),
            Instant.parse("2025-03-10T00:00:00Z"), Instant.parse("2025-03-11T00:00:00Z"), Duration.ofDays(2));
    static final Window MARCH_NO_WARMUP = new Window(MARCH.plannedAt(), MARCH.replayStart(), MARCH.replayStart(),
            MARCH.replayEnd(), MARCH.lookback());
    static final Window JUNE_2025 = new Window(null, Instant.parse("2025-06-30T00:00:00Z"),
            Instant.parse("2025-06-30T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"), Duration.ofDays(2));
    static final Window JUNE_2023 = new Window(null, Instant.parse("2023-05-29T00:00:00Z"),
            Instant.parse("2023-06-01T00:00:00Z"), Instant.parse("2023-06-02T00:00:00Z"), Duration.ofDays(2));

    static final Map<String, ZoneId> ZONES = Map.of("waba-1", ZoneId.of("America/Sao_Paulo"), "waba-2",
            ZoneId.of("Asia/Tokyo"));

    private static long rowNumber;

    /** A validated row of log.parquet: the defaults of {@link TestRows#row} (outbound, DELIVERED, waba-1), then these. */
    static LogRow copy(Object... keyValues) {
        List<Object> kv = new ArrayList<>(Arrays.asList(keyValues));
        for (int i = 0; i < kv.size(); i += 2) {
            if (((String) kv.get(i)).endsWith("_at")) kv.set(i + 1, Instant.parse((String) kv.get(i + 1)));
        }
        return (LogRow) RowValidator.validate("log.parquet", ++rowNumber, row(kv.toArray()));
    }

    /**
     * @param expected {@code replay <model> billed|warmup [referral]}, {@code not <counter>}, {@code rejected <n>}
     * @param counters the counters the message adds, {@code name=value} separated by spaces
     */
    record Case(String why, Window window, List<LogRow> copies, String expected, String counters) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // event time of an outbound message without delivered_at is sent_at: 12:00 on the 10th is inside
                // [10th, 11th): billed, under CBP (local 09:00 on 2025-03-10, long before 2025-07-01)
                new Case("sent in the range, not delivered: billed", MARCH,
                        List.of(copy("message_id", "a", "status", "SENT", "sent_at", "2025-03-10T12:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // the range starts at 00:00 inclusive
                new Case("at the start of the range: billed", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-10T00:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // and ends at 00:00 of the 11th exclusive: sent then, it is the next day's; sent_at to event time is
                // 0 s, within the 2 day lookback, so the next run reads it: not a late delivery
                new Case("at the end of the range: left for a later run", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-11T00:00:00Z")),
                        "not leftForLater", "accepted=1 mergedCopies=0 leftForLater=1"),
                // event time of a delivered outbound message is delivered_at: sent 23:00 on the 10th, delivered
                // 00:30 on the 11th counts on the 11th; 1 h 30 min after sending: not late
                new Case("delivered after midnight: the next day's", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-10T23:00:00Z",
                                "delivered_at", "2025-03-11T00:30:00Z")),
                        "not leftForLater", "accepted=1 mergedCopies=0 leftForLater=1"),
                // sent 10:00 on the 8th, delivered 01:00 on the 11th: event time 03-11T01:00, after the range;
                // 2 days 15 h after sending > 2 days of lookback: the day's run reads partitions back to the 9th
                // only, and never sees the 8th's partition again
                new Case("delivered beyond the lookback: a late delivery", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-08T10:00:00Z",
                                "delivered_at", "2025-03-11T01:00:00Z")),
                        "not leftForLater", "accepted=1 mergedCopies=0 leftForLater=1 lateDeliveries=1"),
                // delivered_at before sent_at is not believed: the event time is sent_at, 05:00 on the 10th
                new Case("delivered before sent: sent_at counts", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-10T05:00:00Z",
                                "delivered_at", "2025-03-09T23:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // 12:00 on the 8th lies in the warm-up [7th, 10th): replayed to rebuild state only
                new Case("in the warm-up: rebuilds state", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-08T12:00:00Z")),
                        "replay CBP warmup", "accepted=1 mergedCopies=0 warmupMessages=1"),
                // one second before the warm-up starts
                new Case("before the warm-up: not replayed", MARCH,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-06T23:59:59Z")),
                        "not beforeRange", "accepted=1 mergedCopies=0 beforeRange=1"),
                // without warm-up, 23:00 on the 9th is simply before the range
                new Case("before the range, no warm-up: not replayed", MARCH_NO_WARMUP,
                        List.of(copy("message_id", "a", "sent_at", "2025-03-09T23:00:00Z")),
                        "not beforeRange", "accepted=1 mergedCopies=0 beforeRange=1"),
                // an inbound message from a Click-to-WhatsApp ad ("ad", any case) or a Page button is an entry
                // point referral; one without a referral is not
                new Case("inbound from an ad: entry point referral", MARCH,
                        List.of(copy("message_id", "a", "direction", "INBOUND", "status", null,
                                "referral_source_type", "ad", "sent_at", "2025-03-10T09:00:00Z")),
                        "replay CBP billed referral", "accepted=1 mergedCopies=0 replayed=1"),
                new Case("inbound from a post: entry point referral", MARCH,
                        List.of(copy("message_id", "a", "direction", "INBOUND", "status", null,
                                "referral_source_type", "POST", "sent_at", "2025-03-10T09:00:00Z")),
                        "replay CBP billed referral", "accepted=1 mergedCopies=0 replayed=1"),
                new Case("inbound without referral: none", MARCH,
                        List.of(copy("message_id", "a", "direction", "INBOUND", "status", null,
                                "sent_at", "2025-03-10T09:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // 20:00Z on 2025-06-30 is 05:00 on 2025-07-01 in Tokyo (UTC+9): per-message pricing ...
                new Case("Tokyo already in July: PMP", JUNE_2025,
                        List.of(copy("message_id", "a", "waba_id", "waba-2", "sent_at", "2025-06-30T20:00:00Z")),
                        "replay PMP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // ... but 17:00 on 2025-06-30 in Sao Paulo (UTC-3): still conversation-based
                new Case("Sao Paulo still in June: CBP", JUNE_2025,
                        List.of(copy("message_id", "a", "waba_id", "waba-1", "sent_at", "2025-06-30T20:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // 02:59:59Z on 2023-06-01 is 23:59:59 on 2023-05-31 in Sao Paulo: no pricing model yet, and it is
                // billed: an error (counted here, reported by noPricingModel)
                new Case("billed before any pricing model: an error", JUNE_2023,
                        List.of(copy("message_id", "a", "sent_at", "2023-06-01T02:59:59Z")),
                        "not beforeModel", "accepted=1 mergedCopies=0 beforeModel=1"),
                // one second later it is 00:00 on 2023-06-01 there: CBP
                new Case("at the first local instant of CBP", JUNE_2023,
                        List.of(copy("message_id", "a", "sent_at", "2023-06-01T03:00:00Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=0 replayed=1"),
                // in the warm-up (from 2023-05-29), before any model: it cannot rebuild anything, and is dropped
                new Case("warm-up before any pricing model: not replayed", JUNE_2023,
                        List.of(copy("message_id", "a", "sent_at", "2023-05-30T12:00:00Z")),
                        "not beforeRange", "accepted=1 mergedCopies=0 beforeRange=1"),
                // three status updates of one message merge into one (DuplicateMerger): 2 copies merged away
                new Case("copies of a message: merged", MARCH,
                        List.of(copy("message_id", "a", "status", "SENT", "sent_at", "2025-03-10T12:00:00Z"),
                                copy("message_id", "a", "status", "DELIVERED", "sent_at", "2025-03-10T12:00:00Z",
                                        "delivered_at", "2025-03-10T12:00:05Z"),
                                copy("message_id", "a", "status", "READ", "sent_at", "2025-03-10T12:00:00Z",
                                        "delivered_at", "2025-03-10T12:00:05Z")),
                        "replay CBP billed", "accepted=1 mergedCopies=2 replayed=1"),
                // copies to two different contacts are not one message: both rejected, nothing accepted
                new Case("conflicting copies: all rejected", MARCH,
                        List.of(copy("message_id", "a", "contact_wa_id", "5511900000001", "sent_at", "2025-03-10T12:00:00Z"),
                                copy("message_id", "a", "contact_wa_id", "5511900000002", "sent_at", "2025-03-10T12:00:00Z")),
                        "rejected 2", "rejected=2"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        DedupeRules rules = new DedupeRules(c.window(), ZONES::get);
        Verdict v = rules.decide(c.copies());
        assertThat(describe(v)).isEqualTo(c.expected());
        assertThat(rules.counters()).isEqualTo(counters(c.counters()));
        if (v instanceof Replay replay) {
            LogRow first = c.copies().get(0);
            assertThat(replay.message().messageId()).isEqualTo(first.messageId());
            assertThat(replay.message().eventTime()).isEqualTo(DuplicateMerger.merge(c.copies()) instanceof
                    DuplicateMerger.Merged m ? m.row().eventTime() : null);
        }
    }

    static String describe(Verdict v) {
        if (v instanceof Replay r) {
            return "replay " + r.message().model() + (r.message().warmup() ? " warmup" : " billed")
                    + (r.message().entryPointReferral() ? " referral" : "");
        }
        if (v instanceof Rejected r) return "rejected " + r.rejections().size();
        return "not " + ((NotReplayed) v).why().key;
    }

    static Map<Counter, Long> counters(String spec) {
        Map<Counter, Long> out = new LinkedHashMap<>();
        for (String kv : spec.split(" ")) {
            String[] p = kv.split("=");
            Counter counter = Arrays.stream(Counter.values()).filter(x -> x.key.equals(p[0])).findFirst().orElseThrow();
            out.put(counter, Long.parseLong(p[1]));
        }
        return out;
    }

    /**
     * The run was planned at 02:00Z on the 11th; with 1 h of tolerance, a time after 03:00Z is in the future (03:00
     * itself is not). A copy in the future is rejected on its own, before merging.
     */
    @Test
    void aTimeBeyondTheToleranceIsInTheFuture() {
        DedupeRules rules = new DedupeRules(MARCH, ZONES::get);
        assertThat(rules.rejectIfFuture(copy("message_id", "a", "sent_at", "2025-03-11T03:00:00Z"))).isNull();
        assertThat(rules.counters()).isEmpty();

        LogRow sent = copy("message_id", "b", "sent_at", "2025-03-11T03:00:01Z");
        RowRejection r = rules.rejectIfFuture(sent);
        assertThat(r).isEqualTo(new RowRejection("log.parquet", sent.rowNumber(), "b", "INVALID_VALUE: sent_at"
                + " 2025-03-11T03:00:01Z is in the future (the run started at 2025-03-11T02:00:00Z)"));

        LogRow delivered = copy("message_id", "c", "sent_at", "2025-03-11T01:00:00Z", "delivered_at", "2025-03-11T03:30:00Z");
        assertThat(rules.rejectIfFuture(delivered).reason()).isEqualTo("INVALID_VALUE: delivered_at"
                + " 2025-03-11T03:30:00Z is in the future (the run started at 2025-03-11T02:00:00Z)");
        assertThat(rules.counters()).isEqualTo(Map.of(Counter.REJECTED, 2L));
    }

    /** A plan of a version that did not record when it was made: no time is taken for one in the future. */
    @Test
    void withoutThePlanTimeNothingIsInTheFuture() {
        DedupeRules rules = new DedupeRules(JUNE_2025, ZONES::get);
        assertThat(rules.rejectIfFuture(copy("message_id", "a", "sent_at", "2099-01-01T00:00:00Z"))).isNull();
    }

    /**
     * Seven billed messages before 2023-06-01 in Sao Paulo: the error counts all seven and names the first five by
     * message id (m1..m5, whatever order they came in), each with its file, row and event time.
     */
    @Test
    void billedMessagesWithoutPricingModelFailTheRunNamingTheFirstFive() {
        DedupeRules rules = new DedupeRules(JUNE_2023, ZONES::get);
        List<LogRow> rows = new ArrayList<>();
        for (int k : new int[] {7, 3, 1, 6, 2, 5, 4}) {
            rows.add(copy("message_id", "m" + k, "sent_at", "2023-06-01T01:0" + k + ":00Z"));
        }
        // and one of the warm-up, before any model: dropped, not an error
        rows.add(copy("message_id", "m0", "sent_at", "2023-05-30T12:00:00Z"));
        for (LogRow r : rows) rules.decide(List.of(r));
        String example = rows.stream().filter(r -> r.messageId().equals("m1")).findFirst()
                .map(r -> "m1 (log.parquet row " + r.rowNumber() + ", 2023-06-01T01:01:00Z)").orElseThrow();
        assertThat(rules.noPricingModel()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("No pricing model: 7 message(s) have an event time before 2023-06-01 in their WABA's"
                        + " time zone, for example " + example + "; m2 (")
                .contains("; m5 (").doesNotContain("m6").doesNotContain("m7").doesNotContain("m0")
                .endsWith(". Remove them from the logs or bill a later range."));
        assertThat(rules.counters()).isEqualTo(Map.of(Counter.ACCEPTED, 8L, Counter.MERGED_COPIES, 0L,
                Counter.BEFORE_MODEL, 7L, Counter.BEFORE_RANGE, 1L));
    }

    @Test
    void aBucketWithEveryMessagePricedHasNoError() {
        DedupeRules rules = new DedupeRules(MARCH, ZONES::get);
        rules.decide(List.of(copy("message_id", "a", "sent_at", "2025-03-10T12:00:00Z")));
        assertThat(rules.noPricingModel()).isEmpty();
    }

    /** Counters add up over the bucket; one never added to is not reported (one added 0 is). */
    @Test
    void countersAddUpOverTheBucket() {
        DedupeRules rules = new DedupeRules(MARCH, ZONES::get);
        rules.decide(List.of(copy("message_id", "a", "sent_at", "2025-03-10T12:00:00Z")));
        rules.decide(List.of(copy("message_id", "b", "sent_at", "2025-03-08T12:00:00Z")));
        rules.decide(List.of(copy("message_id", "c", "sent_at", "2025-03-10T13:00:00Z"),
                copy("message_id", "c", "sent_at", "2025-03-10T13:00:00Z")));
        // a: billed; b: warm-up; c: billed, one copy merged away
        assertThat(rules.counters()).isEqualTo(Map.of(Counter.ACCEPTED, 3L, Counter.MERGED_COPIES, 1L,
                Counter.REPLAYED, 2L, Counter.WARMUP_MESSAGES, 1L));
    }
}
