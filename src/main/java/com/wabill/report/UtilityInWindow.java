package com.wabill.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;

/**
 * The utility templates charged inside the customer service window (SPEC 2.10.6): free until 2026-10-01 (2.9.6),
 * charged since, so {@code report.html}, the invoice pages and {@code summary.json} show them apart from the other
 * utility charges, as the new cost they are. They stay counted among the utility charges too (the figures beside
 * them are unchanged). Only months whose regime charges them are shown (the regime of the month's first day, as for
 * {@link FreeServiceMessages}).
 */
public final class UtilityInWindow {

    /** What the figure is called wherever it is shown. */
    public static final String LABEL = "Utility in the service window (charged since 2026-10-01)";

    private UtilityInWindow() {
    }

    /** One month (the WABAs' zones) and currency: how many in-window utility templates were charged, and for what. */
    public record Month(String period, String currency, long messages, BigDecimal amount) {
    }

    /**
     * Per month and currency, by period then currency: every month and currency of {@code perMonth} whose regime
     * charges utility inside the window (with 0 when it has none), and those of {@code inWindow}.
     */
    public static List<Month> perMonth(List<LedgerFigures.MonthCategoryTotals> perMonth,
            List<LedgerFigures.InWindowUtility> inWindow) {
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> amounts = new TreeMap<>();
        for (LedgerFigures.MonthCategoryTotals t : perMonth) {
            if (!charged(t.period())) continue;
            counts.computeIfAbsent(t.period(), k -> new TreeMap<>()).computeIfAbsent(t.currency(), k -> new long[1]);
            amounts.computeIfAbsent(t.period(), k -> new TreeMap<>()).putIfAbsent(t.currency(), BigDecimal.ZERO);
        }
        for (LedgerFigures.InWindowUtility u : inWindow) {
            counts.computeIfAbsent(u.period(), k -> new TreeMap<>()).computeIfAbsent(u.currency(), k -> new long[1])[0]
                    += u.messages();
            amounts.computeIfAbsent(u.period(), k -> new TreeMap<>()).merge(u.currency(), u.amount(), BigDecimal::add);
        }
        List<Month> out = new ArrayList<>();
        counts.forEach((period, byCurrency) -> byCurrency.forEach((currency, c) ->
                out.add(new Month(period, currency, c[0], amounts.get(period).get(currency)))));
        return out;
    }

    /** One invoice's figure: its WABA, month and currency; null when the month's regime does not charge them. */
    static Month ofInvoice(LedgerFigures.Invoice i, List<LedgerFigures.InWindowUtility> inWindow) {
        if (!charged(i.period())) return null;
        long messages = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (LedgerFigures.InWindowUtility u : inWindow) {
            if (u.wabaId().equals(i.wabaId()) && u.period().equals(i.period()) && u.currency().equals(i.currency())) {
                messages += u.messages();
                amount = amount.add(u.amount());
            }
        }
        return new Month(i.period(), i.currency(), messages, amount);
    }

    /** Whether the month ({@code YYYY-MM}) is under a regime that charges utility templates inside the window. */
    static boolean charged(String period) {
        try {
            PricingRegime regime = PricingRegime.on(YearMonth.parse(period).atDay(1));
            return regime != null && regime.model() == PricingModel.PMP && regime.utilityInWindowCharged();
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }
}
