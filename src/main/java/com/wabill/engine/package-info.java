/**
 * The charging engine: a pure replay of SPEC 2.1–2.5, 2.9 and 2.10 for one thread at a time, and the pricing
 * timeline.
 *
 * <p>{@link com.wabill.engine.ChargingEngine#decide} and {@link com.wabill.engine.ChargingEngine#evolve}
 * over an immutable {@link com.wabill.engine.ThreadState}; messages in {@link com.wabill.engine.ReplayOrder};
 * the state carried between nightly runs as bytes by {@link com.wabill.engine.ThreadStateCodec}. No I/O,
 * no framework (checked by {@code EngineArchitectureTest}). The caller computes event time and the
 * {@link com.wabill.engine.PricingRegime} at it, filters rejected rows and rates what the engine decides.
 *
 * <p>{@link com.wabill.engine.PricingRegime} is the one place that knows when Meta's rules changed (2023-06,
 * 2024-11, 2025-07, 2026-10) and what each change does; the next one is a dated constant and a scenario.
 *
 * <h2>Decisions where the SPEC is silent or open to two readings</h2>
 * <ul>
 *   <li><b>Expiry is lazy.</b> "Before each event, everything whose end is at or before the event time is
 *       closed" is applied by comparing ends with the event time; {@code ThreadState.expireAt} drops the
 *       ended parts and gives the same decisions (a property test checks it). Carry
 *       {@code state.expireAt(end of run)} and drop empty states to keep the carried table small.</li>
 *   <li><b>Failure wins.</b> A FAILED free-form message outside the window is {@code FAILED_NOT_DELIVERED},
 *       not {@code OUTSIDE_SERVICE_WINDOW}: it never reached anyone (2.1 "FAILED always wins").</li>
 *   <li><b>Flags on every outcome.</b> {@code NO_DELIVERY_RECEIPT} marks a SENT outbound message without
 *       delivered_at whatever its outcome (also when refused or charged per message).
 *       {@code UNSUPPORTED_CATEGORY} marks outbound authentication templates only (templates are sent by
 *       the business).</li>
 *   <li><b>Marketing count.</b> Counts marketing templates attached to the open marketing conversation:
 *       failed ones, free-form messages, and marketing templates inside a free entry point conversation
 *       or window do not count; a flagged template still counts; the count goes with the marketing
 *       conversation (a CBP free entry point conversation closing it resets it).</li>
 *   <li><b>Offer during a free entry point.</b> An ad or Page referral while a free entry point
 *       conversation or window is open leaves the offer as it is (neither opened nor extended); the
 *       service window is extended as for any inbound message.</li>
 *   <li><b>Attachment (2.4.5).</b> "Most recently opened, at equal times the later in replay order" is
 *       the open conversation with the latest opening time, ties to the later opened; free entry point
 *       conversations are handled by 2.4.2 before.</li>
 *   <li><b>Switch, rule 4 covers templates only.</b> After the switch a free-form message is
 *       {@code FREE_CUSTOMER_SERVICE} (PMP) even when a CBP service or other conversation is still open;
 *       a template joins an open CBP conversation of its own category, also outside the service window.</li>
 *   <li><b>Switch, window before rule 4.</b> Per the rule order a template inside a PMP free entry point
 *       window is {@code FREE_ENTRY_POINT} even when a CBP conversation of its category is open; the
 *       window does not close that conversation ({@code closedEarly} is empty under PMP).</li>
 *   <li><b>Switch, CBP free entry point conversation.</b> One opened before the switch runs its 72 hours
 *       and counts as the open free entry point for PMP rule 2 (and for 2.3: no new offer). Messages in it
 *       are attached to it and priced under CBP, like rule 4 (pricing model CBP, no pricing category or
 *       type): they belong to a CBP conversation, not to the month's PMP-priced messages.</li>
 *   <li><b>Pricing model of a decision.</b> The message's own model, except CBP for a PMP-era message in a
 *       CBP conversation. Pricing category and type are set for PMP-priced messages that rules 2, 3, 5, 6
 *       and 7 price; inbound, failed and refused PMP messages have none (they are not priced).</li>
 *   <li><b>Types.</b> The engine emits {@code REGULAR} for charged and service conversations; the free tier
 *       (2.6) is rating's decision, so a scenario's {@code FREE_TIER} service conversation is
 *       {@code REGULAR} here.</li>
 *   <li><b>Models out of order.</b> Within a thread the model follows event time, so PMP messages come
 *       after CBP ones. If a caller ever mixes them, the free entry point slot is shared: a CBP message
 *       treats an open PMP window as a free entry point conversation (2.4.2).</li>
 *   <li><b>Service messages from 2026-10-01 (2.10.5).</b> Whether a service message is among the first 1,000
 *       of its phone number's month is known only across threads: the engine decides it as a free one
 *       ({@code FREE_CUSTOMER_SERVICE}, SERVICE, FREE_CUSTOMER_SERVICE, not charged) and marks it
 *       {@link com.wabill.engine.MonthPosition#SERVICE_MESSAGE_FREE_TIER}; {@code rating.ServiceMessageFreeTier}
 *       settles it after the replay. Only delivered non-template messages inside the window are marked: refused,
 *       failed and free entry point messages never use the 1,000. A SENT message without receipt counts as
 *       delivered (2.1) and is marked.</li>
 *   <li><b>A caller that knows only the model.</b> {@code new ThreadMessage(..., PricingModel)} decides under the
 *       model's first regime (PMP: the rules of 2.9), which is what the billing job and the log generator do until
 *       they pass the regime; the pricer and the month's calculators read the timeline themselves.</li>
 *   <li><b>Shared decisions.</b> Per-message decisions without a conversation (2.9/2.10 rules 5–7) are shared
 *       immutable values, one per flag set, so the bulk of per-message traffic allocates no decision.</li>
 *   <li><b>Carried ids.</b> The codec refuses ids that are not well-formed UTF-16 (a lone surrogate)
 *       rather than carry them changed; ids read from Parquet UTF-8 strings are always well-formed.</li>
 * </ul>
 */
package com.wabill.engine;
