package com.wabill.tools;

import java.nio.charset.StandardCharsets;

/** Hashing helpers: every random choice of the generator is a pure function of the seed and an index. */
final class Mix {

    private Mix() {
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values with good avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long a, long b) {
        return mix64(mix64(a) + 0x9e3779b97f4a7c15L * (b + 1));
    }

    static long of(long a, long b, long c) {
        return of(of(a, b), c);
    }

    /** FNV-1a 64 of a string's UTF-8 bytes, then mixed. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }
}
