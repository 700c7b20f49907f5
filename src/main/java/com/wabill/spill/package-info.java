/**
 * The external sort of the billing job: spill files in one codec ({@link com.wabill.spill.SpillCodec}), packed-key
 * sorting ({@link com.wabill.spill.KeySort}) and the per-thread segments that dedupe writes and replay reads.
 */
package com.wabill.spill;
