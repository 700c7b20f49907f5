package com.wabill.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Flag sets as small bit masks, with one shared immutable sorted list per combination so that a
 * decision never allocates for its flags. {@link Flag} is declared alphabetically, so ordinal order
 * is the written order.
 */
final class Flags {
    static final int FREQUENCY_CAP_RISK = bit(Flag.FREQUENCY_CAP_RISK);
    static final int NO_DELIVERY_RECEIPT = bit(Flag.NO_DELIVERY_RECEIPT);
    static final int UNSUPPORTED_CATEGORY = bit(Flag.UNSUPPORTED_CATEGORY);

    /** The number of flag sets: masks run from 0 to MASKS - 1. */
    static final int MASKS = 1 << Flag.values().length;

    private static final List<List<Flag>> BY_MASK;

    static {
        Flag[] all = Flag.values();
        List<List<Flag>> byMask = new ArrayList<>(1 << all.length);
        for (int mask = 0; mask < 1 << all.length; mask++) {
            List<Flag> flags = new ArrayList<>();
            for (Flag f : all) {
                if ((mask & bit(f)) != 0) flags.add(f);
            }
            byMask.add(List.copyOf(flags));
        }
        BY_MASK = Collections.unmodifiableList(byMask);
    }

    private Flags() {
    }

    private static int bit(Flag f) {
        return 1 << f.ordinal();
    }

    static List<Flag> of(int mask) {
        return BY_MASK.get(mask);
    }

    static String text(List<Flag> flags) {
        if (flags.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (Flag f : flags) {
            if (sb.length() > 0) sb.append(';');
            sb.append(f.name());
        }
        return sb.toString();
    }
}
