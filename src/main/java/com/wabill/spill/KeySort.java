package com.wabill.spill;

/**
 * Sorts records by a packed 64-bit key instead of comparing objects: a stable LSD radix sort of the keys (with
 * the records' indices), then a stable merge sort of each run of equal keys by a tie comparator that looks at
 * the records themselves. A key is typically a hash: equal hashes say nothing, so everything a hash stands for
 * is compared again on ties, and only there.
 */
public final class KeySort {

    /** Compares the records at two indices. */
    @FunctionalInterface
    public interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION = 16;

    private KeySort() {
    }

    /**
     * The indices {@code 0..keys.length-1}, ordered by key (signed), equal keys by {@code tie}; stable (indices
     * {@code tie} finds equal keep their order). {@code keys} is left as it was.
     */
    public static int[] sort(long[] keys, IntComparator tie) {
        return sort(keys, null, tie);
    }

    /**
     * The indices ordered by {@code primary}, then {@code secondary} (null: none), then {@code tie}; stable. The
     * key arrays are left as they were.
     */
    public static int[] sort(long[] primary, long[] secondary, IntComparator tie) {
        int n = primary.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (n < 2) return idx;
        long[] k1 = new long[n];
        long[] k2 = secondary == null ? null : new long[n];
        for (int i = 0; i < n; i++) {
            k1[i] = primary[i] ^ Long.MIN_VALUE; // signed order as unsigned bytes
            if (k2 != null) k2[i] = secondary[i] ^ Long.MIN_VALUE;
        }
        long[] t1 = new long[n];
        long[] t2 = k2 == null ? null : new long[n];
        int[] tIdx = new int[n];
        int[] counts = new int[256];
        // least significant first: the secondary key's bytes, then the primary's
        for (int pass = k2 == null ? 8 : 0; pass < 16; pass++) {
            long[] key = pass < 8 ? k2 : k1;
            int shift = (pass % 8) * 8;
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) counts[(int) (key[i] >>> shift) & 0xFF]++;
            if (counts[(int) (key[0] >>> shift) & 0xFF] == n) continue; // every key has this byte: nothing to do
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = counts[(int) (key[i] >>> shift) & 0xFF]++;
                t1[at] = k1[i];
                if (k2 != null) t2[at] = k2[i];
                tIdx[at] = idx[i];
            }
            long[] swap = k1;
            k1 = t1;
            t1 = swap;
            if (k2 != null) {
                swap = k2;
                k2 = t2;
                t2 = swap;
            }
            int[] swapIdx = idx;
            idx = tIdx;
            tIdx = swapIdx;
        }
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && k1[j] == k1[i] && (k2 == null || k2[j] == k2[i])) j++;
            if (j - i > 1) sortRun(idx, tIdx, i, j, tie);
            i = j;
        }
        return idx;
    }

    /** Stable sort of {@code idx[from, to)} by {@code cmp}. */
    public static void sortRange(int[] idx, int from, int to, IntComparator cmp) {
        if (to - from > 1) sortRun(idx, new int[idx.length], from, to, cmp);
    }

    /** Stable sort of {@code idx[from, to)} by {@code tie}; {@code tmp} is scratch space of the same length. */
    static void sortRun(int[] idx, int[] tmp, int from, int to, IntComparator tie) {
        if (to - from <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int x = idx[i];
                int j = i - 1;
                while (j >= from && tie.compare(idx[j], x) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sortRun(idx, tmp, from, mid, tie);
        sortRun(idx, tmp, mid, to, tie);
        if (tie.compare(idx[mid - 1], idx[mid]) <= 0) return;
        System.arraycopy(idx, from, tmp, from, to - from);
        int a = from;
        int b = mid;
        int o = from;
        while (a < mid && b < to) idx[o++] = tie.compare(tmp[b], tmp[a]) < 0 ? tmp[b++] : tmp[a++];
        while (a < mid) idx[o++] = tmp[a++];
        while (b < to) idx[o++] = tmp[b++];
    }

    /** A 64-bit hash of a string's chars (FNV-style accumulation, then a full avalanche). */
    public static long hash(String s) {
        return hash(0x9E3779B97F4A7C15L, s);
    }

    /** Continues {@code h} with the chars of {@code s} and its length (so that "ab","c" and "a","bc" differ). */
    public static long hash(long h, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
        h = (h ^ n) * 0xff51afd7ed558ccdL;
        return fmix(h);
    }

    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
