/**
 * Rating: the reference files (accounts, markets, rate cards with volume tiers), the pricer, {@link
 * com.wabill.rating.Money}, and every dated or month-position rule as a pure calculator over plain values (free tiers,
 * volume tiers, SPEC 2.11). No Spring, no SQL. Decisions: docs/decisions.md#rating.
 */
package com.wabill.rating;
