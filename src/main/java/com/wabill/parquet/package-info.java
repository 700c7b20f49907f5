/**
 * Parquet over Hadoop file systems: locations, the message log's columns, and a flat table writer and reader
 * for the output tables. Decisions: docs/decisions.md#parquet.
 */
package com.wabill.parquet;
