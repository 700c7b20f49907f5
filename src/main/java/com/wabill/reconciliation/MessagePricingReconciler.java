package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compares, message by message, the pricing Meta's status webhook gave each delivered message
 * ({@code meta_pricing_category}, {@code meta_pricing_type}) with the replay's (SPEC 4, Messages): how a business
 * finds out, to the message, which messages Meta charged that it should not have, or the reverse.
 *
 * <ul>
 *   <li>Meta's names are read by {@link MetaNames}: any case, {@code authentication-international} is
 *       AUTHENTICATION_INTERNATIONAL, {@code marketing_lite} is MARKETING.</li>
 *   <li>Only the columns the log gives are compared: a message with neither is not compared at all
 *       ({@link #notCompared()}); one with only a category is compared on the category. A name Meta uses that the
 *       replay does not know never equals the replay's, so the message is reported with that name as written.</li>
 *   <li>One {@code PRICING_MISMATCH} row per WABA, phone number, day (in the WABA's time zone) and pair of (replay,
 *       Meta) category and type: the category and type columns are the replay's, Meta's pair is in the detail;
 *       {@code expected_count} and {@code billed_count} are both the number of messages (both sides priced each of
 *       them, differently), {@code expected_amount} what the replay charged for them; Meta's amount per message is
 *       not in the webhook, so the billed amount and the difference are empty. The detail names up to ten message
 *       ids (by event time, then id) and how many more.</li>
 * </ul>
 * Memory: one small aggregate per row, never per message.
 */
public final class MessagePricingReconciler implements Consumer<MessagePricing> {

    /** How many message ids a row names. */
    static final int IDS_SHOWN = 10;

    private final Function<String, ZoneId> zones;
    private final Map<String, ZoneId> zoneCache = new HashMap<>();
    private final Map<Key, Agg> rows = new HashMap<>();
    private long compared;
    private long notCompared;
    private boolean finished;

    /** @param zones the time zone of each WABA (its billing days); null answers mean UTC */
    public MessagePricingReconciler(Function<String, ZoneId> zones) {
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    /** Reconciles a whole collection. */
    public static List<Discrepancy> reconcile(Iterable<? extends MessagePricing> messages,
            Function<String, ZoneId> zones) {
        MessagePricingReconciler r = new MessagePricingReconciler(zones);
        for (MessagePricing m : messages) r.accept(m);
        return r.finish();
    }

    @Override
    public void accept(MessagePricing m) {
        if (finished) throw new IllegalStateException("already finished");
        String rawCat = blankToNull(m.metaPricingCategory());
        String rawType = blankToNull(m.metaPricingType());
        if (rawCat == null && rawType == null) {
            notCompared++;
            return;
        }
        compared++;
        Category metaCat = MetaNames.category(rawCat);
        ConversationType metaType = MetaNames.type(rawType);
        boolean catDiffers = rawCat != null && metaCat != m.category();
        boolean typeDiffers = rawType != null && metaType != m.type();
        if (!catDiffers && !typeDiffers) return;
        ZoneId zone = zone(m.wabaId());
        LocalDate day = m.at().atZone(zone).toLocalDate();
        Key k = new Key(m.wabaId(), MetaNames.phoneDigits(m.phoneNumber()), day, m.category(), m.type(),
                label(rawCat, metaCat), label(rawType, metaType));
        rows.computeIfAbsent(k, x -> new Agg()).add(m);
    }

    /** Messages compared (with at least one of Meta's columns). */
    public long compared() {
        return compared;
    }

    /** Messages without Meta's pricing columns. */
    public long notCompared() {
        return notCompared;
    }

    /** The rows, in {@link Discrepancy#CANONICAL_ORDER}. */
    public List<Discrepancy> finish() {
        finished = true;
        List<Discrepancy> out = new ArrayList<>(rows.size());
        rows.forEach((k, a) -> {
            ZoneId zone = zone(k.waba());
            String currency = a.currency == null ? "" : " " + a.currency;
            String detail = "Meta priced " + a.ids.total() + " message(s) as " + k.metaCategory() + "/" + k.metaType()
                    + ", the replay as " + k.category() + "/" + k.type() + " (charged " + a.amount.toPlainString()
                    + currency + ") on " + k.day() + " (" + zone.getId() + "); messages: " + a.ids.describe();
            out.add(new Discrepancy(DiscrepancyKind.PRICING_MISMATCH, k.waba(), k.phone(),
                    k.day().atStartOfDay(zone).toInstant(), k.day().plusDays(1).atStartOfDay(zone).toInstant(), null,
                    k.category(), k.type(), a.ids.total(), a.ids.total(), a.amount, null, null, detail));
        });
        out.sort(Discrepancy.CANONICAL_ORDER);
        return out;
    }

    /** Meta's name as the row shows it: the replay's name when recognised, Meta's (lower case) otherwise, "-" when absent. */
    private static String label(String raw, Enum<?> known) {
        if (raw == null) return "-";
        return known != null ? known.name() : raw.toLowerCase(Locale.ROOT);
    }

    private ZoneId zone(String waba) {
        return zoneCache.computeIfAbsent(waba, w -> {
            ZoneId z = zones.apply(w);
            return z == null ? ZoneOffset.UTC : z;
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private record Key(String waba, String phone, LocalDate day, Category category, ConversationType type,
            String metaCategory, String metaType) {
    }

    private static final class Agg {
        BigDecimal amount = BigDecimal.ZERO;
        String currency;
        final IdSample ids = new IdSample(IDS_SHOWN);

        void add(MessagePricing m) {
            amount = amount.add(m.amount());
            if (currency == null) currency = m.currency();
            ids.add(m.messageId(), m.at());
        }
    }
}
