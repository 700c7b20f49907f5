package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One data point of Meta's analytics (SPEC 1.5, 4): what Meta counted and charged a WABA for conversations (CBP,
 * {@code conversation_analytics}) or messages (PMP, {@code pricing_analytics}) of one phone number, country,
 * category and type whose time lies in {@code [start, end)}.
 *
 * @param wabaId       the {@code id} of the response
 * @param model        CBP for {@code conversation_analytics}, PMP for {@code pricing_analytics}
 * @param start        inclusive
 * @param end          exclusive
 * @param phoneNumber  {@code phone_number} as Meta wrote it, or null when the export has no PHONE dimension
 * @param country      {@code country} (ISO 3166-1 alpha-2, upper case)
 * @param category     the category, or null when Meta's name is not one the replay knows (see {@code metaCategory})
 * @param type         the type, or null when Meta's name is not one the replay knows (see {@code metaType})
 * @param metaCategory {@code conversation_category} / {@code pricing_category} as Meta wrote it
 * @param metaType     {@code conversation_type} / {@code pricing_type} as Meta wrote it
 * @param count        {@code conversation} / {@code volume}
 * @param cost         {@code cost}, exactly as written; null when Meta did not report it (Meta hides COST from
 *                     businesses billed through a Solution Partner)
 * @param sourceFile   the file it was read from (null when built in code)
 */
public record MetaBucket(
        String wabaId,
        PricingModel model,
        Instant start,
        Instant end,
        String phoneNumber,
        String country,
        Category category,
        ConversationType type,
        String metaCategory,
        String metaType,
        long count,
        BigDecimal cost,
        Path sourceFile) {

    public MetaBucket {
        Objects.requireNonNull(wabaId, "wabaId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) throw new IllegalArgumentException("start " + start + " is not before end " + end);
        if (count < 0) throw new IllegalArgumentException("negative count " + count);
        if (metaCategory == null && category != null) metaCategory = category.name();
        if (metaType == null && type != null) metaType = type.name();
    }

    /** A data point whose category and type are ones the replay knows; Meta's names are the enum names. */
    public MetaBucket(String wabaId, PricingModel model, Instant start, Instant end, String phoneNumber,
                      String country, Category category, ConversationType type, long count, BigDecimal cost,
                      Path sourceFile) {
        this(wabaId, model, start, end, phoneNumber, country, category, type, null, null, count, cost, sourceFile);
    }

    /** Both the category and the type are known to the replay, so the data point can be compared. */
    public boolean recognised() {
        return category != null && type != null;
    }

    /** Holds {@code at} in {@code [start, end)}. */
    public boolean holds(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    public MetaBucket withCount(long newCount) {
        return new MetaBucket(wabaId, model, start, end, phoneNumber, country, category, type, metaCategory, metaType,
                newCount, cost, sourceFile);
    }

    public MetaBucket withCost(BigDecimal newCost) {
        return new MetaBucket(wabaId, model, start, end, phoneNumber, country, category, type, metaCategory, metaType,
                count, newCost, sourceFile);
    }

    /** The same data point with Meta's category name replaced (and re-parsed), e.g. to plant an unknown one. */
    public MetaBucket withMetaCategory(String name) {
        return new MetaBucket(wabaId, model, start, end, phoneNumber, country, MetaNames.category(name), type, name,
                metaType, count, cost, sourceFile);
    }

    public MetaBucket withSourceFile(Path file) {
        return new MetaBucket(wabaId, model, start, end, phoneNumber, country, category, type, metaCategory, metaType,
                count, cost, file);
    }

    /** The JSON key of the analytics this data point belongs to. */
    public String analyticsName() {
        return model == PricingModel.CBP ? "conversation_analytics" : "pricing_analytics";
    }
}
