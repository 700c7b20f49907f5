package com.wabill.replay;

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
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (n < 2) return idx;
        long[] k = new long[n];
        for (int i = 0; i < n; i++) k[i] = keys[i] ^ Long.MIN_VALUE; // signed order as unsigned bytes
        long[] k2 = new long[n];
        int[] idx2 = new int[n];
        int[] counts = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) counts[(int) (k[i] >>> shift) & 0xFF]++;
            if (counts[(int) (k[0] >>> shift) & 0xFF] == n) continue; // every key has this byte: nothing to do
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = counts[(int) (k[i] >>> shift) & 0xFF]++;
                k2[at] = k[i];
                idx2[at] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && k[j] == k[i]) j++;
            if (j - i > 1) sortRun(idx, idx2, i, j, tie);
            i = j;
        }
        return idx;
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
