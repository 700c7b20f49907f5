package com.wabill.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.wabill.engine.DeliveryStatus;

/**
 * Merges the copies of one message (rows that share a message_id, SPEC 1.1). Pure.
 *
 * <ul>
 *   <li>Copies equal in every column but status, delivered_at and the meta_* columns (exact copies included) merge
 *       into one row: the furthest status ({@link DeliveryStatus#furthest}), the earliest delivered_at, and for each
 *       meta_* column its non-null value. Should copies carry different non-null values in a meta_* column, the
 *       value of the copy with the furthest status wins (the latest webhook), then that of the first copy.</li>
 *   <li>Copies that differ in any other column are all rejected as {@code CONFLICTING_DUPLICATE}, one rejection per
 *       copy with its own source and row; the detail names the columns that differ (never their values).</li>
 * </ul>
 * Where a copy was read (source, row) is not compared. Copies are taken in the order of (source, row number), so the
 * result does not depend on the order they are given in; the merged row keeps the source and row of the first.
 */
public final class DuplicateMerger {

    private DuplicateMerger() {}

    /** What merging the copies of one message gives. */
    public sealed interface Result permits Merged, Conflicting {}

    /**
     * @param row        the merged row
     * @param mergedAway how many copies were merged into it (copies - 1)
     */
    public record Merged(LogRow row, int mergedAway) implements Result {}

    /** @param rejections one {@code CONFLICTING_DUPLICATE} per copy */
    public record Conflicting(List<RowRejection> rejections) implements Result {}

    private static final Comparator<LogRow> READ_ORDER =
            Comparator.comparing(LogRow::source).thenComparingLong(LogRow::rowNumber);

    /** Merges all copies of one message id (at least one). */
    public static Result merge(List<LogRow> copies) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("no copies");
        }
        if (copies.size() == 1) {
            return new Merged(copies.get(0), 0);
        }
        List<LogRow> rows = new ArrayList<>(copies);
        rows.sort(READ_ORDER);
        LogRow first = rows.get(0);
        Set<String> differing = new LinkedHashSet<>();
        for (LogRow r : rows) {
            if (!r.messageId().equals(first.messageId())) {
                throw new IllegalArgumentException("copies of different messages: " + first.messageId() + ", " + r.messageId());
            }
            differing.addAll(first.differingColumns(r));
        }
        if (!differing.isEmpty()) {
            String detail = rows.size() + " copies of message_id " + SafeText.quote(first.messageId())
                    + " differ in " + String.join(", ", differing);
            List<RowRejection> out = new ArrayList<>(rows.size());
            for (LogRow r : rows) {
                out.add(RowRejection.of(r.source(), r.rowNumber(), r.messageId(), RejectionCode.CONFLICTING_DUPLICATE, detail));
            }
            return new Conflicting(List.copyOf(out));
        }

        DeliveryStatus status = null;
        Instant deliveredAt = null;
        for (LogRow r : rows) {
            status = DeliveryStatus.furthest(status, r.status());
            if (r.deliveredAt() != null && (deliveredAt == null || r.deliveredAt().isBefore(deliveredAt))) {
                deliveredAt = r.deliveredAt();
            }
        }
        // meta_* values: from the most advanced copy that has one; the sort is stable, so ties keep read order
        List<LogRow> byProgress = new ArrayList<>(rows);
        byProgress.sort(Comparator.comparingInt((LogRow r) -> r.status() == null ? -1 : r.status().rank).reversed());
        LogRow merged = new LogRow(first.source(), first.rowNumber(), first.messageId(), first.wabaId(),
                first.phoneNumberId(), first.businessPhoneNumber(), first.contactWaId(), first.direction(), first.sentAt(),
                deliveredAt, status, first.messageType(), first.template(), first.templateName(), first.templateCategory(),
                first.referralSourceType(),
                firstNonNull(byProgress, LogRow::metaConversationId),
                firstNonNull(byProgress, LogRow::metaConversationCategory),
                firstNonNull(byProgress, LogRow::metaBillable),
                firstNonNull(byProgress, LogRow::metaPricingModel),
                firstNonNull(byProgress, LogRow::metaPricingCategory),
                firstNonNull(byProgress, LogRow::metaPricingType));
        return new Merged(merged, rows.size() - 1);
    }

    private static <T> T firstNonNull(List<LogRow> rows, Function<LogRow, T> column) {
        for (LogRow r : rows) {
            T v = column.apply(r);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** All accepted rows of a run, de-duplicated: what {@link #mergeAll} gives. */
    public record MergedRows(List<LogRow> rows, List<RowRejection> rejections, long mergedAway) {}

    /**
     * Groups rows by message_id and merges each group, in memory (for tests and small runs; a large run sorts by
     * message_id and calls {@link #merge} per group). Rows come out in the order their message was first seen;
     * rejections in the order of the copies' groups, then read order.
     */
    public static MergedRows mergeAll(Iterable<LogRow> rows) {
        Map<String, List<LogRow>> groups = new LinkedHashMap<>();
        for (LogRow r : rows) {
            groups.computeIfAbsent(Objects.requireNonNull(r.messageId()), k -> new ArrayList<>(1)).add(r);
        }
        List<LogRow> accepted = new ArrayList<>(groups.size());
        List<RowRejection> rejected = new ArrayList<>();
        long mergedAway = 0;
        for (List<LogRow> g : groups.values()) {
            Result res = merge(g);
            if (res instanceof Merged m) {
                accepted.add(m.row());
                mergedAway += m.mergedAway();
            } else {
                rejected.addAll(((Conflicting) res).rejections());
            }
        }
        return new MergedRows(List.copyOf(accepted), List.copyOf(rejected), mergedAway);
    }
}
