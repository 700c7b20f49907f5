package com.wabill.ledger;

import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.reconciliation.Discrepancy;
import com.wabill.reconciliation.LedgerReconciliation;
import com.wabill.reconciliation.ReconciliationScope;

/**
 * What a reconciliation found, by job execution: its rows ({@code discrepancy}) and what it compared
 * ({@code reconciliation_run}). A restarted step replaces what it wrote before.
 */
public final class DiscrepancyStore {

    private static final int[] DISCREPANCY_TYPES = {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.BIGINT, Types.BIGINT, Types.NUMERIC, Types.NUMERIC, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR};

    private final JdbcTemplate jdbc;

    public DiscrepancyStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records the reconciliation of {@code executionId} (a run of {@code jobName} against the export in
     * {@code metaDir}), replacing what it recorded before.
     */
    public void record(long executionId, String jobName, Path metaDir, ReconciliationScope scope,
            LedgerReconciliation.Result result) {
        jdbc.update("delete from discrepancy where job_execution_id = ?", executionId);
        List<Object[]> args = new ArrayList<>(result.rows().size());
        for (LedgerReconciliation.Row row : result.rows()) {
            Discrepancy d = row.discrepancy();
            args.add(new Object[] {executionId, d.kind().name(), d.wabaId(), d.phoneNumber(), time(d.periodStart()),
                    time(d.periodEnd()), d.country(), d.category() == null ? null : d.category().name(),
                    d.type() == null ? null : d.type().name(), d.expectedCount(), d.billedCount(), d.expectedAmount(),
                    d.billedAmount(), d.difference(), d.detail(), row.comparison().name()});
        }
        if (!args.isEmpty()) {
            jdbc.batchUpdate("insert into discrepancy (job_execution_id, kind, waba_id, phone_number, period_start,"
                    + " period_end, country, category, type, expected_count, billed_count, expected_amount,"
                    + " billed_amount, difference, detail, comparison) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", args, DISCREPANCY_TYPES);
        }
        jdbc.update("insert into reconciliation_run (job_execution_id, job_name, meta_dir, months, export_start,"
                + " export_end, buckets, buckets_compared, items_compared, links, invoices, discrepancies)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (job_execution_id) do update set"
                + " job_name = excluded.job_name, meta_dir = excluded.meta_dir, months = excluded.months,"
                + " export_start = excluded.export_start, export_end = excluded.export_end,"
                + " buckets = excluded.buckets, buckets_compared = excluded.buckets_compared,"
                + " items_compared = excluded.items_compared, links = excluded.links, invoices = excluded.invoices,"
                + " discrepancies = excluded.discrepancies, finished_at = now()",
                executionId, jobName, metaDir.toAbsolutePath().toString(), String.join(",", scope.wabaMonths()),
                time(result.exportStart()), time(result.exportEnd()), result.buckets(), result.bucketsCompared(),
                result.itemsCompared(), result.links(), result.invoicesCompared(), (long) result.rows().size());
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
