/**
 * Starting the jobs: the command line, the automatic range, day locks, recovery of runs whose process died,
 * the nightly schedule, and the exit status and failure line. Decisions: docs/decisions.md#launch.
 */
package com.wabill.launch;
