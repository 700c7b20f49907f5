package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.inTransaction;
import static com.wabill.ledger.LedgerRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.invoicing.WabaMonth;
import com.wabill.rating.PricedMessage;
import com.wabill.reconciliation.MessagePricing;

import com.wabill.testsupport.DbTest;

/**
 * What the per-message audit (SPEC 4, Messages) and the free service messages of the outputs (SPEC 2.10.5) read from
 * the ledger. waba-1 (UTC) in October 2026: phone pn-1 sends s1 (free service), s2 and s3 (service charged at
 * 0.0080 each, USD), a utility template u1 (0.0080) and m0 without Meta's columns; pn-2 sends s4 (free); waba-2 sends
 * s5 in November (another month).
 */
@DbTest
class PerMessageReadsTest {

    static final Map<String, Set<YearMonth>> OCTOBER = Map.of("waba-1", Set.of(YearMonth.of(2026, 10)));

    final ReconciliationReads reads = new ReconciliationReads(LedgerDatabase.dataSource());
    final OutputQueries outputs = new OutputQueries(new JdbcTemplate(LedgerDatabase.dataSource()));

    static AcceptedMessage outbound(String id, String waba, String phone, Instant t, boolean template,
            String metaCategory, String metaType) {
        return new AcceptedMessage(id, waba, phone, phone.equals("pn-1") ? "+1 555 0100" : null, "5511",
                Direction.OUTBOUND, t, t, t, DeliveryStatus.DELIVERED, template, template ? Category.UTILITY : null,
                false, null, null, null, "PMP", metaCategory, metaType, PricingRegime.PMP_2026_10, false);
    }

    static PricedMessage priced(String id, String waba, String phone, Outcome outcome, Category category,
            ConversationType type, Instant t, String amount) {
        BigDecimal a = new BigDecimal(amount);
        return new PricedMessage(id, waba, "pf-" + waba, phone, "5511", phone.equals("pn-1") ? "+1 555 0100" : null,
                null, outcome, category, type, t, "BR", "Brazil", "USD", a.signum() == 0 ? null : a, a,
                LocalDate.ofInstant(t, ZoneOffset.UTC), YearMonth.from(t.atZone(ZoneOffset.UTC)).toString(),
                MonthPosition.NONE);
    }

    static Decision decision(Outcome outcome, Category category, ConversationType type) {
        return new Decision(outcome, List.of(), null, null, List.of(), PricingModel.PMP, category, type,
                outcome == Outcome.CHARGED, MonthPosition.NONE);
    }

    static void load(LedgerLoad load, String id, String waba, String phone, String time, boolean template,
            Outcome outcome, Category category, ConversationType type, String amount, String metaCat,
            String metaType) {
        Instant t = at(time);
        load.outcome(outbound(id, waba, phone, t, template, metaCat, metaType), decision(outcome, category, type),
                priced(id, waba, phone, outcome, category, type, t, amount));
    }

    @BeforeEach
    void ledger() {
        LedgerDatabase.clean();
        inTransaction(() -> {
            LedgerLoad load = new LedgerLoad(LedgerDatabase.dataSource(), 1, LocalDate.parse("2026-11-30"));
            load(load, "s1", "waba-1", "pn-1", "2026-10-02T10:00:00Z", false, Outcome.FREE_CUSTOMER_SERVICE,
                    Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, "0", "service", "free_customer_service");
            load(load, "s2", "waba-1", "pn-1", "2026-10-02T11:00:00Z", false, Outcome.CHARGED, Category.SERVICE,
                    ConversationType.REGULAR, "0.0080", "service", "free_customer_service");
            load(load, "s3", "waba-1", "pn-1", "2026-10-02T12:00:00Z", false, Outcome.CHARGED, Category.SERVICE,
                    ConversationType.REGULAR, "0.0080", "SERVICE", "REGULAR");
            load(load, "u1", "waba-1", "pn-1", "2026-10-03T12:00:00Z", true, Outcome.CHARGED, Category.UTILITY,
                    ConversationType.REGULAR, "0.0080", "utility", "regular");
            load(load, "m0", "waba-1", "pn-1", "2026-10-03T13:00:00Z", true, Outcome.CHARGED, Category.UTILITY,
                    ConversationType.REGULAR, "0.0080", null, null);
            load(load, "s4", "waba-1", "pn-2", "2026-10-04T12:00:00Z", false, Outcome.FREE_CUSTOMER_SERVICE,
                    Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, "0", null, "free_customer_service");
            load(load, "s5", "waba-2", "pn-3", "2026-11-01T12:00:00Z", false, Outcome.FREE_CUSTOMER_SERVICE,
                    Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, "0", "service", "regular");
            load.load();
        });
    }

    @Test
    void theMonthsPricedMessagesWithMetasPerMessagePricing() {
        List<MessagePricing> got = new ArrayList<>();
        assertThat(reads.pricedMessages(OCTOBER, got::add)).isEqualTo(5);
        assertThat(got).extracting(MessagePricing::messageId).containsExactlyInAnyOrder("s1", "s2", "s3", "u1", "s4");
        MessagePricing s2 = got.stream().filter(m -> m.messageId().equals("s2")).findFirst().orElseThrow();
        assertThat(s2).isEqualTo(new MessagePricing("s2", "waba-1", "+1 555 0100", at("2026-10-02T11:00:00Z"),
                Category.SERVICE, ConversationType.REGULAR, new BigDecimal("0.0080"), "USD", "service",
                "free_customer_service"));
        // without business_phone_number the row names the phone_number_id
        assertThat(got).filteredOn(m -> m.messageId().equals("s4")).extracting(MessagePricing::phoneNumber)
                .containsExactly("pn-2");
    }

    @Test
    void serviceMessagesPerPhoneNumberAndMonth() {
        List<OutputQueries.ServiceMessages> rows = outputs.serviceMessagesPerPhone(List.of(
                new WabaMonth("waba-1", "2026-10"), new WabaMonth("waba-2", "2026-11")));
        // pn-1: s1 free, s2 and s3 charged (0.0080 + 0.0080 = 0.0160); u1 and m0 are utility, not service
        assertThat(rows).containsExactly(
                new OutputQueries.ServiceMessages("waba-1", "pn-1", "+1 555 0100", "2026-10", "USD", 1, 2,
                        new BigDecimal("0.0160")),
                new OutputQueries.ServiceMessages("waba-1", "pn-2", null, "2026-10", "USD", 1, 0, BigDecimal.ZERO),
                new OutputQueries.ServiceMessages("waba-2", "pn-3", null, "2026-11", "USD", 1, 0, BigDecimal.ZERO));
        assertThat(outputs.totalsPerMonthAndCategory(List.of(new WabaMonth("waba-1", "2026-10"))))
                .extracting(t -> t.category() + "/" + t.type() + " " + t.messages() + " " + t.amount().toPlainString())
                .containsExactly("SERVICE/FREE_CUSTOMER_SERVICE 2 0", "SERVICE/REGULAR 2 0.0160",
                        "UTILITY/REGULAR 2 0.0160");
    }
}
