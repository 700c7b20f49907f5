package com.wabill.tools;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import com.wabill.engine.PricingRegime;

/**
 * Meta's per-message pricing of the service messages under SPEC 2.10.5, planned from a first pass over the contacts
 * so that the second pass can write every row at once: the first {@link PricingRegime#serviceFreeTier()} service
 * messages of a phone number's local month (by event time, then message id, across its contacts) are free, the rest
 * charged. Only the earliest few messages of each phone number's month are kept (the free tier and the candidates for
 * planting), never a day of messages: the generator's memory stays bounded at any size.
 */
final class ServicePricingPlan {

    /** A message's place in the order of 2.10.5. */
    record Item(Instant at, String messageId) {
        static final Comparator<Item> ORDER = Comparator.comparing(Item::at).thenComparing(Item::messageId);
    }

    /** What is planted in a message's Meta columns (SPEC 4, Messages): a PRICING_MISMATCH row each. */
    enum Plant {
        SERVICE_REPORTED_FREE("charged service message reported free by Meta"),
        INTERNATIONAL_REPORTED_DOMESTIC("authentication-international reported as authentication");

        final String description;

        Plant(String description) {
            this.description = description;
        }
    }

    /** The earliest {@code keep} items of one phone number's month, and how many there are in all. */
    private static final class Month {
        final int freeTier;
        final PriorityQueue<Item> earliest = new PriorityQueue<>(Item.ORDER.reversed());
        final int keep;
        Item cutoff; // the last free one, once the month is planned (null: all free)

        Month(int freeTier, int keep) {
            this.freeTier = freeTier;
            this.keep = keep;
        }

        void add(Item item) {
            earliest.add(item);
            if (earliest.size() > keep) earliest.poll();
        }
    }

    private final int plants;
    private final Map<String, Month> months = new HashMap<>();
    private final PriorityQueue<Item> international = new PriorityQueue<>(Item.ORDER.reversed());
    private final Map<String, Plant> planted = new LinkedHashMap<>();

    /** @param plants how many pricing differences to plant ({@code --plant-pricing}) */
    ServicePricingPlan(int plants) {
        this.plants = plants;
    }

    private static String key(GenMessage m) {
        return m.phone.phoneNumberId() + "|" + YearMonth.from(m.eventTime().atZone(m.waba.zone()));
    }

    /** First pass: a message as the annotator left it. */
    void observe(GenMessage m) {
        Item item = new Item(m.eventTime(), m.messageId);
        if (m.serviceFreeTier) {
            int tier = PricingRegime.at(m.eventTime(), m.waba.zone()).serviceFreeTier();
            months.computeIfAbsent(key(m), k -> new Month(tier, tier + plants)).add(item);
        }
        if (plants > 0 && "authentication-international".equals(m.metaPricingCategory) && m.extraRows == 0) {
            international.add(item);
            if (international.size() > plants) international.poll();
        }
    }

    /**
     * After the first pass: each month's last free message, and the planted messages, in turn as before: the earliest
     * charged service message reported free, then the earliest authentication-international template reported as
     * domestic authentication, and so on while there are any.
     */
    void plan() {
        List<Item> charged = new ArrayList<>();
        for (Month month : months.values()) {
            List<Item> sorted = new ArrayList<>(month.earliest);
            sorted.sort(Item.ORDER);
            month.cutoff = sorted.size() > month.freeTier ? sorted.get(month.freeTier - 1) : null;
            if (sorted.size() > month.freeTier) charged.addAll(sorted.subList(month.freeTier, sorted.size()));
        }
        charged.sort(Item.ORDER);
        List<Item> intl = new ArrayList<>(international);
        intl.sort(Item.ORDER);
        int c = 0;
        int i = 0;
        for (int k = 0; k < plants; k++) {
            if (k % 2 == 0 && c < charged.size()) planted.put(charged.get(c++).messageId(), Plant.SERVICE_REPORTED_FREE);
            else if (i < intl.size()) planted.put(intl.get(i++).messageId(), Plant.INTERNATIONAL_REPORTED_DOMESTIC);
        }
    }

    /** Second pass: a service message's Meta pricing under 2.10.5, before its rows are made. */
    boolean free(GenMessage m) {
        Month month = months.get(key(m));
        if (month == null) throw new IllegalStateException("message " + m.messageId + " was not seen in the first pass");
        return month.cutoff == null || Item.ORDER.compare(new Item(m.eventTime(), m.messageId), month.cutoff) <= 0;
    }

    /** The planted messages, in the order they were chosen. */
    Map<String, Plant> plannedIds() {
        return planted;
    }

    /** Second pass: what is planted in this message, or null. */
    Plant plantedIn(GenMessage m) {
        return planted.get(m.messageId);
    }
}
