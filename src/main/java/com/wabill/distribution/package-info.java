/**
 * Remote partitioning: the buckets of {@code dedupe} and {@code replay} on worker processes
 * ({@code wabill.partitioning=manager|worker}; {@code local}, the default, runs them here). Decisions:
 * docs/decisions.md#distribution.
 */
package com.wabill.distribution;
