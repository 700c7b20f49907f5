package com.wabill.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;

/**
 * Each business phone number's use of its monthly free service messages (SPEC 2.10.5), from the ledger's service
 * messages per phone number ({@link LedgerFigures.ServiceUse}): used, left, and how many were charged beyond, with
 * what they cost. Only months whose regime has a free tier of service messages per phone number are shown (the
 * regime of the month's first day: Meta changes pricing on the first of a quarter, so a month has one regime);
 * before 2026-10-01 every service message is free for everyone and there is nothing to count.
 */
public final class FreeServiceMessages {

    private FreeServiceMessages() {
    }

    /**
     * One phone number's month.
     *
     * @param freeTier       the free service messages of the month (1,000)
     * @param used           free service messages delivered
     * @param left           free service messages still available in the month ({@code freeTier - used}, not below 0)
     * @param chargedBeyond  service messages charged once the free ones were used
     * @param chargedAmounts what those cost, per currency (unrounded; two currencies in a month of a currency change)
     */
    public record PhoneMonth(String wabaId, String phoneNumberId, String businessPhoneNumber, String period,
            long freeTier, long used, long left, long chargedBeyond, Map<String, BigDecimal> chargedAmounts) {

        public PhoneMonth {
            chargedAmounts = chargedAmounts == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new TreeMap<>(chargedAmounts));
        }

        /** {@code USD 0.0240} or {@code USD 0.0080 + INR 0.6500}; {@code 0} when nothing was charged. */
        public String chargedText() {
            if (chargedAmounts.isEmpty()) return "0";
            List<String> parts = new ArrayList<>();
            chargedAmounts.forEach((cur, amount) -> parts.add(cur + " " + amount.toPlainString()));
            return String.join(" + ", parts);
        }
    }

    /** The phone months with a free tier, in the order given (by WABA, phone number, period). */
    public static List<PhoneMonth> of(List<LedgerFigures.ServiceUse> rows) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<List<String>, Map<String, BigDecimal>> amounts = new LinkedHashMap<>();
        Map<List<String>, String> numbers = new LinkedHashMap<>();
        for (LedgerFigures.ServiceUse r : rows) {
            if (freeTier(r.period()) == 0) continue;
            List<String> key = List.of(r.wabaId(), r.phoneNumberId(), r.period());
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0] += r.free();
            c[1] += r.charged();
            if (r.charged() > 0) amounts.computeIfAbsent(key, k -> new TreeMap<>())
                    .merge(r.currency(), r.chargedAmount(), BigDecimal::add);
            if (r.businessPhoneNumber() != null) numbers.putIfAbsent(key, r.businessPhoneNumber());
        }
        List<PhoneMonth> out = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> {
            long tier = freeTier(k.get(2));
            out.add(new PhoneMonth(k.get(0), k.get(1), numbers.get(k), k.get(2), tier, c[0], Math.max(0, tier - c[0]),
                    c[1], amounts.getOrDefault(k, Map.of())));
        });
        return out;
    }

    /** The free service messages per phone number of a month ({@code YYYY-MM}); 0 when its regime has none. */
    static long freeTier(String period) {
        try {
            PricingRegime regime = PricingRegime.on(YearMonth.parse(period).atDay(1));
            return regime != null && regime.model() == PricingModel.PMP && regime.serviceCharged()
                    ? regime.serviceFreeTier() : 0;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
