package com.wabill.tools;

import java.util.SplittableRandom;

/**
 * Splits each day's messages among the contacts so that every day gets exactly the number asked for, while
 * contacts are visited one after the other and nothing per contact is kept.
 *
 * <p>Each contact has an activity weight per day (heavy-tailed across contacts, varying from day to day, and
 * nearly zero on the days it is silent). A first pass adds the weights of each day up; the generator then
 * visits the contacts in order, and contact {@code c} gets {@code floor(N·S(c+1)/W) − floor(N·S(c)/W)}
 * messages on that day, where {@code S(c)} is the running sum of the weights before it: the quotas add up to
 * {@code N} exactly (the last contact takes what rounding left over). Memory: two doubles per day.
 */
final class QuotaAllocator {

    private final long seed;
    private final long contacts;
    private final int days;
    private final long perDay;
    private final double[] total;
    private final double[] running;
    private final long[] allocated;
    private long next;

    QuotaAllocator(long seed, long contacts, int days, long perDay) {
        this.seed = seed;
        this.contacts = contacts;
        this.days = days;
        this.perDay = perDay;
        this.total = new double[days];
        this.running = new double[days];
        this.allocated = new long[days];
        double[] w = new double[days];
        for (long c = 0; c < contacts; c++) {
            weights(c, w);
            for (int d = 0; d < days; d++) total[d] += w[d];
        }
    }

    /** The activity of contact {@code c} on each day. */
    void weights(long c, double[] out) {
        SplittableRandom base = new SplittableRandom(Mix.of(seed, 0xA11CE, c));
        double activity = Math.exp(1.0 * base.nextGaussian());
        for (int d = 0; d < days; d++) {
            SplittableRandom r = new SplittableRandom(Mix.of(seed, 0xDA7, c * 4096 + d));
            boolean silent = r.nextDouble() < 0.2;
            out[d] = silent ? activity * 1e-6 : activity * Math.exp(0.6 * r.nextGaussian());
        }
    }

    /** The quotas of the next contact (contacts must be asked for in order 0, 1, 2, …). */
    void next(long c, int[] quota) {
        if (c != next) throw new IllegalStateException("contacts must be visited in order: expected " + next + ", got " + c);
        next++;
        double[] w = new double[days];
        weights(c, w);
        for (int d = 0; d < days; d++) {
            long until;
            if (c == contacts - 1) {
                until = perDay;
            } else {
                running[d] += w[d];
                until = Math.min(perDay, (long) Math.floor(perDay * running[d] / total[d]));
            }
            long q = Math.max(0, until - allocated[d]);
            allocated[d] += q;
            if (q > Integer.MAX_VALUE) throw new IllegalStateException("one contact would get " + q + " messages in a day");
            quota[d] = (int) q;
        }
    }
}
