package com.wabill.invoicing;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.rating.Account;
import com.wabill.rating.Money;
import com.wabill.testsupport.FastTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static com.wabill.invoicing.TestCharges.USD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of invoices and payments over arbitrary months of charges. */
@FastTest
class InvoicePropertiesTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final YearMonth MONTH = YearMonth.of(2025, 3);   // summer time starts March 30 in Oslo
    static final Instant START = InvoiceStatus.startOf(MONTH, OSLO);
    static final long SECONDS = Duration.between(START, InvoiceStatus.endOf(MONTH, OSLO)).getSeconds();

    private record Spec(long second, int shape, BigDecimal amount, String market) {
    }

    @Provide
    Arbitrary<List<Charge>> months() {
        Arbitrary<BigDecimal> amount = Arbitraries.oneOf(
                Arbitraries.of("0", "0.0000", "0.0014", "0.0080", "0.008", "0.0625", "0.1365").map(BigDecimal::new),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("9.9999")).ofScale(4),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("40")).ofScale(2));
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.longs().between(0, SECONDS - 1).edgeCases(c -> c.add(0L).add(SECONDS - 1)),
                Arbitraries.integers().between(0, 5),
                amount,
                Arbitraries.of("Brazil", "India", "Germany")).as(Spec::new);
        return spec.list().ofMaxSize(300).map(specs -> {
            List<Charge> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) out.add(charge(i, specs.get(i)));
            return out;
        });
    }

    private static Charge charge(int i, Spec s) {
        Instant at = START.plusSeconds(s.second());
        String id = "id-" + i;
        return switch (s.shape()) {
            case 0 -> new Charge(id, "waba-2", at, ChargeKind.CONVERSATION, PricingModel.CBP, Category.MARKETING,
                    ConversationType.REGULAR, s.market(), USD, s.amount(), s.amount());
            case 1 -> new Charge(id, "waba-2", at, ChargeKind.CONVERSATION, PricingModel.CBP, Category.SERVICE,
                    ConversationType.FREE_TIER, s.market(), USD, null, BigDecimal.ZERO);
            case 2 -> new Charge(id, "waba-2", at, ChargeKind.MESSAGE, PricingModel.PMP, Category.UTILITY,
                    ConversationType.REGULAR, s.market(), USD, s.amount(), s.amount());
            case 3 -> new Charge(id, "waba-2", at, ChargeKind.CONVERSATION, PricingModel.PMP, Category.REFERRAL_CONVERSION,
                    ConversationType.FREE_ENTRY_POINT, s.market(), USD, null, BigDecimal.ZERO);
            case 4 -> new Charge(id, "waba-2", at, ChargeKind.MESSAGE, PricingModel.CBP, Category.MARKETING,
                    ConversationType.REGULAR, s.market(), USD, null, BigDecimal.ZERO);
            default -> new Charge(id, "waba-2", at, ChargeKind.MESSAGE, PricingModel.PMP, Category.SERVICE,
                    ConversationType.FREE_CUSTOMER_SERVICE, s.market(), USD, null, BigDecimal.ZERO);
        };
    }

    @Provide
    Arbitrary<BigDecimal> thresholds() {
        return Arbitraries.oneOf(
                Arbitraries.just(new BigDecimal("25.00")),
                Arbitraries.just(new BigDecimal("0.01")),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("60")).ofScale(2)
                        .filter(t -> t.signum() > 0)).injectNull(0.2);
    }

    private static final Comparator<Charge> TIME_THEN_ID = Comparator.comparing(Charge::at).thenComparing(Charge::id);

    private static Account account(BigDecimal threshold) {
        return new Account("waba-2", "Nordic Goods", OSLO, USD, threshold, "waba-2", true);
    }

    @Property(tries = 300)
    void paymentsOfAClosedMonthAddUpExactlyToTheInvoiceTotal(@ForAll("months") List<Charge> charges,
                                                            @ForAll("thresholds") BigDecimal threshold) {
        Account account = account(threshold);
        List<Charge> sorted = new ArrayList<>(charges);
        sorted.sort(TIME_THEN_ID);
        PaymentSchedule schedule = new PaymentSchedule(account, MONTH);
        InvoiceBuilder builder = new InvoiceBuilder(account, MONTH);
        BigDecimal runningRoundedMax = BigDecimal.ZERO;
        for (Charge c : sorted) {
            schedule.accept(c).ifPresent(p -> {
                assertEquals(c.at(), p.chargedAt());
                assertEquals(PaymentReason.THRESHOLD, p.reason());
            });
            builder.accept(c);
            runningRoundedMax = runningRoundedMax.max(Money.roundTotal(schedule.runningTotal(), USD));
        }
        Invoice invoice = builder.build(InvoiceStatus.CLOSED, 1);
        List<Payment> payments = schedule.finish(invoice);

        BigDecimal sum = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(invoice.amount()), () -> "payments " + payments + " vs total " + invoice.amount());
        // the running total rounded never exceeds the final total
        assertTrue(runningRoundedMax.compareTo(invoice.amount()) <= 0);
        for (Payment p : payments) {
            assertTrue(p.amount().signum() > 0);
            assertTrue(p.amount().scale() <= 2, "whole cents");
        }
        for (int i = 1; i < payments.size(); i++) {
            assertTrue(!payments.get(i).chargedAt().isBefore(payments.get(i - 1).chargedAt()));
        }
        long monthEnds = payments.stream().filter(p -> p.reason() == PaymentReason.MONTH_END).count();
        assertTrue(monthEnds <= 1);
        if (threshold == null) assertEquals(monthEnds, payments.size());
        else {
            // each threshold payment was due: at least the threshold less half a cent of rounding
            payments.stream().filter(p -> p.reason() == PaymentReason.THRESHOLD)
                    .forEach(p -> assertTrue(p.amount().compareTo(threshold.subtract(new BigDecimal("0.005"))) >= 0, p::toString));
        }
    }

    @Property(tries = 300)
    void anOpenMonthNeverPaysMoreThanItsTotal(@ForAll("months") List<Charge> charges, @ForAll("thresholds") BigDecimal threshold) {
        Account account = account(threshold);
        List<Charge> sorted = new ArrayList<>(charges);
        sorted.sort(TIME_THEN_ID);
        PaymentSchedule schedule = new PaymentSchedule(account, MONTH);
        InvoiceBuilder builder = new InvoiceBuilder(account, MONTH);
        sorted.forEach(c -> {
            schedule.accept(c);
            builder.accept(c);
        });
        Invoice invoice = builder.build(InvoiceStatus.OPEN, 1);
        List<Payment> payments = schedule.finish(invoice);
        assertTrue(payments.stream().allMatch(p -> p.reason() == PaymentReason.THRESHOLD));
        BigDecimal sum = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(sum.compareTo(invoice.amount()) <= 0);
    }

    @Property(tries = 300)
    void theTotalIsTheSumOfTheLinesRoundedOnce(@ForAll("months") List<Charge> charges) {
        InvoiceBuilder builder = new InvoiceBuilder(account(null), MONTH);
        charges.forEach(builder::accept);
        Invoice invoice = builder.build(InvoiceStatus.OPEN, 1);
        BigDecimal lines = invoice.lines().stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, lines.compareTo(invoice.unroundedAmount()));
        assertEquals(Money.roundTotal(lines, USD), invoice.amount());
        BigDecimal charged = charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, charged.compareTo(invoice.unroundedAmount()), "every amount is on a line");
        long quantity = invoice.lines().stream().mapToLong(InvoiceLine::quantity).sum();
        assertEquals(invoice.conversations() + invoice.messages(), quantity);
        assertEquals(charges.stream().filter(c -> c.kind() == ChargeKind.CONVERSATION && c.model() == PricingModel.CBP).count(),
                invoice.conversations());
        assertEquals(charges.stream().filter(c -> c.kind() == ChargeKind.MESSAGE && c.model() == PricingModel.PMP).count(),
                invoice.messages());
        assertEquals(charges.stream().filter(Charge::billable).count(), invoice.billable());
        List<InvoiceLine> sortedLines = new ArrayList<>(invoice.lines());
        sortedLines.sort(InvoiceLine.ORDER);
        assertEquals(sortedLines, invoice.lines());
    }

    @Property(tries = 300)
    void invoicesDoNotDependOnTheOrderChargesArriveIn(@ForAll("months") List<Charge> charges, @ForAll long seed) {
        InvoiceBuilder inOrder = new InvoiceBuilder(account(null), MONTH);
        charges.forEach(inOrder::accept);
        List<Charge> shuffled = new ArrayList<>(charges);
        Collections.shuffle(shuffled, new Random(seed));
        InvoiceBuilder anyOrder = new InvoiceBuilder(account(null), MONTH);
        shuffled.forEach(anyOrder::accept);
        // equal as records: same lines in the same order, same scales
        assertEquals(inOrder.build(InvoiceStatus.CLOSED, 1), anyOrder.build(InvoiceStatus.CLOSED, 1));
    }
}
