package com.wabill.tools;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.PricingRegime;
import com.wabill.parquet.MessageLogColumn;

/**
 * Writes realistic WhatsApp Business message logs (SPEC 1.1), Hive-partitioned by the UTC day of
 * {@code sent_at}: {@code <out>/date=YYYY-MM-DD/part-00000.parquet}, more part files for big days. The same
 * options and seed give the same files, byte for byte.
 *
 * <p>Contacts are generated one after the other (see {@link ContactSimulator}); each contact's threads are
 * replayed through the charging engine to fill Meta's columns ({@link MetaAnnotator}); rows are written as they
 * come, a block of contacts at a time in order of {@code sent_at}, so memory stays bounded whatever the volume.
 * {@code --messages-per-day} counts distinct messages per day of {@code sent_at}; webhook retries, status updates
 * and planted bad rows are rows on top.
 *
 * <pre>
 * java -jar tools/target/wabill-tools.jar --profile sample --out sample-data/logs
 * java -jar tools/target/wabill-tools.jar --profile bench --messages-per-day 10000000 --out /tmp/bench/logs
 * </pre>
 * A plain {@code main}: no Spring.
 */
public final class LogGenerator {

    /** Contacts whose rows are buffered, sorted by sent_at and written together. */
    static final int BLOCK_CONTACTS = 256;

    /** The kinds of planted bad rows, in the order they are planted. */
    enum BadRow { TEMPLATE_WITHOUT_CATEGORY, UNKNOWN_DIRECTION, CONFLICTING_DUPLICATE }

    /** What a run wrote. */
    static final class Summary {
        final LocalDate start;
        final long[] messages;
        final long[] rows;
        long exactCopies;
        long statusUpdateRows;
        long deliveredNextDay;
        long failed;
        long sentWithoutReceipt;
        long inbound;
        long entryPointReferrals;
        long freeForm;
        final long[] templates = new long[Category.values().length];
        final Map<BadRow, List<String>> badRows = new LinkedHashMap<>();
        long skippedBadRows;
        MetaAnnotator.Tally tally = new MetaAnnotator.Tally();
        List<java.nio.file.Path> files = List.of();
        /** date= folders of the output that this run did not write (left by an earlier run). */
        List<String> otherDays = List.of();
        /** Service messages numbered under SPEC 2.10.5, and of them charged (beyond the free tier), per phone. */
        final Map<String, long[]> serviceByPhone = new TreeMap<>();
        /** Messages whose Meta pricing was changed on purpose (--plant-pricing): id and what was planted. */
        final Map<String, String> plantedPricing = new LinkedHashMap<>();
        double seconds;

        Summary(LocalDate start, int days) {
            this.start = start;
            this.messages = new long[days];
            this.rows = new long[days];
            for (BadRow b : BadRow.values()) badRows.put(b, new ArrayList<>());
        }

        long totalMessages() {
            return Arrays.stream(messages).sum();
        }

        long totalRows() {
            return Arrays.stream(rows).sum();
        }
    }

    private LogGenerator() {
    }

    public static void main(String[] args) {
        quietLibraries();
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) System.err.println("LogGenerator: " + e.getMessage());
            System.err.println(GeneratorOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        try {
            Summary s = generate(options, options.quiet() ? null : System.err);
            print(options, s, System.out);
        } catch (RuntimeException e) {
            System.err.println("LogGenerator: failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** Hadoop and Parquet log at INFO through logback's default configuration: keep the console for the summary. */
    static void quietLibraries() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Generates the logs of {@code options}; progress lines go to {@code progress} when not null. */
    static Summary generate(GeneratorOptions o, PrintStream progress) {
        long t0 = System.nanoTime();
        Summary summary = new Summary(o.start(), o.days());
        QuotaAllocator quotas = new QuotaAllocator(o.seed(), o.contacts(), o.days(), o.messagesPerDay());
        ContactSimulator simulator = new ContactSimulator(o);
        MetaAnnotator annotator = new MetaAnnotator(o.seed());
        Map<Long, List<BadRow>> plantAt = planBadRows(o);
        List<BadRow> pending = new ArrayList<>();
        int[] quota = new int[o.days()];
        List<Pending> block = new ArrayList<>();
        long total = o.totalMessages();
        long done = 0;
        long lastReport = System.nanoTime();
        // SPEC 2.10.5 numbers a phone number's service messages across all its contacts: when the days reach the
        // rules of 2026-10-01, a first pass over the contacts plans which are free (and what is planted), so that the
        // second writes each row once, a block at a time
        ServicePricingPlan pricing = numbersService(o) ? planServicePricing(o) : null;
        if (pricing != null) pricing.plannedIds().forEach((id, plant) -> summary.plantedPricing.put(id, plant.description));
        try (DayPartitions out = new DayPartitions(o.out(), o.partRows(), o.rowGroupRows())) {
            for (long c = 0; c < o.contacts(); c++) {
                quotas.next(c, quota);
                ContactSimulator.Contact contact = simulator.simulate(c, quota);
                for (List<GenMessage> thread : contact.threads()) {
                    annotator.annotate(thread, contact.country().iso(), summary.tally);
                    for (GenMessage m : thread) {
                        if (pricing != null) price(m, pricing, summary);
                        emit(m, block, summary);
                        done++;
                    }
                }
                List<BadRow> here = plantAt.get(c);
                if (here != null) pending.addAll(here);
                if (!pending.isEmpty()) plant(o, contact, pending, block, summary);
                if ((c + 1) % BLOCK_CONTACTS == 0 || c + 1 == o.contacts()) {
                    flush(block, out);
                    if (progress != null && System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        double s = (lastReport - t0) / 1e9;
                        progress.printf(Locale.ROOT, "  %,d of %,d messages (%.0f%%), %,.0f messages/s%n", done, total,
                                100.0 * done / total, done / s);
                    }
                }
            }
            flush(block, out);
            summary.skippedBadRows = pending.size();
            summary.files = out.files();
            for (int d = 0; d < o.days(); d++) summary.rows[d] = out.rows(o.start().plusDays(d));
        }
        summary.seconds = (System.nanoTime() - t0) / 1e9;
        summary.otherDays = otherDays(o);
        return summary;
    }

    /** Whether the generated days reach a regime that charges service messages beyond a monthly free tier. */
    static boolean numbersService(GeneratorOptions o) {
        LocalDate lastDay = o.start().plusDays(o.days());  // a day more: local days run ahead of UTC in the east
        for (PricingRegime r : PricingRegime.values()) {
            if (r.model() == com.wabill.engine.PricingModel.PMP && r.serviceCharged() && !lastDay.isBefore(r.startsOn())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first pass for SPEC 2.10.5: the same contacts simulated and annotated again (the simulation is a function of
     * the seed and the contact's index), only to see each phone number's service messages and the
     * authentication-international templates; nothing is written.
     */
    private static ServicePricingPlan planServicePricing(GeneratorOptions o) {
        ServicePricingPlan plan = new ServicePricingPlan(o.plantPricing());
        QuotaAllocator quotas = new QuotaAllocator(o.seed(), o.contacts(), o.days(), o.messagesPerDay());
        ContactSimulator simulator = new ContactSimulator(o);
        MetaAnnotator annotator = new MetaAnnotator(o.seed());
        Summary scratch = new Summary(o.start(), o.days());
        int[] quota = new int[o.days()];
        for (long c = 0; c < o.contacts(); c++) {
            quotas.next(c, quota);
            ContactSimulator.Contact contact = simulator.simulate(c, quota);
            for (List<GenMessage> thread : contact.threads()) {
                annotator.annotate(thread, contact.country().iso(), scratch.tally);
                for (GenMessage m : thread) plan.observe(m);
            }
        }
        plan.plan();
        return plan;
    }

    /**
     * SPEC 2.10.5 as Meta's webhooks report it: the first {@link PricingRegime#serviceFreeTier()} delivered service
     * messages of each phone number in each local month are {@code free_customer_service} (not billable), the rest
     * {@code regular} (billable); then the differences planted in Meta's per-message pricing (SPEC 4, Messages).
     */
    private static void price(GenMessage m, ServicePricingPlan plan, Summary summary) {
        if (m.serviceFreeTier) {
            boolean free = plan.free(m);
            m.metaPricingType = free ? "free_customer_service" : "regular";
            m.metaBillable = !free;
            java.time.YearMonth month = java.time.YearMonth.from(m.eventTime().atZone(m.waba.zone()));
            long[] tally = summary.serviceByPhone.computeIfAbsent(m.phone.phoneNumberId() + " " + month,
                    k -> new long[2]);
            tally[0]++;
            if (!free) tally[1]++;
        }
        ServicePricingPlan.Plant plant = plan.plantedIn(m);
        if (plant == ServicePricingPlan.Plant.SERVICE_REPORTED_FREE) {
            m.metaPricingType = "free_customer_service";
            m.metaBillable = false;
        } else if (plant == ServicePricingPlan.Plant.INTERNATIONAL_REPORTED_DOMESTIC) {
            m.metaPricingCategory = "authentication";
        }
    }

    private static List<String> otherDays(GeneratorOptions o) {
        List<String> other = new ArrayList<>();
        try (var dirs = java.nio.file.Files.list(o.out())) {
            for (java.nio.file.Path p : dirs.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("date=") || !java.nio.file.Files.isDirectory(p)) continue;
                boolean ours = false;
                for (int d = 0; d < o.days(); d++) ours |= name.equals("date=" + o.start().plusDays(d));
                if (!ours) other.add(name);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return other;
    }

    /** One row waiting in the block, with what orders it. */
    private record Pending(LocalDate day, long sentAt, long seq, Object[] row) {
    }

    private static final Comparator<Pending> ROW_ORDER = Comparator.comparing(Pending::day)
            .thenComparingLong(Pending::sentAt).thenComparingLong(Pending::seq);

    private static void add(List<Pending> block, Instant sentAt, Object[] row) {
        block.add(new Pending(LocalDate.ofInstant(sentAt, ZoneOffset.UTC), sentAt.toEpochMilli(), block.size(), row));
    }

    private static void flush(List<Pending> block, DayPartitions out) {
        block.sort(ROW_ORDER);
        for (Pending p : block) out.write(p.day(), p.row());
        block.clear();
    }

    private static void emit(GenMessage m, List<Pending> block, Summary s) {
        int day = (int) (LocalDate.ofInstant(m.sentAt, ZoneOffset.UTC).toEpochDay() - s.start.toEpochDay());
        s.messages[day]++;
        if ((m.extraRows & GenMessage.SENT_UPDATE) != 0) {
            add(block, m.sentAt, m.row("SENT", null, m.status != DeliveryStatus.FAILED));
            s.statusUpdateRows++;
        }
        if ((m.extraRows & GenMessage.DELIVERED_UPDATE) != 0) {
            add(block, m.sentAt, m.row("DELIVERED", m.deliveredAt, true));
            s.statusUpdateRows++;
        }
        add(block, m.sentAt, m.row());
        if ((m.extraRows & GenMessage.EXACT_COPY) != 0) {
            add(block, m.sentAt, m.row());
            s.exactCopies++;
        }
        if (m.direction == Direction.INBOUND) {
            s.inbound++;
            if (m.referral != null) s.entryPointReferrals++;
        } else {
            if (m.template) s.templates[m.category.ordinal()]++;
            else s.freeForm++;
            if (m.status == DeliveryStatus.FAILED) s.failed++;
            if (m.status == DeliveryStatus.SENT && m.deliveredAt == null) s.sentWithoutReceipt++;
            if (m.deliveredAt != null && !LocalDate.ofInstant(m.deliveredAt, ZoneOffset.UTC)
                    .equals(LocalDate.ofInstant(m.sentAt, ZoneOffset.UTC))) {
                s.deliveredNextDay++;
            }
        }
    }

    /** Bad row {@code j} goes to a contact spread over the run; kinds take turns. */
    private static Map<Long, List<BadRow>> planBadRows(GeneratorOptions o) {
        Map<Long, List<BadRow>> at = new TreeMap<>();
        for (int j = 0; j < o.badRows(); j++) {
            long c = Math.min(o.contacts() - 1, (j + 1) * o.contacts() / (o.badRows() + 1));
            at.computeIfAbsent(c, k -> new ArrayList<>()).add(BadRow.values()[j % BadRow.values().length]);
        }
        return at;
    }

    /**
     * Plants the pending bad rows this contact can take: rows that are not messages borrow the thread and time of
     * the contact's first message; a conflicting duplicate copies a failed message (which changes no thread state,
     * so that rejecting both copies leaves the rest of the replay and Meta's columns in agreement) with another
     * template name. What the contact cannot take waits for the next contact.
     */
    private static void plant(GeneratorOptions o, ContactSimulator.Contact contact, List<BadRow> pending,
                              List<Pending> block, Summary s) {
        GenMessage first = null;
        List<GenMessage> failed = new ArrayList<>();
        for (List<GenMessage> thread : contact.threads()) {
            for (GenMessage m : thread) {
                if (first == null) first = m;
                if (m.status == DeliveryStatus.FAILED && m.extraRows == 0) failed.add(m);
            }
        }
        if (first == null) return;
        ContactSimulator.IdSource ids = new ContactSimulator.IdSource(o.seed(), contact.index());
        int extra = 0;
        for (var it = pending.iterator(); it.hasNext(); ) {
            BadRow kind = it.next();
            Object[] row;
            String id;
            switch (kind) {
                case TEMPLATE_WITHOUT_CATEGORY -> {
                    id = ids.extra(extra++);
                    row = first.row("DELIVERED", first.sentAt.plusMillis(900), false);
                    row[MessageLogColumn.DIRECTION.ordinal()] = "OUTBOUND";
                    row[MessageLogColumn.MESSAGE_TYPE.ordinal()] = "TEMPLATE";
                    row[MessageLogColumn.TEMPLATE_NAME.ordinal()] = "summer_promo";
                    row[MessageLogColumn.TEMPLATE_CATEGORY.ordinal()] = null;
                    row[MessageLogColumn.REFERRAL_SOURCE_TYPE.ordinal()] = null;
                }
                case UNKNOWN_DIRECTION -> {
                    id = ids.extra(extra++);
                    row = first.row(null, null, false);
                    row[MessageLogColumn.DIRECTION.ordinal()] = "SIDEWAYS";
                    row[MessageLogColumn.MESSAGE_TYPE.ordinal()] = "TEXT";
                    row[MessageLogColumn.TEMPLATE_NAME.ordinal()] = null;
                    row[MessageLogColumn.TEMPLATE_CATEGORY.ordinal()] = null;
                    row[MessageLogColumn.REFERRAL_SOURCE_TYPE.ordinal()] = null;
                }
                case CONFLICTING_DUPLICATE -> {
                    if (failed.isEmpty()) continue;
                    GenMessage m = failed.remove(0);
                    id = m.messageId;
                    row = m.row();
                    row[MessageLogColumn.TEMPLATE_NAME.ordinal()] =
                            m.templateName == null ? "order_update" : m.templateName + "_v2";
                }
                default -> throw new IllegalStateException();
            }
            row[MessageLogColumn.MESSAGE_ID.ordinal()] = id;
            add(block, first.sentAt, row);
            s.badRows.get(kind).add(id);
            it.remove();
        }
    }

    static void print(GeneratorOptions o, Summary s, PrintStream out) {
        out.println("LogGenerator: " + o.describe());
        out.printf(Locale.ROOT, "wrote %,d messages in %,d rows to %s (%d file(s)) in %.1f s: %,.0f messages/s, %,.0f rows/s%n",
                s.totalMessages(), s.totalRows(), o.out(), s.files.size(), s.seconds,
                s.totalMessages() / Math.max(s.seconds, 1e-9), s.totalRows() / Math.max(s.seconds, 1e-9));
        for (int d = 0; d < s.messages.length; d++) {
            out.printf(Locale.ROOT, "  date=%s  %,d messages, %,d rows%n", o.start().plusDays(d), s.messages[d], s.rows[d]);
        }
        out.printf(Locale.ROOT, "  inbound %,d (%,d from an ad or post), free-form outbound %,d, templates: marketing %,d, utility %,d, authentication %,d%n",
                s.inbound, s.entryPointReferrals, s.freeForm, s.templates[Category.MARKETING.ordinal()],
                s.templates[Category.UTILITY.ordinal()], s.templates[Category.AUTHENTICATION.ordinal()]);
        out.printf(Locale.ROOT, "  failed %,d, sent without delivery receipt %,d, delivered on a later UTC day %,d%n",
                s.failed, s.sentWithoutReceipt, s.deliveredNextDay);
        out.printf(Locale.ROOT, "  duplicate rows: %,d webhook retries (exact copies), %,d status updates%n",
                s.exactCopies, s.statusUpdateRows);
        out.printf(Locale.ROOT, "  replay (as Meta's columns say): %,d free-form messages outside the window, %,d frequency-cap risks%n",
                s.tally.refused, s.tally.frequencyCap);
        for (var e : new TreeMap<>(s.tally.opened).entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (Category c : Category.values()) {
                long n = e.getValue()[c.ordinal()];
                if (n > 0) sb.append(sb.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT)).append(' ').append(String.format(Locale.ROOT, "%,d", n));
            }
            out.printf(Locale.ROOT, "  %s: CBP conversations opened: %s%n", e.getKey(), sb);
        }
        long bad = s.badRows.values().stream().mapToLong(List::size).sum();
        if (bad > 0 || s.skippedBadRows > 0) {
            out.printf(Locale.ROOT, "  bad rows planted: %d", bad);
            s.badRows.forEach((k, v) -> {
                if (!v.isEmpty()) out.printf(Locale.ROOT, ", %s %s", k, v);
            });
            out.println();
            if (s.skippedBadRows > 0) out.printf(Locale.ROOT, "  WARNING: %d bad row(s) found no contact to go to%n", s.skippedBadRows);
        }
        s.serviceByPhone.forEach((k, v) -> out.printf(Locale.ROOT,
                "  service messages under the free tier of 2026-10-01, phone %s: %,d (%,d charged beyond the free ones)%n",
                k, v[0], v[1]));
        s.plantedPricing.forEach((id, what) -> out.printf(Locale.ROOT, "  planted in Meta's pricing: %s: %s%n", id, what));
        if (!s.otherDays.isEmpty()) {
            out.printf(Locale.ROOT, "  NOTE: %s also holds %s from an earlier run (not touched)%n", o.out(), String.join(", ", s.otherDays));
        }
    }
}
