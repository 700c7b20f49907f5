package com.wabill.rating;

import com.wabill.engine.Category;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

/**
 * A charged conversation or message has no rate (SPEC 1.2, 2.7): no card of its currency in force on
 * its local date, its market missing from the card in force, or the card's amount is {@code n/a}.
 * The message names the market, category, currency, local date (and zone) and the card file.
 * The run stops before writing any invoice.
 */
public class MissingRateException extends RuntimeException {

    private final String market;
    private final Category category;
    private final Currency currency;
    private final LocalDate localDate;
    private final Path cardFile;

    public MissingRateException(String market, Category category, Currency currency, LocalDate localDate,
                                ZoneId zone, Path cardFile, String reason) {
        super("no rate for market '" + market + "', category " + category + ", currency "
                + currency.getCurrencyCode() + " on " + localDate + (zone == null ? "" : " (" + zone + ")")
                + ": " + reason + (cardFile == null ? "" : " (rate card " + cardFile + ")"));
        this.market = market;
        this.category = category;
        this.currency = currency;
        this.localDate = localDate;
        this.cardFile = cardFile;
    }

    public String market() {
        return market;
    }

    public Category category() {
        return category;
    }

    public Currency currency() {
        return currency;
    }

    /** The WABA's local date of the conversation or message. */
    public LocalDate localDate() {
        return localDate;
    }

    /** The card in force, or null when none is. */
    public Path cardFile() {
        return cardFile;
    }
}
