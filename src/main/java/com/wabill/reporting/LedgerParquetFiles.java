package com.wabill.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;

import com.wabill.parquet.ColumnType;
import com.wabill.parquet.ParquetTableWriter;
import com.wabill.parquet.TableColumn;
import com.wabill.replay.OutcomeRecord;
import com.wabill.replay.SpillInput;

/**
 * Writes {@code conversations/} and {@code message_outcomes/} (SPEC 3.2), one {@code day=YYYY-MM-DD/} partition
 * at a time: each partition is written beside the output and then swapped in, so a reader never sees half of one.
 */
public final class LedgerParquetFiles {

    private static final ColumnType MONEY = ColumnType.decimal(24, 10);

    public static final List<TableColumn> CONVERSATION_COLUMNS = List.of(
            TableColumn.required("conversation_id", ColumnType.STRING),
            TableColumn.required("waba_id", ColumnType.STRING),
            TableColumn.required("phone_number_id", ColumnType.STRING),
            TableColumn.required("contact_wa_id", ColumnType.STRING),
            TableColumn.required("category", ColumnType.STRING),
            TableColumn.required("type", ColumnType.STRING),
            TableColumn.required("opened_at", ColumnType.TIMESTAMP_MICROS),
            TableColumn.required("closed_at", ColumnType.TIMESTAMP_MICROS),
            TableColumn.required("opening_message_id", ColumnType.STRING),
            TableColumn.nullable("country", ColumnType.STRING),
            TableColumn.required("market", ColumnType.STRING),
            TableColumn.required("currency", ColumnType.STRING),
            TableColumn.nullable("rate", MONEY),
            TableColumn.required("amount", MONEY),
            TableColumn.required("pricing_model", ColumnType.STRING));

    public static final List<TableColumn> OUTCOME_COLUMNS = List.of(
            TableColumn.required("message_id", ColumnType.STRING),
            TableColumn.required("waba_id", ColumnType.STRING),
            TableColumn.nullable("conversation_id", ColumnType.STRING),
            TableColumn.required("outcome", ColumnType.STRING),
            TableColumn.nullable("flags", ColumnType.STRING),
            TableColumn.required("pricing_model", ColumnType.STRING),
            TableColumn.nullable("pricing_category", ColumnType.STRING),
            TableColumn.nullable("pricing_type", ColumnType.STRING),
            TableColumn.nullable("country", ColumnType.STRING),
            TableColumn.nullable("market", ColumnType.STRING),
            TableColumn.nullable("currency", ColumnType.STRING),
            TableColumn.nullable("rate", MONEY),
            TableColumn.required("amount", MONEY));

    private final DataSource dataSource;
    private final Path output;
    private final Path staging;

    public LedgerParquetFiles(DataSource dataSource, Path output, long jobExecutionId) {
        this.dataSource = dataSource;
        this.output = output;
        this.staging = output.resolve(".staging-" + jobExecutionId);
    }

    /** Rewrites the conversations partition of {@code day} from the ledger. */
    public void writeConversations(LocalDate day) throws Exception {
        Path part = staging.resolve("conversations").resolve("day=" + day);
        Files.createDirectories(part);
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            try (PreparedStatement ps = c.prepareStatement("select conversation_id, waba_id, phone_number_id,"
                    + " contact_wa_id, category, type, opened_at, closed_at, opening_message_id, country, market,"
                    + " currency, rate, amount, pricing_model from conversation where day = ?"
                    + " order by opened_at, conversation_id")) {
                ps.setObject(1, day);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    ParquetTableWriter w = null;
                    while (rs.next()) {
                        if (w == null) w = ParquetTableWriter.create(part.resolve("part-00000.parquet").toString(), CONVERSATION_COLUMNS);
                        w.write(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getString(15));
                    }
                    if (w != null) w.close();
                }
            }
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        swapIn("conversations", day);
    }

    /**
     * Writes the outcomes partition of {@code day} from the replay's spill files, with the final price of each
     * charged message from the ledger (a volume tier may have lowered it after the replay).
     */
    public void writeOutcomes(LocalDate day, Path spillDir) throws Exception {
        Path part = staging.resolve("message_outcomes").resolve("day=" + day);
        Files.createDirectories(part);
        List<Path> spills = new ArrayList<>();
        if (Files.isDirectory(spillDir)) {
            try (Stream<Path> s = Files.list(spillDir)) {
                spills = s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
            }
        }
        for (Path spill : spills) {
            List<OutcomeRecord> records = new ArrayList<>();
            List<String> charged = new ArrayList<>();
            try (SpillInput in = new SpillInput(spill)) {
                while (in.hasMore()) {
                    OutcomeRecord r = OutcomeRecord.readFrom(in);
                    records.add(r);
                    if ("CHARGED".equals(r.outcome())) charged.add(r.messageId());
                }
            }
            Map<String, BigDecimal[]> finalPrices = finalPrices(charged);
            records.sort(Comparator.comparing(OutcomeRecord::eventTime).thenComparing(OutcomeRecord::messageId));
            String name = spill.getFileName().toString().replace("bucket-", "part-").replace(".bin", ".parquet");
            try (ParquetTableWriter w = ParquetTableWriter.create(part.resolve(name).toString(), OUTCOME_COLUMNS)) {
                for (OutcomeRecord r : records) {
                    BigDecimal[] price = finalPrices.get(r.messageId());
                    BigDecimal rate = price != null ? price[0] : r.rate();
                    BigDecimal amount = price != null ? price[1] : r.amount();
                    w.write(r.messageId(), r.wabaId(), r.conversationId(), r.outcome(), emptyToNull(r.flags()),
                            r.pricingModel(), r.pricingCategory(), r.pricingType(), r.country(), r.market(),
                            r.currency(), rate, amount == null ? BigDecimal.ZERO : amount);
                }
            }
        }
        swapIn("message_outcomes", day);
    }

    private Map<String, BigDecimal[]> finalPrices(List<String> messageIds) throws Exception {
        Map<String, BigDecimal[]> prices = new HashMap<>();
        if (messageIds.isEmpty()) return prices;
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement(
                "select message_id, rate, amount from priced_message where message_id = any (?)")) {
            Array ids = c.createArrayOf("text", messageIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) prices.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
            }
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        return prices;
    }

    /** Removes a partition that the run's days no longer have. */
    public void removePartition(String table, LocalDate day) throws IOException {
        deleteTree(output.resolve(table).resolve("day=" + day));
    }

    private void swapIn(String table, LocalDate day) throws IOException {
        Path staged = staging.resolve(table).resolve("day=" + day);
        Path target = output.resolve(table).resolve("day=" + day);
        Files.createDirectories(target.getParent());
        Path old = staging.resolve(table).resolve("old-day=" + day);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        if (isEmptyDir(staged)) {
            deleteTree(staged);
        } else {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(old);
    }

    public void cleanUp() throws IOException {
        deleteTree(staging);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Deletes a folder and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
