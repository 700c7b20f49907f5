package com.wabill.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small generated message log over two WABAs of the test reference data ({@code waba-1}: São Paulo, two phone
 * numbers; {@code waba-2}: Oslo, one), contacts in Brazil, the US, Mexico and India: conversation-based pricing in
 * June 2025 (marketing, utility, authentication, service and free entry point conversations, a failed template and
 * a refused free-form message) and per-message pricing in July 2025 (charged templates, free customer service
 * messages, a free entry point window). Deterministic: the same rows every time, some of them shortly after UTC
 * midnight, so that local and UTC days differ.
 */
final class ThreadSet {

    record Phone(String waba, String phoneNumberId, String digits) {
    }

    static final List<Phone> PHONES = List.of(
            new Phone("waba-1", "pn-1", "5511400000001"),
            new Phone("waba-1", "pn-2", "5511400000002"),
            new Phone("waba-2", "pn-3", "4721000003"));

    static final int CONTACTS_PER_PHONE = 12;

    private final List<Map<String, Object>> rows = new ArrayList<>();
    private int seq;

    private ThreadSet() {
    }

    /** The log rows, without Meta's webhook columns. */
    static List<Map<String, Object>> generate() {
        ThreadSet t = new ThreadSet();
        for (int p = 0; p < PHONES.size(); p++) {
            Phone phone = PHONES.get(p);
            for (int k = 0; k < CONTACTS_PER_PHONE; k++) {
                String contact = contact(p, k);
                String prefix = phone.phoneNumberId() + "-c" + k + "-";
                Instant june = Instant.parse("2025-06-10T00:00:00Z")
                        .plus(Duration.ofDays(k % 3)).plus(Duration.ofHours(1 + (5L * k + 7L * p) % 22));
                t.cbp(phone, contact, prefix + "j", june, (k + p) % 4);
                Instant july = Instant.parse("2025-07-15T00:00:00Z")
                        .plus(Duration.ofDays(k % 2)).plus(Duration.ofHours(1 + (3L * k + 5L * p) % 22));
                t.pmp(phone, contact, prefix + "k", july, (k + p) % 3);
            }
        }
        return t.rows;
    }

    private static String contact(int p, int k) {
        String n = String.format("%02d%02d", p, k);
        return switch (k % 4) {
            case 0 -> "551198765" + n;   // Brazil
            case 1 -> "1212555" + n;     // US (New York)
            case 2 -> "52155512" + n;    // Mexico
            default -> "91981234" + n;   // India
        };
    }

    private void cbp(Phone phone, String contact, String id, Instant t, int script) {
        switch (script) {
            case 0 -> { // marketing, a reply, a free-form answer in it; a utility template the next day
                template(phone, contact, id, t, "MARKETING");
                inbound(phone, contact, id, t.plusSeconds(1800), null);
                freeForm(phone, contact, id, t.plusSeconds(2100));
                template(phone, contact, id, t.plus(Duration.ofHours(26)), "UTILITY");
            }
            case 1 -> { // a service conversation, then a utility template
                inbound(phone, contact, id, t, null);
                freeForm(phone, contact, id, t.plusSeconds(300));
                template(phone, contact, id, t.plusSeconds(3600), "UTILITY");
            }
            case 2 -> { // a free entry point conversation from an ad, a marketing template inside it
                inbound(phone, contact, id, t, "AD");
                freeForm(phone, contact, id, t.plusSeconds(120));
                template(phone, contact, id, t.plus(Duration.ofHours(3)), "MARKETING");
            }
            default -> { // authentication; a failed marketing template; a free-form message Meta would refuse
                template(phone, contact, id, t, "AUTHENTICATION");
                Map<String, Object> failed = template(phone, contact, id, t.plusSeconds(3600), "MARKETING");
                failed.put("status", "FAILED");
                failed.remove("delivered_at");
                freeForm(phone, contact, id, t.plusSeconds(7200));
            }
        }
    }

    private void pmp(Phone phone, String contact, String id, Instant t, int script) {
        switch (script) {
            case 0 -> { // charged marketing and utility templates
                template(phone, contact, id, t, "MARKETING");
                template(phone, contact, id, t.plusSeconds(3600), "UTILITY");
            }
            case 1 -> { // free customer service messages, then a charged marketing template
                inbound(phone, contact, id, t, null);
                template(phone, contact, id, t.plusSeconds(600), "UTILITY");
                freeForm(phone, contact, id, t.plusSeconds(1200));
                template(phone, contact, id, t.plusSeconds(1800), "MARKETING");
            }
            default -> { // a free entry point window from a Facebook post
                inbound(phone, contact, id, t, "POST");
                template(phone, contact, id, t.plusSeconds(300), "MARKETING");
                freeForm(phone, contact, id, t.plusSeconds(3600));
            }
        }
    }

    private Map<String, Object> base(Phone phone, String contact, String id, Instant sentAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", "wamid." + id + "." + (++seq));
        m.put("waba_id", phone.waba());
        m.put("phone_number_id", phone.phoneNumberId());
        m.put("business_phone_number", phone.digits());
        m.put("contact_wa_id", contact);
        m.put("sent_at", sentAt);
        rows.add(m);
        return m;
    }

    private Map<String, Object> inbound(Phone phone, String contact, String id, Instant t, String referral) {
        Map<String, Object> m = base(phone, contact, id, t);
        m.put("direction", "INBOUND");
        m.put("message_type", "TEXT");
        if (referral != null) m.put("referral_source_type", referral);
        return m;
    }

    private Map<String, Object> template(Phone phone, String contact, String id, Instant t, String category) {
        Map<String, Object> m = base(phone, contact, id, t);
        m.put("direction", "OUTBOUND");
        m.put("delivered_at", t.plusSeconds(2));
        m.put("status", "DELIVERED");
        m.put("message_type", "TEMPLATE");
        m.put("template_name", category.toLowerCase() + "_v1");
        m.put("template_category", category);
        return m;
    }

    private Map<String, Object> freeForm(Phone phone, String contact, String id, Instant t) {
        Map<String, Object> m = base(phone, contact, id, t);
        m.put("direction", "OUTBOUND");
        m.put("delivered_at", t.plusSeconds(1));
        m.put("status", "READ");
        m.put("message_type", "TEXT");
        return m;
    }
}
