/**
 * The application's wiring below the job: the embedded PostgreSQL, the data source and the ledger's stores.
 */
package com.wabill.config;
