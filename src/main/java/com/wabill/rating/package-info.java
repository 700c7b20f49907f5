/**
 * Rating: the reference files (accounts, markets, rate cards with volume tiers), the pricer, and the pure
 * calculators that price a conversation or message: SPEC 2.11 ({@link com.wabill.rating.AuthenticationInternational})
 * and the month-position rules, each a streaming calculator fed in the order it numbers items
 * ({@link com.wabill.rating.ServiceConversationFreeTier}: per WABA and local month by opening time then opening
 * message id; {@link com.wabill.rating.ServiceMessageFreeTier}: per business phone number and local month by event
 * time then message id; {@link com.wabill.rating.VolumeTiers}: per portfolio, market, tier family and local month by
 * event time, message id, WABA id). No Spring here; the job wires these.
 *
 * <h2>Decisions where the SPEC is silent</h2>
 * <ul>
 *   <li><b>CSV reading</b> (all reference files): RFC 4180 through Jackson's CSV parser, UTF-8 with or
 *       without byte order mark, CRLF, LF or CR; header names match case-insensitively and in any order,
 *       extra columns are ignored; values are trimmed; blank lines are skipped; a record with another
 *       number of fields than the header, an unclosed quote or text after a closing quote is an error (a
 *       quote inside an unquoted field is taken as text). Every error is a
 *       {@link com.wabill.rating.ReferenceDataException} naming the file and the line where the record starts.</li>
 *   <li><b>accounts.csv</b>: {@code timezone} must be a region id or {@code UTC} (an offset such as
 *       {@code +03:00} is refused: it has no summer time and is not an IANA zone); currency codes are
 *       case-insensitive and need a minor unit (XAU, XXX refused); a threshold is a plain decimal,
 *       positive, and no finer than the currency's minor unit ({@code 25.001} USD is refused: it could
 *       not be paid), which also guarantees that a THRESHOLD payment is never zero.</li>
 *   <li><b>markets.csv</b>: one row per country and effective date; country codes are two letters
 *       (upper-cased), not checked against the ISO list (libphonenumber uses XK, AC, TA).</li>
 *   <li><b>Country of a number</b>: exactly libphonenumber's {@code getRegionCodeForNumber} of the
 *       E.164 number; no country (market {@code Other}) for non-geographic codes (+800, +882) and for
 *       numbers of a shared calling code that no region's plan holds (+1 555...). No fallback to the
 *       calling code's main country: a wrong country would silently give a wrong rate, {@code Other}
 *       shows in reconciliation. See {@link com.wabill.rating.MarketDirectory} for the speed measurements
 *       and why there is no per-prefix cache.</li>
 *   <li><b>Rate cards</b>: market names match case-insensitively; the card's {@code Currency} column
 *       is not read; {@code Authentication-International} is optional (a card without it offers it nowhere); amounts are
 *       plain non-negative decimals or {@code n/a}, kept at their written scale; files of a currency
 *       directory that end in {@code .csv} must be named {@code yyyy-MM-dd.csv} or
 *       {@code yyyy-MM-dd.tiers.csv}, other files (README) are ignored; directories are named by
 *       upper-case ISO 4217 codes. "The card in force at instant t" is the latest card dated on or
 *       before t's local date, which is the same as comparing t with each card's
 *       {@code LocalDate.atStartOfDay(zone)} (also across a gap at midnight); a property test checks it.</li>
 *   <li><b>Tiers</b>: a tier row names a market of its card and a category with tiers (utility,
 *       authentication, authentication-international; a marketing or service row is refused rather than left
 *       unused); ranges
 *       of one market and category must not overlap; positions no row covers take the card's amount;
 *       the card must offer the market and category ({@code n/a} stays an error even with tiers).
 *       {@code REFERRAL_CONVERSION} has no rate anywhere: asking is a {@link com.wabill.rating.MissingRateException}.</li>
 *   <li><b>Service conversations</b>: a date before 2023-06-01 is refused (no pricing model), as the
 *       engine refuses the message. A FREE_TIER conversation keeps the Service rate the pricer found (amount 0),
 *       as before; a free service message of 2.10.5 carries no rate, as any free per-message item.</li>
 *   <li><b>A Service rate of 0</b> charges 0: the 1,001st service message is still CHARGED / REGULAR (as Meta's
 *       webhook says {@code regular}), with amount 0, not billable.</li>
 *   <li><b>Accounts with effective dates</b>: {@code accountAt} gives the row in force; {@code account} refuses a
 *       WABA with dated rows (a caller that does not follow dates would bill every month in one currency).
 *       Before the earliest row a WABA is billed as without a row (USD, no threshold, its own portfolio, no 2.11)
 *       in its rows' zone. {@code portfolio_id} may differ between rows: the row in force at each message decides.
 *       Two zone ids are two zones, even when one is an alias of the other ({@code Asia/Calcutta}).
 *       {@code primary_country} is an ISO 3166-1 alpha-2 code or a region of libphonenumber (XK).</li>
 *   <li><b>2.11</b>: a row with only one of {@code primary_country} and {@code auth_international_from} is not
 *       eligible (SPEC: both must be given), and is not an error. A contact number of no country differs from
 *       every primary country (its market is {@code Other}, international when the card offers the rate there).
 *       The start date is a local date of the WABA's zone.</li>
 *   <li><b>Calculators</b> refuse items out of order or given twice within a count rather than number them
 *       wrong; a charged item whose card has no rate still takes its place in the count (the run stops on it).</li>
 *   <li><b>Money</b>: half-up means away from zero at .5 ({@link java.math.RoundingMode#HALF_UP}).</li>
 * </ul>
 */
package com.wabill.rating;
