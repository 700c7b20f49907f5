package com.wabill.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.wabill.engine.Category;
import com.wabill.engine.Conversation;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.PricingModel;
import com.wabill.rating.Account;
import com.wabill.rating.MissingRateException;
import com.wabill.ingest.AcceptedMessage;
import com.wabill.rating.ReferenceData;

/**
 * Prices conversations and messages with the reference files (SPEC 2.7). Month-level positions (the service free
 * tier of 2.6 and volume tiers of 2.9) are settled afterwards, across all threads, by the month rating step.
 */
public final class ReferencePricer implements Pricer {

    /** Service conversations opened from this local day are free for everyone (SPEC 2.6). */
    public static final LocalDate FREE_SERVICE_FROM = LocalDate.of(2024, 11, 1);

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
        String country = reference.markets().countryOf(contactWaId);
        lastCountry = new LastCountry(contactWaId, country);
        return country;
    }

    @Override
    public PricedConversation priceConversation(Conversation c, AcceptedMessage opening) {
        Account account = reference.accounts().account(opening.wabaId());
        LocalDate localDay = LocalDate.ofInstant(c.openedAt(), account.zone());
        String country = countryOf(opening.contactWaId());
        String market = reference.markets().marketOf(country, localDay);
        BigDecimal rate = null;
        BigDecimal amount = BigDecimal.ZERO;
        if (c.type() == ConversationType.FREE_ENTRY_POINT || c.category() == Category.REFERRAL_CONVERSION) {
            // free: no rate needed
        } else if (c.category() == Category.SERVICE) {
            if (localDay.isBefore(FREE_SERVICE_FROM)) {
                // charged unless among the month's first 1,000: the month rating step decides, and fails then if
                // a charged one has no rate
                rate = rateOrNull(account, market, Category.SERVICE, c.openedAt());
                amount = rate == null ? BigDecimal.ZERO : rate;
            }
        } else {
            rate = reference.rateCards().rate(account.currency(), market, c.category(), c.openedAt(), account.zone());
            amount = rate;
        }
        return new PricedConversation(c.conversationId(), opening.wabaId(), opening.phoneNumberId(),
                opening.contactWaId(), opening.businessPhoneNumber(), c.category(), c.type(), c.openedAt(),
                c.scheduledEnd(), c.scheduledEnd(), c.openingMessageId(), country, market,
                account.currency().getCurrencyCode(), rate, amount, c.model(), utcDay(c.openedAt()),
                YearMonth.from(localDay).toString());
    }

    @Override
    public PricedMessage priceMessage(AcceptedMessage m, Decision d) {
        if (d.pricingCategory() == null || d.pricingModel() != PricingModel.PMP) return null;
        Account account = reference.accounts().account(m.wabaId());
        LocalDate localDay = LocalDate.ofInstant(m.eventTime(), account.zone());
        String country = countryOf(m.contactWaId());
        String market = reference.markets().marketOf(country, localDay);
        BigDecimal rate = null;
        BigDecimal amount = BigDecimal.ZERO;
        if (d.charged()) {
            // the card rate; a volume tier may lower it once the month's position is known
            rate = reference.rateCards().rate(account.currency(), market, d.pricingCategory(), m.eventTime(),
                    account.zone());
            amount = rate;
        }
        return new PricedMessage(m.messageId(), m.wabaId(), account.portfolioId(), m.phoneNumberId(),
                m.contactWaId(), m.businessPhoneNumber(), d.conversationId(), d.outcome(), d.pricingCategory(),
                d.pricingType(), m.eventTime(), country, market, account.currency().getCurrencyCode(), rate, amount,
                utcDay(m.eventTime()), YearMonth.from(localDay).toString());
    }

    private BigDecimal rateOrNull(Account account, String market, Category category, Instant at) {
        try {
            return reference.rateCards().rate(account.currency(), market, category, at, account.zone());
        } catch (MissingRateException e) {
            return null;
        }
    }

    public static LocalDate utcDay(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
