package com.wabill.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import com.wabill.engine.Category;
import com.wabill.engine.Conversation;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.PricingModel;
import com.wabill.engine.PricingRegime;

/**
 * Prices conversations and messages with the reference files (SPEC 2.7): the account row in force at the opening or
 * event time gives the currency (1.4), the contact's number the country and market, the card of that currency in
 * force the rate, and 2.11 may make an authentication item {@code AUTHENTICATION_INTERNATIONAL}. Month-level
 * positions (the service free tiers of 2.6 and 2.10.5, the volume tiers of 1.2) are settled afterwards, across all
 * threads, by the calculators of this package; what this pricer gives them is marked with its
 * {@link MonthPosition}. Not thread-safe (it remembers the last contact's country): one per replaying thread.
 */
public final class ReferencePricer implements Pricer {

    private final ReferenceData reference;

    public ReferencePricer(ReferenceData reference) {
        this.reference = reference;
    }

    /** The last contact's country: a thread's messages come one after the other, and share their contact. */
    private record LastCountry(String contactWaId, String country) {
    }

    private LastCountry lastCountry = new LastCountry(null, null);

    private String countryOf(String contactWaId) {
        LastCountry last = lastCountry;
        if (contactWaId != null && contactWaId.equals(last.contactWaId())) return last.country();
        String country = MarketDirectory.countryOf(contactWaId);
        lastCountry = new LastCountry(contactWaId, country);
        return country;
    }

    @Override
    public PricedConversation priceConversation(Conversation c, String wabaId, String phoneNumberId,
                                                String businessPhoneNumber, String contactWaId) {
        Instant at = c.openedAt();
        Account account = reference.accounts().accountAt(wabaId, at);
        ZoneId zone = account.zone();
        Currency currency = account.currency();
        LocalDate localDay = LocalDate.ofInstant(at, zone);
        String country = countryOf(contactWaId);
        String market = reference.markets().marketOf(country, localDay);
        Category category = c.category();
        BigDecimal rate = null;
        BigDecimal amount = BigDecimal.ZERO;
        MonthPosition position = MonthPosition.NONE;
        if (c.type() == ConversationType.FREE_ENTRY_POINT || category == Category.REFERRAL_CONVERSION) {
            // free: no rate needed
        } else if (category == Category.SERVICE) {
            PricingRegime regime = PricingRegime.at(at, zone);
            if (regime == null) throw new IllegalArgumentException("conversation " + c.conversationId() + " opened before any pricing model");
            if (regime.serviceCharged()) {
                // charged unless among the month's free tier: ServiceConversationFreeTier settles it over the month,
                // and raises the missing rate then if a charged one has none
                position = MonthPosition.SERVICE_CONVERSATION_FREE_TIER;
                rate = reference.rateCards().rateIfOffered(currency, market, Category.SERVICE, at, zone);
                amount = rate == null ? BigDecimal.ZERO : rate;
            }
        } else {
            if (category == Category.AUTHENTICATION) {
                category = authenticationCategory(account, country, localDay, currency, market);
            }
            rate = reference.rateCards().rate(currency, market, category, at, zone);
            amount = rate;
        }
        return new PricedConversation(c.conversationId(), wabaId, phoneNumberId, contactWaId, businessPhoneNumber,
                category, c.type(), at, c.scheduledEnd(), c.scheduledEnd(), c.openingMessageId(), country, market,
                currency.getCurrencyCode(), rate, amount, c.model(), utcDay(at), YearMonth.from(localDay).toString(),
                position);
    }

    @Override
    public PricedMessage priceMessage(String messageId, String wabaId, String phoneNumberId,
                                      String businessPhoneNumber, String contactWaId, Instant eventTime, Decision d) {
        if (d.pricingCategory() == null || d.pricingModel() != PricingModel.PMP) return null;
        Account account = reference.accounts().accountAt(wabaId, eventTime);
        ZoneId zone = account.zone();
        Currency currency = account.currency();
        LocalDate localDay = LocalDate.ofInstant(eventTime, zone);
        String country = countryOf(contactWaId);
        String market = reference.markets().marketOf(country, localDay);
        Category category = d.pricingCategory();
        BigDecimal rate = null;
        BigDecimal amount = BigDecimal.ZERO;
        if (d.charged()) {
            if (category == Category.AUTHENTICATION) {
                category = authenticationCategory(account, country, localDay, currency, market);
            }
            // the card rate; a volume tier may change it once the month's position is known
            rate = reference.rateCards().rate(currency, market, category, eventTime, zone);
            amount = rate;
        }
        // a service message under 2.10.5 is free as decided; the replay bucket then prices it at its estimated
        // position (provisionalServiceCharge), and month rating at its true one (ServiceMessageFreeTier)
        return new PricedMessage(messageId, wabaId, account.portfolioId(), phoneNumberId, contactWaId,
                businessPhoneNumber, d.conversationId(), d.outcome(), category, d.pricingType(), eventTime, country,
                market, currency.getCurrencyCode(), rate, amount, utcDay(eventTime),
                YearMonth.from(localDay).toString(), d.monthPosition(), d.inWindow());
    }

    /**
     * A service message of 2.10.5 priced at a position of its phone number's month that is only estimated (see
     * {@link ServiceMessageFreeTier#estimatedPosition}): charged at the card's Service rate beyond the free tier, else
     * (and when the card offers no Service rate: month rating raises that, if the message stays charged) as the
     * engine priced it, free. Month rating settles the true position afterwards.
     */
    public PricedMessage provisionalServiceCharge(PricedMessage p, long estimatedPosition) {
        if (p.monthPosition() != MonthPosition.SERVICE_MESSAGE_FREE_TIER) return p;
        ZoneId zone = reference.accounts().zone(p.wabaId());
        PricingRegime regime = PricingRegime.at(p.eventTime(), zone);
        if (regime == null || !regime.serviceCharged() || regime.model() != PricingModel.PMP) return p;
        if (!ServiceMessageFreeTier.at(regime, estimatedPosition, null).charged()) return p;
        Currency currency = Currency.getInstance(p.currency());
        BigDecimal rate = reference.rateCards().rateIfOffered(currency, p.market(), Category.SERVICE, p.eventTime(), zone);
        ServiceMessageFreeTier.Charge charge = ServiceMessageFreeTier.at(regime, estimatedPosition, rate);
        if (charge.rateMissing()) return p;
        return new PricedMessage(p.messageId(), p.wabaId(), p.portfolioId(), p.phoneNumberId(), p.contactWaId(),
                p.businessPhoneNumber(), p.conversationId(), charge.outcome(), p.pricingCategory(), charge.type(),
                p.eventTime(), p.country(), p.market(), p.currency(), charge.rate(), charge.amount(), p.day(),
                p.localMonth(), p.monthPosition(), p.inWindow());
    }

    /** SPEC 2.11 for an authentication item of the account row in force. */
    private Category authenticationCategory(Account account, String country, LocalDate localDay, Currency currency,
                                            String market) {
        if (!account.authInternationalEligible()) return Category.AUTHENTICATION; // the common case: no card lookup
        RateCard card = reference.rateCards().cardInForce(currency, localDay).orElse(null);
        return AuthenticationInternational.categoryOf(account, country, localDay, card, market);
    }

    public static LocalDate utcDay(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
