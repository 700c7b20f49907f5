/**
 * Parquet utilities: Hadoop locations ({@link com.wabill.parquet.HadoopLocations}), the message log layout
 * ({@link com.wabill.parquet.MessageLogColumn}; its writer for tests and sample data, {@code MessageLogWriter}, is a test
 * fixture in src/test, used by the tools module too), and a generic flat table writer and reader for the output tables
 * ({@link com.wabill.parquet.ParquetTableWriter}, {@link com.wabill.parquet.ParquetTableReader}).
 *
 * <p>Writers use a custom {@code WriteSupport} over {@code Object[]} rows; local files go through
 * {@code LocalOutputFile}, so no {@code .crc} side files are written. Values are never silently changed: an
 * instant finer than the column's unit, a decimal that would need rounding, an integer that does not fit, or a
 * null in a non-nullable column is an {@link java.lang.IllegalArgumentException} naming the column.
 *
 * <p>Decimals of the output tables: {@link com.wabill.parquet.ColumnType#decimal(int, int)} writes the Parquet DECIMAL
 * logical type (INT64 up to precision 18, FIXED_LEN_BYTE_ARRAY above), which Spark, DuckDB, pandas and Arrow read as
 * exact decimals; a value is scaled to the column's scale only when that loses nothing. Timestamps of the output
 * tables: {@link com.wabill.parquet.ColumnType#TIMESTAMP_MICROS} (INT64, UTC-adjusted).
 */
package com.wabill.parquet;
