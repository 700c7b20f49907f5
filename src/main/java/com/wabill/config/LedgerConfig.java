package com.wabill.config;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.ledger.AdvisoryLocks;
import com.wabill.ledger.BilledDays;
import com.wabill.ledger.CarriedStates;
import com.wabill.ledger.DatabaseIdentity;
import com.wabill.ledger.DiscrepancyStore;
import com.wabill.ledger.EarlyCloses;
import com.wabill.ledger.InvoiceStore;
import com.wabill.ledger.LedgerDays;
import com.wabill.ledger.MonthRatingStore;
import com.wabill.ledger.OutputQueries;
import com.wabill.ledger.MovedMessages;
import com.wabill.ledger.ReconciliationReads;

/**
 * The ledger's stores, one per table family, over the application's data source: in a step they take part in its
 * transaction.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfig {

    @Bean
    AdvisoryLocks advisoryLocks(DataSource dataSource) {
        return new AdvisoryLocks(dataSource);
    }

    @Bean
    DatabaseIdentity databaseIdentity(DataSource dataSource) {
        return new DatabaseIdentity(dataSource);
    }

    @Bean
    MovedMessages movedMessages(DataSource dataSource) {
        return new MovedMessages(dataSource);
    }

    @Bean
    BilledDays billedDays(DataSource dataSource) {
        return new BilledDays(dataSource);
    }

    @Bean
    CarriedStates carriedStates(DataSource dataSource) {
        return new CarriedStates(dataSource);
    }

    @Bean
    EarlyCloses earlyCloses(DataSource dataSource) {
        return new EarlyCloses(dataSource);
    }

    @Bean
    LedgerDays ledgerDays(DataSource dataSource) {
        return new LedgerDays(dataSource);
    }

    @Bean
    MonthRatingStore monthRatingStore(DataSource dataSource) {
        return new MonthRatingStore(dataSource);
    }

    @Bean
    InvoiceStore invoiceStore(DataSource dataSource) {
        return new InvoiceStore(dataSource);
    }

    @Bean
    ReconciliationReads reconciliationReads(DataSource dataSource) {
        return new ReconciliationReads(dataSource);
    }

    @Bean
    DiscrepancyStore discrepancyStore(DataSource dataSource) {
        return new DiscrepancyStore(dataSource);
    }

    @Bean
    OutputQueries outputQueries(JdbcTemplate jdbc) {
        return new OutputQueries(jdbc);
    }
}
