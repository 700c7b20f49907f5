package com.wabill.rating;

import java.nio.file.Path;


/**
 * The reference files of a run, loaded and checked once per job execution: accounts, markets, rate cards
 * (SPEC 1.2–1.4). Not final: Spring puts a job-scoped proxy in front of it.
 */
public class ReferenceData {

    private final AccountDirectory accounts;
    private final MarketDirectory markets;
    private final RateCardBook rateCards;

    public ReferenceData(AccountDirectory accounts, MarketDirectory markets, RateCardBook rateCards) {
        this.accounts = accounts;
        this.markets = markets;
        this.rateCards = rateCards;
    }

    protected ReferenceData() {
        this(null, null, null);
    }

    public static ReferenceData load(Path accounts, Path markets, Path rateCards) {
        return new ReferenceData(AccountDirectory.load(accounts), MarketDirectory.load(markets),
                RateCardBook.load(rateCards));
    }

    public AccountDirectory accounts() {
        return accounts;
    }

    public MarketDirectory markets() {
        return markets;
    }

    public RateCardBook rateCards() {
        return rateCards;
    }
}
