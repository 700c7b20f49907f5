package com.wabill.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.wabill.parquet.ColumnType;
import com.wabill.parquet.ParquetTableWriter;
import com.wabill.parquet.TableColumn;
import com.wabill.spill.KeySort;
import com.wabill.spill.OutcomeRecord;
import com.wabill.spill.OutcomeSpill;
import com.wabill.spill.SpillInput;

/**
 * Writes {@code conversations/} and {@code message_outcomes/} (SPEC 3.2), one {@code day=YYYY-MM-DD/} partition
 * at a time: each partition is written beside the output and then swapped in, so a reader never sees half of one.
 * The rows come from outside: a day's conversations streamed by a {@link ConversationSource}, the replay's outcome
 * spills, and the final prices of charged messages from a {@link PriceSource} (the ledger, read by the caller).
 */
public final class LedgerParquetFiles {

    private static final ColumnType MONEY = ColumnType.decimal(24, 10);

    public static final List<TableColumn> CONVERSATION_COLUMNS = List.of(
            TableColumn.unique("conversation_id", ColumnType.STRING),
            TableColumn.required("waba_id", ColumnType.STRING),
            TableColumn.required("phone_number_id", ColumnType.STRING),
            TableColumn.required("contact_wa_id", ColumnType.STRING),
            TableColumn.required("category", ColumnType.STRING),
            TableColumn.required("type", ColumnType.STRING),
            TableColumn.required("opened_at", ColumnType.TIMESTAMP_MICROS),
            TableColumn.required("closed_at", ColumnType.TIMESTAMP_MICROS),
            TableColumn.unique("opening_message_id", ColumnType.STRING),
            TableColumn.nullable("country", ColumnType.STRING),
            TableColumn.required("market", ColumnType.STRING),
            TableColumn.required("currency", ColumnType.STRING),
            TableColumn.nullable("rate", MONEY),
            TableColumn.required("amount", MONEY),
            TableColumn.required("pricing_model", ColumnType.STRING));

    public static final List<TableColumn> OUTCOME_COLUMNS = List.of(
            TableColumn.unique("message_id", ColumnType.STRING),
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

    /** A conversation as {@code conversations/} publishes it. */
    public record Conversation(String conversationId, String wabaId, String phoneNumberId, String contactWaId,
            String category, String type, Instant openedAt, Instant closedAt, String openingMessageId,
            String country, String market, String currency, BigDecimal rate, BigDecimal amount,
            String pricingModel) {
    }

    /**
     * A priced message's outcome, pricing type, rate and amount after month rating (a service message beyond its phone
     * number's free tier becomes CHARGED / REGULAR, SPEC 2.10.5; a tier changes a charged message's rate).
     */
    public record FinalPrice(String outcome, String pricingType, BigDecimal rate, BigDecimal amount) {
    }

    /**
     * Streams the conversations of a UTC day in (opening time, conversation id) order, without holding the day in
     * memory; called from several threads at once, a day at a time each.
     */
    @FunctionalInterface
    public interface ConversationSource {
        void read(LocalDate day, Consumer<Conversation> rows) throws Exception;
    }

    /**
     * The final prices month rating gave the messages of a UTC day and replay bucket, by message id (only those it
     * changed: the others keep the replay's).
     */
    @FunctionalInterface
    public interface PriceSource {
        Map<String, FinalPrice> of(LocalDate day, int bucket) throws Exception;
    }

    private final Path output;
    private final Path staging;
    private final ConversationSource conversations;
    private final PriceSource prices;

    public LedgerParquetFiles(Path output, long jobExecutionId, ConversationSource conversations, PriceSource prices) {
        this.output = output;
        this.staging = output.resolve(".staging-" + jobExecutionId);
        this.conversations = conversations;
        this.prices = prices;
    }

    /** What the outcome files pass on while they are written: called from several threads at once. */
    public interface OutcomeListener {
        void outcome(OutcomeRecord record);
    }

    /**
     * Writes the conversations partitions of {@code conversationDays} and the outcomes partitions of
     * {@code outcomeDays} (day to the replay's spill folder of that day) on {@code threads} threads: a day's
     * conversations are one task, each bucket's outcome spill another. Every partition is staged whole and
     * swapped in once all are written, so a reader never sees half of one. Final prices are looked up in the
     * ledger only on the days {@code repricedDays} accepts (see {@link #writeOutcomes}).
     */
    public void writeAll(Collection<LocalDate> conversationDays, Map<LocalDate, Path> outcomeDays,
            Predicate<LocalDate> repricedDays, OutcomeListener listener, int threads) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        // conversations first: a day's query is the longest task and the buckets fill the other threads meanwhile
        for (LocalDate day : conversationDays) {
            Files.createDirectories(staging.resolve("conversations").resolve("day=" + day));
            tasks.add(() -> {
                stageConversations(day);
                return null;
            });
        }
        for (Map.Entry<LocalDate, Path> e : outcomeDays.entrySet()) {
            LocalDate day = e.getKey();
            Path part = staging.resolve("message_outcomes").resolve("day=" + day);
            Files.createDirectories(part);
            boolean lookUp = repricedDays.test(day);
            for (Path spill : spills(e.getValue())) {
                tasks.add(() -> {
                    stageOutcomes(spill, day, part, lookUp, listener);
                    return null;
                });
            }
        }
        runAll(tasks, threads);
        for (LocalDate day : conversationDays) swapIn("conversations", day);
        for (LocalDate day : outcomeDays.keySet()) swapIn("message_outcomes", day);
    }

    /** Runs the tasks on a pool of {@code threads}; the first failure cancels the rest and is thrown. */
    private static void runAll(List<Callable<Void>> tasks, int threads) throws Exception {
        if (tasks.isEmpty()) return;
        int n = Math.max(1, Math.min(threads, tasks.size()));
        AtomicInteger seq = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "publish-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
            for (Callable<Void> t : tasks) done.submit(t);
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    pool.awaitTermination(1, TimeUnit.MINUTES);
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) throw ex;
                    if (cause instanceof Error err) throw err;
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Rewrites the conversations partition of {@code day} from the ledger. */
    public void writeConversations(LocalDate day) throws Exception {
        Files.createDirectories(staging.resolve("conversations").resolve("day=" + day));
        stageConversations(day);
        swapIn("conversations", day);
    }

    /**
     * Writes the staged conversations file of {@code day} as the source streams it (the source sorts the day
     * while the other threads write outcomes); no file when the day has none.
     */
    private void stageConversations(LocalDate day) throws Exception {
        Path part = staging.resolve("conversations").resolve("day=" + day);
        ConversationPart file = new ConversationPart(part.resolve("part-00000.parquet"));
        try {
            conversations.read(day, file::write);
        } catch (Exception | Error e) {
            file.abort();
            throw e;
        }
        file.close();
    }

    /** The part file of a day's conversations, created with its first row. */
    private static final class ConversationPart {
        private final Path file;
        private ParquetTableWriter w;
        private ParquetTableWriter.Row row;

        ConversationPart(Path file) {
            this.file = file;
        }

        void write(Conversation c) {
            if (w == null) {
                w = ParquetTableWriter.create(file.toString(), CONVERSATION_COLUMNS);
                row = w.newRow();
            }
            row.setString(0, c.conversationId());
            row.setRepeated(1, c.wabaId());
            row.setString(2, c.phoneNumberId());
            row.setString(3, c.contactWaId());
            row.setRepeated(4, c.category());
            row.setRepeated(5, c.type());
            row.set(6, c.openedAt());
            row.set(7, c.closedAt());
            row.setString(8, c.openingMessageId());
            row.setRepeated(9, c.country());
            row.setRepeated(10, c.market());
            row.setRepeated(11, c.currency());
            row.setRepeated(12, c.rate());
            row.setRepeated(13, c.amount());
            row.setRepeated(14, c.pricingModel());
            w.write(row);
        }

        void abort() {
            if (w != null) w.abort();
        }

        void close() {
            if (w != null) w.close();
        }
    }

    /**
     * Writes the outcomes partition of {@code day} from the replay's spill files, with the final price of each
     * charged message from the ledger (a volume tier may have lowered it after the replay).
     */
    public void writeOutcomes(LocalDate day, Path spillDir) throws Exception {
        writeAll(List.of(), Map.of(day, spillDir), d -> true, r -> { }, 1);
    }

    private static List<Path> spills(Path spillDir) throws IOException {
        if (!Files.isDirectory(spillDir)) return List.of();
        try (Stream<Path> s = Files.list(spillDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }

    /**
     * One bucket's part file: its outcomes in (event time, message id) order. The spill is read once, into
     * columns (values that repeat are shared), and sorted by packed primitive keys; with {@code lookUpPrices} the
     * prices month rating changed (in the ledger) replace the replay's.
     */
    private void stageOutcomes(Path spill, LocalDate day, Path part, boolean lookUpPrices, OutcomeListener listener)
            throws Exception {
        OutcomeColumns cols = new OutcomeColumns();
        try (SpillInput in = new SpillInput(spill)) {
            while (in.hasMore()) {
                OutcomeRecord r = OutcomeRecord.readFrom(in);
                listener.outcome(r);
                cols.add(r);
            }
        }
        if (lookUpPrices) cols.applyFinalPrices(prices.of(day, OutcomeSpill.bucketOf(spill)));
        int[] order = cols.order();
        String name = spill.getFileName().toString().replace("bucket-", "part-").replace(".bin", ".parquet");
        try (ParquetTableWriter w = ParquetTableWriter.create(part.resolve(name).toString(), OUTCOME_COLUMNS)) {
            ParquetTableWriter.Row row = w.newRow();
            for (int i : order) {
                row.setString(0, cols.messageId[i]);
                row.setRepeated(1, cols.wabaId[i]);
                row.setString(2, cols.conversationId[i]);
                row.setRepeated(3, cols.outcome[i]);
                row.setRepeated(4, emptyToNull(cols.flags[i]));
                row.setRepeated(5, cols.pricingModel[i]);
                row.setRepeated(6, cols.pricingCategory[i]);
                row.setRepeated(7, cols.pricingType[i]);
                row.setRepeated(8, cols.country[i]);
                row.setRepeated(9, cols.market[i]);
                row.setRepeated(10, cols.currency[i]);
                row.setRepeated(11, cols.rate[i]);
                row.setRepeated(12, cols.amount[i] == null ? BigDecimal.ZERO : cols.amount[i]);
                w.write(row);
            }
        }
    }

    /** A bucket's outcomes as columns: what the part file needs, with one copy of each repeated value. */
    static final class OutcomeColumns {
        int size;
        String[] messageId = new String[1024];
        String[] wabaId = new String[1024];
        String[] conversationId = new String[1024];
        String[] outcome = new String[1024];
        String[] flags = new String[1024];
        String[] pricingModel = new String[1024];
        String[] pricingCategory = new String[1024];
        String[] pricingType = new String[1024];
        String[] country = new String[1024];
        String[] market = new String[1024];
        String[] currency = new String[1024];
        BigDecimal[] rate = new BigDecimal[1024];
        BigDecimal[] amount = new BigDecimal[1024];
        long[] seconds = new long[1024];
        long[] nanos = new long[1024];
        private final Map<Object, Object> shared = new HashMap<>();

        void add(OutcomeRecord r) {
            if (size == messageId.length) grow();
            int i = size++;
            messageId[i] = r.messageId();
            wabaId[i] = share(r.wabaId());
            conversationId[i] = r.conversationId();
            outcome[i] = share(r.outcome());
            flags[i] = share(r.flags());
            pricingModel[i] = share(r.pricingModel());
            pricingCategory[i] = share(r.pricingCategory());
            pricingType[i] = share(r.pricingType());
            country[i] = share(r.country());
            market[i] = share(r.market());
            currency[i] = share(r.currency());
            rate[i] = share(r.rate());
            amount[i] = share(r.amount());
            seconds[i] = r.eventTime().getEpochSecond();
            nanos[i] = r.eventTime().getNano();
        }

        @SuppressWarnings("unchecked")
        private <T> T share(T v) {
            if (v == null) return null;
            Object s = shared.putIfAbsent(v, v);
            return s == null ? v : (T) s;
        }

        private void grow() {
            int n = messageId.length * 2;
            messageId = Arrays.copyOf(messageId, n);
            wabaId = Arrays.copyOf(wabaId, n);
            conversationId = Arrays.copyOf(conversationId, n);
            outcome = Arrays.copyOf(outcome, n);
            flags = Arrays.copyOf(flags, n);
            pricingModel = Arrays.copyOf(pricingModel, n);
            pricingCategory = Arrays.copyOf(pricingCategory, n);
            pricingType = Arrays.copyOf(pricingType, n);
            country = Arrays.copyOf(country, n);
            market = Arrays.copyOf(market, n);
            currency = Arrays.copyOf(currency, n);
            rate = Arrays.copyOf(rate, n);
            amount = Arrays.copyOf(amount, n);
            seconds = Arrays.copyOf(seconds, n);
            nanos = Arrays.copyOf(nanos, n);
        }

        void applyFinalPrices(Map<String, FinalPrice> prices) {
            if (prices.isEmpty()) return;
            for (int i = 0; i < size; i++) {
                FinalPrice p = prices.get(messageId[i]);
                if (p != null) {
                    outcome[i] = share(p.outcome());
                    pricingType[i] = share(p.pricingType());
                    rate[i] = share(p.rate());
                    amount[i] = share(p.amount());
                }
            }
        }

        /**
         * The rows in (event time, message id) order: the times sorted as primitive keys (seconds, then nanos),
         * message ids compared only where times are equal.
         */
        int[] order() {
            return KeySort.sort(Arrays.copyOf(seconds, size), Arrays.copyOf(nanos, size),
                    (a, b) -> messageId[a].compareTo(messageId[b]));
        }
    }

    /**
     * Rewrites the outcomes partition of {@code day}, written by an earlier run, without {@code messageIds} (messages
     * that moved to a later day): each part file is read and written again, staged and swapped in whole. A day
     * that has no partition is left alone.
     */
    public void removeOutcomes(LocalDate day, java.util.Set<String> messageIds) throws IOException {
        Path target = output.resolve("message_outcomes").resolve("day=" + day);
        if (messageIds.isEmpty() || !Files.isDirectory(target)) return;
        Path part = staging.resolve("message_outcomes").resolve("day=" + day);
        Files.createDirectories(part);
        List<Path> files;
        try (Stream<Path> s = Files.list(target)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        for (Path file : files) {
            try (ParquetTableWriter w = ParquetTableWriter.create(part.resolve(file.getFileName()).toString(),
                    OUTCOME_COLUMNS)) {
                for (Map<String, Object> r : com.wabill.parquet.ParquetTableReader.readAll(file.toString())) {
                    if (messageIds.contains((String) r.get("message_id"))) continue;
                    Object[] row = new Object[OUTCOME_COLUMNS.size()];
                    for (int i = 0; i < row.length; i++) row[i] = r.get(OUTCOME_COLUMNS.get(i).name());
                    w.write(row);
                }
            }
        }
        swapIn("message_outcomes", day);
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
