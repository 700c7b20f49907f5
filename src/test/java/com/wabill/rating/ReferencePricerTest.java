package com.wabill.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.wabill.engine.Category;
import com.wabill.engine.Conversation;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingModel;
import com.wabill.testsupport.FastTest;

/** The pricer: the account row in force gives the currency (1.4), 2.11 the category, the timeline the free service. */
@FastTest
class ReferencePricerTest {

    static final String HEADER = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n";
    static final String INDIA = "919820000001";
    static final String INDONESIA = "6281234500001";
    static final String BRAZIL = "5511987650001";

    @TempDir
    Path dir;
    ReferencePricer pricer;

    @BeforeEach
    void reference() {
        Reference.write(dir, "accounts.csv",
                "waba_id,name,timezone,currency,payment_threshold,portfolio_id,primary_country,auth_international_from,effective_from\n"
                        + "w1,Loja Azul,America/Sao_Paulo,USD,,,,,\n"
                        + "w3,Chennai Pay,Asia/Kolkata,USD,,p-3,IN,2026-10-15,\n"
                        + "w4,Mumbai Mart,Asia/Kolkata,USD,1.00,,,,\n"
                        + "w4,Mumbai Mart,Asia/Kolkata,INR,50.00,,,,2026-11-15\n"
                        + "w6,Old Auth,UTC,USD,,,IN,2024-09-01,\n");
        Reference.write(dir, "markets.csv", "country,market,effective_from\nBR,Brazil,\nIN,India,\nID,Indonesia,\n");
        Reference.write(dir, "rate-cards/USD/2024-08-01.csv", HEADER
                + "Brazil,$US,0.0625,0.0080,0.0315,n/a,0.0300\nIndia,$US,0.0107,0.0014,0.0014,0.0280,0.0040\n"
                + "Indonesia,$US,0.0411,0.0200,0.0300,0.1360,0.0190\nOther,$US,0.0604,0.0077,0.0304,n/a,0.0145\n");
        Reference.write(dir, "rate-cards/USD/2024-11-01.csv", HEADER
                + "Brazil,$US,0.0625,0.0080,0.0315,n/a,0.0000\nIndia,$US,0.0107,0.0014,0.0014,0.0280,0.0000\n"
                + "Indonesia,$US,0.0411,0.0200,0.0300,0.1360,0.0000\nOther,$US,0.0604,0.0077,0.0304,n/a,0.0000\n");
        Reference.write(dir, "rate-cards/USD/2026-10-01.csv", HEADER
                + "Brazil,$US,0.0625,0.0068,0.0068,n/a,0.0068\nIndia,$US,0.0118,0.0014,0.0014,0.0280,0.0014\n"
                + "Indonesia,$US,0.0411,0.0250,0.0250,0.1360,0.0250\nOther,$US,0.0604,0.0077,0.0077,n/a,0.0077\n");
        // the INR card lacks Indonesia: a charged message there has no rate
        Reference.write(dir, "rate-cards/INR/2026-10-01.csv", HEADER
                + "Brazil,INR,5.3750,0.5848,0.5848,n/a,0.5848\nIndia,INR,0.8631,0.1150,0.1150,2.4080,0.1150\n"
                + "Other,INR,5.1944,0.6622,0.6622,n/a,0.6622\n");
        pricer = new ReferencePricer(ReferenceData.load(dir.resolve("accounts.csv"), dir.resolve("markets.csv"),
                dir.resolve("rate-cards")));
    }

    private static Decision charged(Category category) {
        return new Decision(Outcome.CHARGED, List.of(), null, null, List.of(), PricingModel.PMP, category,
                ConversationType.REGULAR, true, MonthPosition.NONE);
    }

    private PricedMessage message(String waba, String contact, String at, Decision d) {
        return pricer.priceMessage("m", waba, "pn", "15550001111", contact, Instant.parse(at), d);
    }

    @Test
    void aMessageIsPricedInTheCurrencyOfTheRowInForceAtItsEventTime() {
        // Kolkata is UTC+5:30: w4 bills USD until 14 November 18:30Z, INR from then
        PricedMessage usd = message("w4", INDIA, "2026-11-14T18:29:59Z", charged(Category.UTILITY));
        assertEquals("USD", usd.currency());
        assertEquals(new BigDecimal("0.0014"), usd.amount());
        PricedMessage inr = message("w4", INDIA, "2026-11-14T18:30:00Z", charged(Category.UTILITY));
        assertEquals("INR", inr.currency());
        assertEquals(new BigDecimal("0.1150"), inr.amount());
        assertEquals("2026-11", inr.localMonth());
        // a charged message the INR card cannot price names market, category, currency, date and card
        MissingRateException e = assertThrows(MissingRateException.class,
                () -> message("w4", INDONESIA, "2026-11-20T06:00:00Z", charged(Category.MARKETING)));
        assertTrue(e.getMessage().startsWith("no rate for market 'Indonesia', category MARKETING, currency INR on 2026-11-20"),
                e.getMessage());
        assertTrue(e.getMessage().contains("INR/2026-10-01.csv"), e.getMessage());
    }

    @Test
    void authenticationInternationalOnAChargedMessage() {
        // w3: primary country India, from 15 October 2026 (14 October 18:30Z) in Kolkata
        PricedMessage before = message("w3", INDONESIA, "2026-10-14T18:29:59Z", charged(Category.AUTHENTICATION));
        assertEquals(Category.AUTHENTICATION, before.pricingCategory());
        assertEquals(new BigDecimal("0.0250"), before.rate());
        PricedMessage from = message("w3", INDONESIA, "2026-10-14T18:30:00Z", charged(Category.AUTHENTICATION));
        assertEquals(Category.AUTHENTICATION_INTERNATIONAL, from.pricingCategory());
        assertEquals(new BigDecimal("0.1360"), from.rate());
        assertEquals("p-3", from.portfolioId());
        assertEquals(Category.AUTHENTICATION, message("w3", INDIA, "2026-10-16T06:00:00Z",
                charged(Category.AUTHENTICATION)).pricingCategory(), "domestic");
        assertEquals(Category.AUTHENTICATION, message("w3", BRAZIL, "2026-10-16T06:00:00Z",
                charged(Category.AUTHENTICATION)).pricingCategory(), "Brazil: n/a");
        assertEquals(Category.UTILITY, message("w3", INDONESIA, "2026-10-16T06:00:00Z",
                charged(Category.UTILITY)).pricingCategory(), "only authentication");
    }

    @Test
    void aUtilityTemplateChargedInsideTheWindowKeepsItsMarkAndItsRate() {
        // SPEC 2.10.6: charged like any utility template (Brazil's card of 2026-10-01: 0.0068), marked in-window
        Decision inWindow = new Decision(Outcome.CHARGED, List.of(), null, null, List.of(), PricingModel.PMP,
                Category.UTILITY, ConversationType.REGULAR, true, MonthPosition.NONE, true);
        PricedMessage p = message("w1", BRAZIL, "2026-10-05T12:00:00Z", inWindow);
        assertTrue(p.inWindow());
        assertEquals(new BigDecimal("0.0068"), p.amount());
        assertEquals(false, message("w1", BRAZIL, "2026-10-05T12:00:00Z", charged(Category.UTILITY)).inWindow());
    }

    @Test
    void aServiceMessageOfTheFreeTierIsPricedFreeUntilItsMonthIsSettled() {
        Decision service = new Decision(Outcome.FREE_CUSTOMER_SERVICE, List.of(), null, null, List.of(), PricingModel.PMP,
                Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.SERVICE_MESSAGE_FREE_TIER);
        PricedMessage p = message("w1", BRAZIL, "2026-10-05T12:00:00Z", service);
        assertEquals(MonthPosition.SERVICE_MESSAGE_FREE_TIER, p.monthPosition());
        assertEquals(Outcome.FREE_CUSTOMER_SERVICE, p.outcome());
        assertEquals(0, BigDecimal.ZERO.compareTo(p.amount()));
        assertNull(p.rate());
        assertNull(pricer.priceMessage("i", "w1", "pn", null, BRAZIL, Instant.parse("2026-10-05T12:00:00Z"),
                new Decision(Outcome.INBOUND, List.of(), null, null, List.of(), PricingModel.PMP, null, null, false,
                        MonthPosition.NONE)), "an inbound message is not priced");
    }

    /**
     * The replay's price of a service message at an estimated position (month rating settles the true one). Brazil's
     * USD card of 2026-10-01 has Service 0.0068; the INR card has no Indonesia. w1 is in Sao Paulo.
     */
    @Test
    void aServiceMessageAtAnEstimatedPositionIsChargedBeyondTheFreeTierWhenItsCardHasARate() {
        Decision service = new Decision(Outcome.FREE_CUSTOMER_SERVICE, List.of(), null, null, List.of(), PricingModel.PMP,
                Category.SERVICE, ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.SERVICE_MESSAGE_FREE_TIER);
        PricedMessage p = message("w1", BRAZIL, "2026-10-05T12:00:00Z", service);
        // position 1,000: the last free one, as the engine priced it
        assertEquals(p, pricer.provisionalServiceCharge(p, 1000));
        // position 1,001: charged, type REGULAR, at the Service rate 0.0068 (rate = amount), the rest unchanged
        PricedMessage beyond = pricer.provisionalServiceCharge(p, 1001);
        assertEquals(Outcome.CHARGED, beyond.outcome());
        assertEquals(ConversationType.REGULAR, beyond.pricingType());
        assertEquals(new BigDecimal("0.0068"), beyond.rate());
        assertEquals(new BigDecimal("0.0068"), beyond.amount());
        assertEquals(Category.SERVICE, beyond.pricingCategory());
        assertEquals(MonthPosition.SERVICE_MESSAGE_FREE_TIER, beyond.monthPosition());
        // w4 bills INR from 2026-11-15 (Kolkata): its INR card has no Indonesia, so it stays free for month rating to
        // settle (and to raise the missing rate, if it stays charged)
        PricedMessage noRate = message("w4", INDONESIA, "2026-11-20T12:00:00Z", service);
        assertEquals("INR", noRate.currency());
        assertEquals(noRate, pricer.provisionalServiceCharge(noRate, 5000));
        // before 2026-10-01 (local) a service message is free for everyone, whatever its position
        PricedMessage september = message("w1", BRAZIL, "2026-09-30T12:00:00Z", new Decision(
                Outcome.FREE_CUSTOMER_SERVICE, List.of(), null, null, List.of(), PricingModel.PMP, Category.SERVICE,
                ConversationType.FREE_CUSTOMER_SERVICE, false, MonthPosition.NONE));
        assertEquals(september, pricer.provisionalServiceCharge(september, 5000));
    }

    private PricedConversation conversation(String waba, String contact, Category category, String openedAt) {
        Instant t = Instant.parse(openedAt);
        Conversation c = new Conversation("conv-x", category, ConversationType.REGULAR, t, t.plus(Duration.ofHours(24)),
                "x", PricingModel.CBP);
        return pricer.priceConversation(c, waba, "pn", "15550001111", contact);
    }

    @Test
    void serviceConversationsFollowTheTimeline() {
        // Sao Paulo: 10 October 2024 is under the 2023 rules, the free tier decides (provisionally charged)
        PricedConversation oct = conversation("w1", BRAZIL, Category.SERVICE, "2024-10-10T12:00:00Z");
        assertEquals(MonthPosition.SERVICE_CONVERSATION_FREE_TIER, oct.monthPosition());
        assertEquals(new BigDecimal("0.0300"), oct.rate());
        assertEquals(new BigDecimal("0.0300"), oct.amount());
        // 1 November 2024 00:00 in Sao Paulo (03:00Z): free for everyone, nothing to settle
        PricedConversation nov = conversation("w1", BRAZIL, Category.SERVICE, "2024-11-01T03:00:00Z");
        assertEquals(MonthPosition.NONE, nov.monthPosition());
        assertNull(nov.rate());
        assertEquals(0, BigDecimal.ZERO.compareTo(nov.amount()));
        assertEquals(MonthPosition.SERVICE_CONVERSATION_FREE_TIER,
                conversation("w1", BRAZIL, Category.SERVICE, "2024-11-01T02:59:59Z").monthPosition(), "31 October there");
    }

    @Test
    void anAuthenticationConversationUnderCbpMayBeAuthenticationInternational() {
        // w6 (UTC): primary country India from 1 September 2024; the August 2024 card offers Indonesia 0.1360
        PricedConversation intl = conversation("w6", INDONESIA, Category.AUTHENTICATION, "2024-09-01T00:00:00Z");
        assertEquals(Category.AUTHENTICATION_INTERNATIONAL, intl.category());
        assertEquals(new BigDecimal("0.1360"), intl.amount());
        PricedConversation before = conversation("w6", INDONESIA, Category.AUTHENTICATION, "2024-08-31T23:59:59Z");
        assertEquals(Category.AUTHENTICATION, before.category());
        assertEquals(new BigDecimal("0.0300"), before.amount());
        assertEquals(Category.AUTHENTICATION,
                conversation("w6", INDIA, Category.AUTHENTICATION, "2024-09-02T00:00:00Z").category(), "domestic");
        assertEquals(Category.MARKETING,
                conversation("w6", INDONESIA, Category.MARKETING, "2024-09-02T00:00:00Z").category());
    }
}
