/**
 * Driving each thread's messages through the engine in replay order, from the state carried into the range, and
 * pricing what it decides ({@link com.wabill.replay.ThreadReplayer}); where the results go is a {@link
 * com.wabill.replay.ReplaySink}.
 */
package com.wabill.replay;
