package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares Meta's conversations, as its status webhooks name them ({@code meta_conversation_id},
 * {@code meta_conversation_category}), with the replay's (SPEC 4, Conversations).
 *
 * <p>CBP messages (model CBP or null) are compared conversation by conversation:
 * <ol>
 *   <li>Each Meta conversation and each replay conversation has an <em>opening message</em>: its earliest message
 *       in the input (by event time, then message id). A Meta conversation and a replay conversation with the same
 *       opening message are a pair: both sides opened a conversation there.</li>
 *   <li>A Meta conversation still unpaired is then paired with the earliest still-unpaired replay conversation that
 *       holds one of its messages (the two sides opened it at different messages).</li>
 *   <li>A Meta conversation left unpaired is one the replay did not open ({@code MISSING_IN_LOGS}: its messages went
 *       into another replay conversation, or into none); a replay conversation left unpaired is one Meta did not open
 *       ({@code MISSING_AT_META}: Meta put its messages in another conversation).</li>
 *   <li>For each pair: Meta says {@code referral_conversion} but the replay's type is not FREE_ENTRY_POINT, or the
 *       reverse → {@code FREE_ENTRY_POINT_MISMATCH}; otherwise differing categories → {@code CATEGORY_MISMATCH}.
 *       Meta's category of a conversation is that of its earliest message that has one.</li>
 * </ol>
 * PMP messages (model PMP) are compared one by one, as Meta's conversation id is per message under Graph API v23 and
 * earlier: category and free entry point as above, and a message the replay put nowhere is {@code MISSING_IN_LOGS}.
 *
 * <p>Every message whose {@code meta_conversation_category} is not one of marketing, utility, authentication,
 * service, referral_conversion (any case) counts towards one {@code UNKNOWN_META_CATEGORY} row per WABA and value
 * (compared case-insensitively) and is left out of the category comparison; a blank category is not compared.
 *
 * <p>Rows are aggregated: one per kind, WABA, category and type (the replay's for CATEGORY_MISMATCH,
 * FREE_ENTRY_POINT_MISMATCH and MISSING_AT_META; Meta's for MISSING_IN_LOGS) and Meta's category name. Counts are
 * conversations (CBP) or messages (PMP): {@code expected_count} the replay's, {@code billed_count} Meta's. Amounts are
 * empty (this comparison has none). The period spans the event times of the messages named; the detail names the
 * opening messages (the first five, then "and N more").
 *
 * <p>Memory: a few fields per conversation (never per message).
 */
public final class ConversationReconciler implements Consumer<ConversationLink> {

    private final Map<String, MetaConv> metaConvs = new HashMap<>();
    private final Map<String, ReplayConv> replayConvs = new HashMap<>();
    private final Map<RowKey, RowAgg> rows = new LinkedHashMap<>();
    private final Map<List<String>, Unknown> unknown = new LinkedHashMap<>();
    private boolean finished;

    /** Reconciles a whole collection. */
    public static List<Discrepancy> reconcile(Iterable<? extends ConversationLink> links) {
        ConversationReconciler r = new ConversationReconciler();
        for (ConversationLink l : links) r.accept(l);
        return r.finish();
    }

    @Override
    public void accept(ConversationLink l) {
        if (finished) throw new IllegalStateException("already finished");
        Msg msg = new Msg(l.messageId(), l.at());
        String raw = blankToNull(l.metaConversationCategory());
        Category metaCat = MetaNames.category(raw);
        if (raw != null && metaCat == null) {
            unknown.computeIfAbsent(List.of(l.wabaId(), raw.toLowerCase(Locale.ROOT)), k -> new Unknown())
                    .ids.add(l.messageId(), l.at());
        }
        if (l.model() == PricingModel.PMP) {
            perMessage(l, msg, raw, metaCat);
            return;
        }
        MetaConv m = metaConvs.computeIfAbsent(l.metaConversationId(), k -> new MetaConv(l.wabaId()));
        if (m.opener == null || Msg.ORDER.compare(msg, m.opener) < 0) {
            m.opener = msg;
            m.openerReplayConv = l.replayConversationId();
        }
        if (raw != null && (m.categoryMsg == null || Msg.ORDER.compare(msg, m.categoryMsg) < 0)) {
            m.categoryMsg = msg;
            m.categoryRaw = raw;
        }
        if (l.replayConversationId() != null) {
            if (!m.replayConvs.contains(l.replayConversationId())) m.replayConvs.add(l.replayConversationId());
            ReplayConv r = replayConvs.computeIfAbsent(l.replayConversationId(), k -> new ReplayConv(l.wabaId()));
            if (r.opener == null || Msg.ORDER.compare(msg, r.opener) < 0) r.opener = msg;
            if (r.category == null) r.category = l.replayCategory();
            if (r.type == null) r.type = l.replayType();
        }
    }

    /** The rows, in {@link Discrepancy#CANONICAL_ORDER}. */
    public List<Discrepancy> finish() {
        finished = true;
        List<Map.Entry<String, MetaConv>> metas = new ArrayList<>(metaConvs.entrySet());
        metas.sort(Comparator.comparing((Map.Entry<String, MetaConv> e) -> e.getValue().opener, Msg.ORDER)
                .thenComparing(Map.Entry::getKey));
        Set<String> pairedReplay = new HashSet<>();
        Map<String, String> pairOf = new HashMap<>(); // meta id -> replay id
        // 1. same opening message
        for (Map.Entry<String, MetaConv> e : metas) {
            MetaConv m = e.getValue();
            if (m.openerReplayConv == null) continue;
            ReplayConv r = replayConvs.get(m.openerReplayConv);
            if (r != null && r.opener.id().equals(m.opener.id()) && pairedReplay.add(m.openerReplayConv)) {
                pairOf.put(e.getKey(), m.openerReplayConv);
            }
        }
        // 2. sharing a message
        for (Map.Entry<String, MetaConv> e : metas) {
            if (pairOf.containsKey(e.getKey())) continue;
            MetaConv m = e.getValue();
            m.replayConvs.sort(Comparator.comparing((String id) -> replayConvs.get(id).opener, Msg.ORDER)
                    .thenComparing(Comparator.naturalOrder()));
            for (String rid : m.replayConvs) {
                if (pairedReplay.add(rid)) {
                    pairOf.put(e.getKey(), rid);
                    break;
                }
            }
        }
        // 3. compare pairs; report the unpaired
        for (Map.Entry<String, MetaConv> e : metas) {
            MetaConv m = e.getValue();
            String rid = pairOf.get(e.getKey());
            if (rid == null) {
                Category metaCat = MetaNames.category(m.categoryRaw);
                addRow(DiscrepancyKind.MISSING_IN_LOGS, m.waba, metaCat, metaTypeOf(metaCat), m.categoryRaw,
                        false, 0, 1, m.opener);
            } else {
                ReplayConv r = replayConvs.get(rid);
                compare(m.waba, m.categoryRaw, r.category, r.type, false, m.opener);
            }
        }
        List<Map.Entry<String, ReplayConv>> replays = new ArrayList<>(replayConvs.entrySet());
        replays.sort(Comparator.comparing((Map.Entry<String, ReplayConv> e) -> e.getValue().opener, Msg.ORDER)
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, ReplayConv> e : replays) {
            if (pairedReplay.contains(e.getKey())) continue;
            ReplayConv r = e.getValue();
            addRow(DiscrepancyKind.MISSING_AT_META, r.waba, r.category, r.type, null, false, 1, 0, r.opener);
        }

        List<Discrepancy> out = new ArrayList<>();
        rows.forEach((k, a) -> out.add(row(k, a)));
        unknown.forEach((k, u) -> out.add(new Discrepancy(DiscrepancyKind.UNKNOWN_META_CATEGORY, k.get(0), null,
                u.ids.first, u.ids.last, null, null, null, null, u.ids.sample.total(), null, null, null,
                "unknown meta_conversation_category '" + k.get(1) + "' on " + u.ids.sample.total()
                        + " message(s), not compared; messages: " + u.ids.sample.describe())));
        out.sort(Discrepancy.CANONICAL_ORDER);
        return out;
    }

    // ------------------------------------------------------------------ comparison

    private void perMessage(ConversationLink l, Msg msg, String raw, Category metaCat) {
        if (l.replayConversationId() == null && l.replayCategory() == null) {
            addRow(DiscrepancyKind.MISSING_IN_LOGS, l.wabaId(), metaCat, metaTypeOf(metaCat), raw, true, 0, 1, msg);
            return;
        }
        compare(l.wabaId(), raw, l.replayCategory(), l.replayType(), true, msg);
    }

    private void compare(String waba, String metaRaw, Category replayCat, ConversationType replayType,
                         boolean perMessage, Msg msg) {
        Category metaCat = MetaNames.category(metaRaw);
        if (metaCat == null) return; // blank (not compared) or unknown (reported separately)
        boolean metaFep = metaCat == Category.REFERRAL_CONVERSION;
        boolean replayFep = replayType == ConversationType.FREE_ENTRY_POINT
                || replayCat == Category.REFERRAL_CONVERSION;
        if (metaFep != replayFep) {
            addRow(DiscrepancyKind.FREE_ENTRY_POINT_MISMATCH, waba, replayCat, replayType, metaRaw, perMessage,
                    1, 1, msg);
        } else if (!metaFep && metaCat != replayCat) {
            addRow(DiscrepancyKind.CATEGORY_MISMATCH, waba, replayCat, replayType, metaRaw, perMessage, 1, 1, msg);
        }
    }

    private static ConversationType metaTypeOf(Category metaCat) {
        return metaCat == Category.REFERRAL_CONVERSION ? ConversationType.FREE_ENTRY_POINT : null;
    }

    private void addRow(DiscrepancyKind kind, String waba, Category category, ConversationType type, String metaRaw,
                        boolean perMessage, long expected, long billed, Msg msg) {
        String meta = metaRaw == null ? null : metaRaw.trim().toLowerCase(Locale.ROOT);
        RowAgg a = rows.computeIfAbsent(new RowKey(kind, waba, category, type, meta, perMessage), k -> new RowAgg());
        a.expected += expected;
        a.billed += billed;
        a.ids.add(msg);
    }

    private static Discrepancy row(RowKey k, RowAgg a) {
        String unit = k.perMessage() ? "message(s)" : "conversation(s)";
        long n = Math.max(a.expected, a.billed);
        String replay = k.category() == null ? "none" : k.category() + (k.type() == null ? "" : "/" + k.type());
        String meta = k.metaCategory() == null ? "no category" : "'" + k.metaCategory() + "'";
        String what = switch (k.kind()) {
            case MISSING_IN_LOGS -> k.perMessage()
                    ? "Meta put " + n + " message(s) in a conversation (" + meta + ") that the replay did not deliver"
                    + " or price (refused outside the customer service window)"
                    : "Meta opened " + n + " conversation(s) (" + meta + ") that the replay did not open (the replay"
                    + " put their messages in another conversation or in none)";
            case MISSING_AT_META -> "the replay opened " + n + " conversation(s) (" + replay + ") that Meta did not"
                    + " open (Meta put their messages in another conversation)";
            case FREE_ENTRY_POINT_MISMATCH -> k.type() == ConversationType.FREE_ENTRY_POINT
                    || k.category() == Category.REFERRAL_CONVERSION
                    ? "the replay gave a free entry point where Meta did not (Meta: " + meta + "): " + n + " " + unit
                    : "Meta gave a free entry point (" + meta + ") where the replay did not (replay: " + replay + "): "
                    + n + " " + unit;
            case CATEGORY_MISMATCH -> "Meta's category " + meta + ", the replay's " + replay + ": " + n + " " + unit;
            default -> throw new IllegalStateException(k.kind().name());
        };
        String label = k.kind() == DiscrepancyKind.MISSING_IN_LOGS && !k.perMessage() ? "Meta's opening messages"
                : k.kind() == DiscrepancyKind.MISSING_AT_META ? "the replay's opening messages" : "messages";
        return new Discrepancy(k.kind(), k.waba(), null, a.ids.first, a.ids.last, null, k.category(), k.type(),
                a.expected, a.billed, null, null, null, what + "; " + label + ": " + a.ids.sample.describe());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ state

    private record Msg(String id, Instant at) {
        static final Comparator<Msg> ORDER = Comparator
                .comparing(Msg::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Msg::id);
    }

    private static final class MetaConv {
        final String waba;
        Msg opener;
        String openerReplayConv;
        Msg categoryMsg;
        String categoryRaw;
        final List<String> replayConvs = new ArrayList<>(1);

        MetaConv(String waba) {
            this.waba = waba;
        }
    }

    private static final class ReplayConv {
        final String waba;
        Msg opener;
        Category category;
        ConversationType type;

        ReplayConv(String waba) {
            this.waba = waba;
        }
    }

    private record RowKey(DiscrepancyKind kind, String waba, Category category, ConversationType type,
                          String metaCategory, boolean perMessage) {
    }

    /** Message ids with the span of their times. */
    private static final class Ids {
        final IdSample sample = new IdSample();
        Instant first;
        Instant last;

        void add(Msg m) {
            add(m.id(), m.at());
        }

        void add(String id, Instant at) {
            sample.add(id, at);
            if (at != null) {
                if (first == null || at.isBefore(first)) first = at;
                if (last == null || at.isAfter(last)) last = at;
            }
        }
    }

    private static final class RowAgg {
        long expected;
        long billed;
        final Ids ids = new Ids();
    }

    private static final class Unknown {
        final Ids ids = new Ids();
    }
}
