package com.wabill.ledger;

import static com.wabill.ledger.LedgerDatabase.jdbc;
import static com.wabill.ledger.LedgerRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.DiscrepancyKind;
import com.wabill.reconciliation.LedgerReconciliation;
import com.wabill.reconciliation.LedgerReconciliation.Comparison;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.testsupport.DbTest;

@DbTest
class DiscrepancyStoreTest {

    final DiscrepancyStore store = new DiscrepancyStore(LedgerDatabase.dataSource());
    final ReconciliationScope scope = new ReconciliationScope(Map.of("waba-1", Set.of(YearMonth.of(2025, 6))),
            List.of(LocalDate.parse("2025-06-01")), w -> ZoneOffset.UTC);

    @BeforeEach
    void clean() {
        LedgerDatabase.clean();
    }

    static LedgerReconciliation.Result result(long buckets, Discrepancy... rows) {
        return new LedgerReconciliation.Result(java.util.Arrays.stream(rows)
                .map(d -> new LedgerReconciliation.Row(Comparison.AGGREGATE, d)).toList(), buckets, buckets, 5, 4, 3, 1,
                at("2025-06-01T00:00:00Z"), at("2025-06-02T00:00:00Z"));
    }

    static Discrepancy countMismatch(String detail) {
        return new Discrepancy(DiscrepancyKind.COUNT_MISMATCH, "waba-1", "15550100", at("2025-06-01T00:00:00Z"),
                at("2025-06-01T01:00:00Z"), "BR", Category.MARKETING, ConversationType.REGULAR, 2L, 3L,
                new BigDecimal("0.125"), new BigDecimal("0.1875"), new BigDecimal("0.0625"), detail);
    }

    /** A restarted reconcile step replaces what it wrote, and other executions' rows stay. */
    @Test
    void aReconciliationReplacesWhatItsExecutionRecordedBefore() {
        store.record(7, "billing", Path.of("meta"), scope, result(10, countMismatch("first"), countMismatch("second")));
        store.record(8, "reconcile", Path.of("meta"), scope, result(10, countMismatch("other run")));
        store.record(7, "billing", Path.of("meta"), scope, result(12, countMismatch("again")));

        assertThat(jdbc().queryForList("select job_execution_id || ' ' || detail || ' ' || comparison from discrepancy"
                + " order by 1", String.class)).containsExactly("7 again AGGREGATE", "8 other run AGGREGATE");
        assertThat(jdbc().queryForMap("select kind, waba_id, phone_number, period_start, country, category, type,"
                + " expected_count, billed_count, expected_amount, billed_amount, difference from discrepancy"
                + " where job_execution_id = 7"))
                .containsEntry("kind", "COUNT_MISMATCH").containsEntry("phone_number", "15550100")
                .containsEntry("category", "MARKETING").containsEntry("expected_count", 2L)
                .containsEntry("billed_amount", new BigDecimal("0.1875"));
        assertThat(jdbc().queryForMap("select job_name, meta_dir, months, buckets, items_compared, links, invoices,"
                + " discrepancies from reconciliation_run where job_execution_id = 7"))
                .containsEntry("job_name", "billing").containsEntry("meta_dir", Path.of("meta").toAbsolutePath().toString())
                .containsEntry("months", "waba-1|2025-06").containsEntry("buckets", 12L)
                .containsEntry("items_compared", 4L).containsEntry("links", 3L).containsEntry("invoices", 1L)
                .containsEntry("discrepancies", 1L);
    }

    @Test
    void aReconciliationWithoutRowsStillRecordsWhatItCompared() {
        store.record(9, "reconcile", Path.of("meta"), scope, result(0));
        assertThat(jdbc().queryForObject("select count(*) from discrepancy", Long.class)).isZero();
        assertThat(jdbc().queryForObject("select discrepancies from reconciliation_run", Long.class)).isZero();
    }
}
