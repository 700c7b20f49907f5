package com.wabill.tools;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import com.wabill.engine.Category;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;

/**
 * Generates the messages of one contact: one thread (a business phone number and the contact), sometimes two
 * (the contact also writes to another WABA), with exactly the number of messages asked for on each UTC day of
 * {@code sent_at}.
 *
 * <p>A day's messages come as sessions, placed in the contact's waking hours:
 * <ul>
 *   <li>inquiry: the customer writes (sometimes from a Click-to-WhatsApp ad or a Page button), the business
 *       answers with free-form messages, sometimes followed by a utility or marketing template;</li>
 *   <li>campaign: a marketing template, sometimes answered, sometimes followed by more marketing the same day;</li>
 *   <li>notification: one or two utility templates (order, shipping), sometimes answered;</li>
 *   <li>one-time password: an authentication template, sometimes sent again;</li>
 *   <li>follow-up: a free-form message from the business; outside the customer service window it is mostly
 *       turned into a template, and otherwise left as the policy violation it is.</li>
 * </ul>
 * Outbound messages get a status (about 2% FAILED, 3% SENT without a delivery receipt) and a delivery time
 * seconds to hours after sending, now and then after the next midnight. Some messages get extra rows: a
 * webhook retry (an exact copy) or earlier status updates. Everything is drawn from a generator seeded by the
 * seed and the contact's index, so contacts can be generated in any order.
 */
final class ContactSimulator {

    /** A contact's threads, each with its messages in order of sent_at. */
    record Contact(long index, String number, Catalog.Country country, List<List<GenMessage>> threads) {
    }

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final long SECOND_MS = 1_000L;
    private static final long WINDOW_MS = Duration.ofHours(24).toMillis();

    /** Relative activity per local hour, 0 to 23. */
    private static final double[] HOURS = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3.5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6.5, 7, 7, 6, 4, 2};
    private static final double[] HOURS_CUMULATIVE = cumulative(HOURS);

    private static final String[] MARKETING = {"spring_sale", "abandoned_cart_reminder", "new_collection",
            "loyalty_points_offer", "weekend_flash_sale"};
    private static final String[] UTILITY = {"order_confirmation", "shipping_update", "delivery_confirmation",
            "payment_reminder", "appointment_reminder"};
    private static final String[] AUTHENTICATION = {"login_otp", "verify_phone_code"};

    private enum Kind { IN, OUT_FREE, OUT_TEMPLATE, OUT_FOLLOW_UP }

    /** One planned message of a session: what, and how long after the previous one. */
    private record Step(Kind kind, Category category, long gapMs, boolean referral) {
    }

    private final GeneratorOptions options;
    private final double[] wabaCumulative;
    private final double[] countryCumulative;

    ContactSimulator(GeneratorOptions options) {
        this.options = options;
        double[] w = new double[options.wabas().size()];
        for (int i = 0; i < w.length; i++) w[i] = options.wabas().get(i).weight();
        this.wabaCumulative = cumulative(w);
        double[] c = new double[Catalog.COUNTRIES.size()];
        for (int i = 0; i < c.length; i++) c[i] = Catalog.COUNTRIES.get(i).weight();
        this.countryCumulative = cumulative(c);
    }

    /** The messages of contact {@code index}, with {@code quota[d]} messages sent on day {@code start + d}. */
    Contact simulate(long index, int[] quota) {
        SplittableRandom r = new SplittableRandom(Mix.of(options.seed(), 0xC0, index));
        int wabaIndex = pick(r, wabaCumulative);
        Catalog.Waba waba = options.wabas().get(wabaIndex);
        Catalog.Country country = r.nextDouble() < 0.65 ? waba.home()
                : Catalog.COUNTRIES.get(pick(r, countryCumulative));
        String number = country.number(index, r.nextInt(1 << 16));
        String written = r.nextDouble() < 0.015 ? "+" + number : number;

        List<Catalog.Waba> threadWabas = new ArrayList<>();
        threadWabas.add(waba);
        if (options.wabas().size() > 1 && r.nextDouble() < 0.03) {
            int other = pick(r, wabaCumulative);
            if (other == wabaIndex) other = (other + 1) % options.wabas().size();
            threadWabas.add(options.wabas().get(other));
        }
        IdSource ids = new IdSource(options.seed(), index);
        List<List<GenMessage>> threads = new ArrayList<>(threadWabas.size());
        for (int t = 0; t < threadWabas.size(); t++) {
            Catalog.Waba w = threadWabas.get(t);
            Catalog.Phone phone = w.phones().get(r.nextInt(w.phones().size()));
            int[] q = new int[quota.length];
            for (int d = 0; d < quota.length; d++) {
                // a second thread takes a third of the contact's messages
                q[d] = threadWabas.size() == 1 ? quota[d] : t == 0 ? quota[d] - quota[d] / 3 : quota[d] / 3;
            }
            threads.add(thread(r, ids, w, phone, written, country, q));
        }
        return new Contact(index, number, country, threads);
    }

    private List<GenMessage> thread(SplittableRandom r, IdSource ids, Catalog.Waba waba, Catalog.Phone phone,
                                    String contact, Catalog.Country country, int[] quota) {
        int n = 0;
        for (int q : quota) n += q;
        List<GenMessage> out = new ArrayList<>(n);
        Instant lastInbound = null;
        for (int d = 0; d < quota.length; d++) {
            if (quota[d] == 0) continue;
            LocalDate day = options.start().plusDays(d);
            long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            List<List<Step>> sessions = sessions(r, quota[d]);
            long[] times = place(r, sessions, country);
            int k = 0;
            for (List<Step> session : sessions) {
                for (Step s : session) {
                    GenMessage m = new GenMessage();
                    m.messageId = ids.next();
                    m.waba = waba;
                    m.phone = phone;
                    m.contact = contact;
                    m.sentAt = Instant.ofEpochMilli(dayStart + times[k++]);
                    Kind kind = s.kind();
                    if (kind == Kind.OUT_FOLLOW_UP) {
                        boolean windowOpen = lastInbound != null && m.sentAt.toEpochMilli() < lastInbound.toEpochMilli() + WINDOW_MS;
                        if (windowOpen || r.nextDouble() < 0.08) {
                            kind = Kind.OUT_FREE; // rarely sent outside the window: Meta would refuse it
                        } else {
                            kind = Kind.OUT_TEMPLATE;
                            s = new Step(kind, r.nextBoolean() ? Category.MARKETING : Category.UTILITY, 0, false);
                        }
                    }
                    switch (kind) {
                        case IN -> {
                            inbound(r, m, s.referral());
                            lastInbound = m.sentAt;
                        }
                        case OUT_FREE -> freeForm(r, m);
                        case OUT_TEMPLATE -> template(r, m, s.category());
                        default -> throw new IllegalStateException();
                    }
                    if (m.direction == Direction.OUTBOUND) deliver(r, m, dayStart);
                    if (r.nextDouble() < 0.01) m.extraRows |= GenMessage.EXACT_COPY;
                    out.add(m);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ sessions

    private List<List<Step>> sessions(SplittableRandom r, int quota) {
        List<List<Step>> sessions = new ArrayList<>();
        int total = 0;
        while (total < quota) {
            List<Step> s = session(r);
            if (total + s.size() > quota) s = s.subList(0, quota - total);
            sessions.add(s);
            total += s.size();
        }
        return sessions;
    }

    private List<Step> session(SplittableRandom r) {
        List<Step> s = new ArrayList<>(8);
        double p = r.nextDouble();
        if (p < 0.40) { // inquiry
            double ref = r.nextDouble();
            s.add(new Step(Kind.IN, null, 0, ref < 0.10));
            int rounds = 1;
            while (rounds < 5 && r.nextDouble() < 0.45) rounds++;
            for (int i = 0; i < rounds; i++) {
                s.add(new Step(Kind.OUT_FREE, null, logUniform(r, 15 * SECOND_MS, 8 * MINUTE_MS), false));
                if (i + 1 < rounds || r.nextDouble() < 0.4) {
                    s.add(new Step(Kind.IN, null, logUniform(r, 20 * SECOND_MS, 30 * MINUTE_MS), false));
                }
            }
            if (r.nextDouble() < 0.12) s.add(new Step(Kind.OUT_TEMPLATE, Category.UTILITY, logUniform(r, MINUTE_MS, 20 * MINUTE_MS), false));
            if (r.nextDouble() < 0.05) s.add(new Step(Kind.OUT_TEMPLATE, Category.MARKETING, logUniform(r, 5 * MINUTE_MS, HOUR_MS), false));
        } else if (p < 0.65) { // campaign
            s.add(new Step(Kind.OUT_TEMPLATE, Category.MARKETING, 0, false));
            if (r.nextDouble() < 0.25) {
                s.add(new Step(Kind.IN, null, logUniform(r, 2 * MINUTE_MS, 6 * HOUR_MS), false));
                int replies = 1 + (r.nextDouble() < 0.4 ? 1 : 0);
                for (int i = 0; i < replies; i++) s.add(new Step(Kind.OUT_FREE, null, logUniform(r, 30 * SECOND_MS, 10 * MINUTE_MS), false));
            }
            if (r.nextDouble() < 0.15) {
                s.add(new Step(Kind.OUT_TEMPLATE, Category.MARKETING, logUniform(r, HOUR_MS, 10 * HOUR_MS), false));
                if (r.nextDouble() < 0.35) s.add(new Step(Kind.OUT_TEMPLATE, Category.MARKETING, logUniform(r, HOUR_MS, 6 * HOUR_MS), false));
            }
        } else if (p < 0.85) { // notification
            s.add(new Step(Kind.OUT_TEMPLATE, Category.UTILITY, 0, false));
            if (r.nextDouble() < 0.3) s.add(new Step(Kind.OUT_TEMPLATE, Category.UTILITY, logUniform(r, 10 * MINUTE_MS, 8 * HOUR_MS), false));
            if (r.nextDouble() < 0.15) {
                s.add(new Step(Kind.IN, null, logUniform(r, MINUTE_MS, 3 * HOUR_MS), false));
                s.add(new Step(Kind.OUT_FREE, null, logUniform(r, 30 * SECOND_MS, 15 * MINUTE_MS), false));
            }
        } else if (p < 0.95) { // one-time password
            s.add(new Step(Kind.OUT_TEMPLATE, Category.AUTHENTICATION, 0, false));
            if (r.nextDouble() < 0.12) s.add(new Step(Kind.OUT_TEMPLATE, Category.AUTHENTICATION, logUniform(r, 30 * SECOND_MS, 3 * MINUTE_MS), false));
            if (r.nextDouble() < 0.05) s.add(new Step(Kind.IN, null, logUniform(r, 20 * SECOND_MS, 5 * MINUTE_MS), false));
        } else { // follow-up
            s.add(new Step(Kind.OUT_FOLLOW_UP, null, 0, false));
        }
        return s;
    }

    /**
     * Times (ms after the day's start) of every step: sessions start at the contact's waking hours, one after the
     * other; when the last message would fall after midnight, the day's times are scaled down to fit.
     */
    private long[] place(SplittableRandom r, List<List<Step>> sessions, Catalog.Country country) {
        long[] starts = new long[sessions.size()];
        long offsetMs = Math.round(country.utcOffsetHours() * HOUR_MS);
        for (int i = 0; i < starts.length; i++) {
            long local = pick(r, HOURS_CUMULATIVE) * HOUR_MS + r.nextLong(HOUR_MS);
            starts[i] = Math.floorMod(local - offsetMs, DAY_MS);
        }
        java.util.Arrays.sort(starts);
        int n = 0;
        for (List<Step> s : sessions) n += s.size();
        long[] times = new long[n];
        int k = 0;
        long cursor = -1;
        for (int i = 0; i < sessions.size(); i++) {
            long t = cursor < 0 ? starts[i] : Math.max(starts[i], cursor + SECOND_MS + r.nextLong(60 * SECOND_MS));
            for (Step s : sessions.get(i)) {
                t += s.gapMs();
                times[k++] = t;
            }
            cursor = t;
        }
        if (n > 0 && times[n - 1] >= DAY_MS) {
            double f = (double) (DAY_MS - 1) / (times[n - 1] + 1);
            for (int i = 0; i < n; i++) times[i] = (long) (times[i] * f);
        }
        return times;
    }

    // ------------------------------------------------------------------ message content

    private static void inbound(SplittableRandom r, GenMessage m, boolean referral) {
        m.direction = Direction.INBOUND;
        double t = r.nextDouble();
        m.messageType = t < 0.80 ? "TEXT" : t < 0.90 ? "IMAGE" : t < 0.95 ? "AUDIO" : "BUTTON";
        if (referral) {
            String type = r.nextDouble() < 0.7 ? "AD" : "POST";
            m.referral = r.nextDouble() < 0.1 ? type.toLowerCase(java.util.Locale.ROOT) : type;
            m.messageType = "TEXT";
        }
    }

    private static void freeForm(SplittableRandom r, GenMessage m) {
        m.direction = Direction.OUTBOUND;
        double t = r.nextDouble();
        m.messageType = t < 0.70 ? "TEXT" : t < 0.82 ? "IMAGE" : t < 0.94 ? "INTERACTIVE" : "DOCUMENT";
    }

    private static void template(SplittableRandom r, GenMessage m, Category category) {
        m.direction = Direction.OUTBOUND;
        m.template = true;
        m.messageType = r.nextDouble() < 0.02 ? "template" : "TEMPLATE";
        m.category = category;
        String[] names = switch (category) {
            case MARKETING -> MARKETING;
            case UTILITY -> UTILITY;
            case AUTHENTICATION -> AUTHENTICATION;
            default -> throw new IllegalArgumentException("not a template category: " + category);
        };
        m.templateName = names[r.nextInt(names.length)];
        double c = r.nextDouble();
        String name = category.name();
        m.categoryText = c < 0.93 ? name : c < 0.98 ? name.toLowerCase(java.util.Locale.ROOT)
                : name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Status, delivery time and status-update rows of an outbound message. */
    private static void deliver(SplittableRandom r, GenMessage m, long dayStart) {
        double s = r.nextDouble();
        if (s < 0.02) {
            m.status = DeliveryStatus.FAILED;
            if (r.nextDouble() < 0.2) m.extraRows |= GenMessage.SENT_UPDATE;
            return;
        }
        if (s < 0.05) {
            m.status = DeliveryStatus.SENT; // no delivery receipt
            return;
        }
        long sent = m.sentAt.toEpochMilli();
        long delay;
        double d = r.nextDouble();
        long msToMidnight = dayStart + DAY_MS - sent;
        if (msToMidnight < HOUR_MS && d < 0.08) {
            delay = msToMidnight + logUniform(r, SECOND_MS, 2 * HOUR_MS); // delivered after midnight
        } else if (d < 0.85) {
            delay = logUniform(r, 300, 5 * SECOND_MS);
        } else if (d < 0.97) {
            delay = logUniform(r, 5 * SECOND_MS, 10 * MINUTE_MS);
        } else {
            delay = logUniform(r, 10 * MINUTE_MS, 6 * HOUR_MS); // phone off
        }
        m.status = r.nextDouble() < 0.65 ? DeliveryStatus.READ : DeliveryStatus.DELIVERED;
        if (r.nextDouble() < 0.005) return; // the delivered webhook was lost: delivered, no delivered_at
        m.deliveredAt = Instant.ofEpochMilli(sent + delay);
        if (r.nextDouble() < 0.04) {
            m.extraRows |= GenMessage.SENT_UPDATE;
            if (m.status == DeliveryStatus.READ && r.nextDouble() < 0.3) m.extraRows |= GenMessage.DELIVERED_UPDATE;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static long logUniform(SplittableRandom r, long min, long max) {
        double lo = Math.log(min);
        double hi = Math.log(max);
        return Math.round(Math.exp(lo + r.nextDouble() * (hi - lo)));
    }

    static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            c[i] = sum;
        }
        return c;
    }

    static int pick(SplittableRandom r, double[] cumulative) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) return i;
        }
        return cumulative.length - 1;
    }

    /**
     * Message ids of one contact: {@code wamid.HBgM} and 16 base64url characters of a bijective mix of the
     * contact's index and a counter, so ids never repeat within a seed.
     */
    static final class IdSource {
        private final long seedMix;
        private final long contact;
        private long seq;

        IdSource(long seed, long contact) {
            this.seedMix = Mix.mix64(seed ^ 0x5EED5EEDL);
            this.contact = contact;
        }

        String next() {
            long v = (contact << 24) | (seq++ & 0xFFFFFF);
            if (seq > 0xFFFFFF) throw new IllegalStateException("too many messages for one contact");
            return format(Mix.mix64(v ^ seedMix), Mix.of(seedMix, v));
        }

        /** An id outside the counter's range, for planted bad rows. */
        String extra(long k) {
            long v = (contact << 24) | (0xFFFFFF - k);
            return format(Mix.mix64(v ^ seedMix), Mix.of(seedMix, v) ^ 0xBADL);
        }

        private static String format(long a, long b) {
            byte[] bytes = new byte[12];
            for (int i = 0; i < 8; i++) bytes[i] = (byte) (a >>> (8 * i));
            for (int i = 0; i < 4; i++) bytes[8 + i] = (byte) (b >>> (8 * i));
            return "wamid.HBgM" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
