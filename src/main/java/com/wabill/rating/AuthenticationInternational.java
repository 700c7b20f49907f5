package com.wabill.rating;

import java.time.LocalDate;
import java.util.Objects;

import com.wabill.engine.Category;

/**
 * SPEC 2.11: whether an authentication template (PMP) or conversation (CBP) is charged as
 * {@code AUTHENTICATION_INTERNATIONAL}. All of: the account row in force gives both {@code primary_country} and
 * {@code auth_international_from}; the item's local date is on or after that start date; the contact's country
 * differs from the primary country (a number of no country differs from every country); the card in force offers
 * an Authentication-International rate (not {@code n/a}) for the contact's market. Otherwise {@code AUTHENTICATION}.
 */
public final class AuthenticationInternational {

    private AuthenticationInternational() {
    }

    /**
     * @param account        the account row in force at the item's instant
     * @param contactCountry the contact's ISO 3166-1 alpha-2 country, or null when the number has none
     * @param localDate      the item's date in the WABA's zone (opening or event time)
     * @param card           the card of the row's currency in force at the item's instant, or null
     * @param market         the contact's market on that date
     */
    public static Category categoryOf(Account account, String contactCountry, LocalDate localDate, RateCard card,
                                      String market) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(localDate, "localDate");
        if (!account.authInternationalEligible()) return Category.AUTHENTICATION;
        if (localDate.isBefore(account.authInternationalFrom())) return Category.AUTHENTICATION;
        if (account.primaryCountry().equals(contactCountry)) return Category.AUTHENTICATION;
        if (card == null || card.amount(market, Category.AUTHENTICATION_INTERNATIONAL).isEmpty()) {
            return Category.AUTHENTICATION;
        }
        return Category.AUTHENTICATION_INTERNATIONAL;
    }
}
