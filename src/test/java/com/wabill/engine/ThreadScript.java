package com.wabill.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-line-per-message notation for thread tests, so that a rule's cases read as a table:
 * {@code "<time> <id> <kind> [modifiers]"}.
 *
 * <ul>
 *   <li>time: {@code H:MM[:SS[.fraction]]} after the script's base instant; hours may exceed 24</li>
 *   <li>kind: {@code IN}, {@code TEXT} (any free-form outbound message), {@code MARKETING},
 *       {@code UTILITY}, {@code AUTHENTICATION} (outbound templates)</li>
 *   <li>modifiers: {@code AD}, {@code POST} (inbound referral); {@code FAILED}, {@code SENT},
 *       {@code READ} (status, default DELIVERED); {@code DLV} (has a delivered_at); {@code PMP}, {@code CBP}
 *       (model, under its first regime; default: the script's), {@code PMP26} (the regime of 2026-10-01, SPEC 2.10)</li>
 * </ul>
 */
final class ThreadScript {

    static final Instant CBP_BASE = Instant.parse("2024-12-02T00:00:00Z");
    static final Instant PMP_BASE = Instant.parse("2025-08-04T00:00:00Z");
    static final Instant PMP26_BASE = Instant.parse("2026-10-05T00:00:00Z");

    private ThreadScript() {
    }

    static List<ThreadMessage> parse(Instant base, PricingModel model, String... lines) {
        return under(base, model == null ? null : PricingRegime.firstOf(model), lines);
    }

    /** The lines under {@code regime} by default (each message's modifier may name another). */
    static List<ThreadMessage> under(Instant base, PricingRegime regime, String... lines) {
        List<ThreadMessage> out = new ArrayList<>();
        for (String line : lines) out.add(messageUnder(base, regime, line));
        return out;
    }

    static ThreadMessage message(Instant base, PricingModel defaultModel, String line) {
        return messageUnder(base, defaultModel == null ? null : PricingRegime.firstOf(defaultModel), line);
    }

    static ThreadMessage messageUnder(Instant base, PricingRegime defaultRegime, String line) {
        String[] tok = line.trim().split("\\s+");
        Instant t = base.plus(offset(tok[0]));
        String id = tok[1];
        String kind = tok[2];
        boolean inbound = kind.equals("IN");
        boolean template = !inbound && !kind.equals("TEXT");
        Category category = template ? Category.valueOf(kind) : null;
        boolean referral = false;
        DeliveryStatus status = inbound ? null : DeliveryStatus.DELIVERED;
        boolean delivered = false;
        PricingRegime regime = defaultRegime;
        for (int i = 3; i < tok.length; i++) {
            switch (tok[i]) {
                case "AD", "POST" -> referral = true;
                case "FAILED", "SENT", "READ" -> status = DeliveryStatus.valueOf(tok[i]);
                case "DLV" -> delivered = true;
                case "PMP", "CBP" -> regime = PricingRegime.firstOf(PricingModel.valueOf(tok[i]));
                case "PMP26" -> regime = PricingRegime.PMP_2026_10;
                default -> throw new IllegalArgumentException("unknown modifier " + tok[i] + " in " + line);
            }
        }
        return new ThreadMessage(id, inbound ? Direction.INBOUND : Direction.OUTBOUND, t, template, category,
                referral, status, delivered, regime);
    }

    /** {@code H:MM[:SS[.fraction]]}. */
    static Duration offset(String text) {
        String[] p = text.split(":");
        Duration d = Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]));
        if (p.length > 2) {
            String[] s = p[2].split("\\.");
            d = d.plusSeconds(Long.parseLong(s[0]));
            if (s.length > 1) {
                String nanos = (s[1] + "000000000").substring(0, 9);
                d = d.plusNanos(Long.parseLong(nanos));
            }
        }
        return d;
    }

    /** The decisions of a whole replay from {@link ThreadState#EMPTY}, by message id, and the final state. */
    record Replay(Map<String, Decision> decisions, ThreadState state, List<ThreadState> states) {
        Decision get(String id) {
            Decision d = decisions.get(id);
            if (d == null) throw new IllegalArgumentException("no message " + id);
            return d;
        }
    }

    /** Replays messages in the order given (callers pass them in replay order or sort them first). */
    static Replay replay(ThreadState start, List<ThreadMessage> messages) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        List<ThreadState> states = new ArrayList<>();
        ThreadState s = start;
        for (ThreadMessage m : messages) {
            Decision d = ChargingEngine.decide(s, m);
            s = ChargingEngine.evolve(s, m, d);
            decisions.put(m.messageId(), d);
            states.add(s);
        }
        return new Replay(decisions, s, states);
    }

    static Replay replay(List<ThreadMessage> messages) {
        return replay(ThreadState.EMPTY, messages);
    }
}
