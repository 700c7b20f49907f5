/**
 * The charging engine: a pure replay of SPEC 2.1–2.5, 2.9 and 2.10 for one thread at a time ({@link
 * com.wabill.engine.ChargingEngine}), the replay order and the dated timeline of Meta's rules ({@link
 * com.wabill.engine.PricingRegime}). No I/O, no framework, no other wabill package. Decisions: docs/decisions.md#engine.
 */
package com.wabill.engine;
