package com.wabill.engine;

/** Status of an outbound message, ranked so that status updates of one message can keep the furthest. */
public enum DeliveryStatus {
    SENT(0),
    FAILED(1),
    DELIVERED(2),
    READ(3);

    /** READ > DELIVERED > FAILED > SENT (SPEC 1.1). */
    public final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public static DeliveryStatus furthest(DeliveryStatus a, DeliveryStatus b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.rank >= b.rank ? a : b;
    }
}
