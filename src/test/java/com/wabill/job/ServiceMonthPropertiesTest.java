package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.engine.PricingRegime;
import com.wabill.launch.JobLaunchRunner;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.wabill.testsupport.JobTest;

/**
 * Issue 14, through the whole job and the ledger, for random logs across 2026-10-01 (SPEC 2.10 from local midnight in
 * each WABA's zone): billing day by day gives exactly what billing the range at once gives (SPEC 2.8: month counts come
 * from the ledger, whatever runs wrote the month), and the free service messages of each business phone number in each
 * local month are exactly min(1,000, its service messages). One phone number gets around 1,000 service replies in a
 * window that crosses a UTC midnight, so that the 1,001st falls in some runs and not in others.
 */
@JobTest
class ServiceMonthPropertiesTest {

    static final LocalDate FIRST = LocalDate.of(2026, 9, 30);
    static final int DAYS = 3;

    static Path root;
    static ConfigurableApplicationContext context;

    @BeforeContainer
    static void start() {
        root = JobTestSupport.newRoot("service-month");
        context = JobTestSupport.startContext(root, 300);
    }

    @AfterContainer
    static void stop() {
        if (context != null) context.close();
    }

    @Property(tries = 4)
    void dailyRunsEqualOneRunAndTheFreeServiceMessagesAreMin1000(@ForAll long seed,
            @ForAll @IntRange(min = 950, max = 1080) int replies) throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<Map<String, String>> rows = logs(seed, replies);

        prepare(jdbc, rows);
        JobExecution range = bill(FIRST, FIRST.plusDays(DAYS - 1));
        LedgerSnapshot once = LedgerSnapshot.take(jdbc, root.resolve("out"));
        checkFreeTier(jdbc, replies);
        checkOutputsAndCountersAgreeWithTheLedger(jdbc, range);

        prepare(jdbc, rows);
        for (int d = 0; d < DAYS; d++) bill(FIRST.plusDays(d), FIRST.plusDays(d));
        LedgerSnapshot daily = LedgerSnapshot.take(jdbc, root.resolve("out"));
        assertThat(jdbc.queryForObject("select count(*) from repriced_message", Long.class))
                .as("month rating's changes are forgotten once published").isZero();
        checkFreeTier(jdbc, replies);

        assertThat(once.diff(daily)).as("one run over the range against one run per day").isEmpty();
    }

    /** Per phone number and local month: free = min(1,000, service messages); the rest charged at the Service rate. */
    private static void checkFreeTier(JdbcTemplate jdbc, int replies) {
        int tier = PricingRegime.PMP_2026_10.serviceFreeTier();
        List<Map<String, Object>> months = jdbc.queryForList("select phone_number_id, local_month, count(*) n,"
                + " count(*) filter (where pricing_type = 'FREE_CUSTOMER_SERVICE' and outcome = 'FREE_CUSTOMER_SERVICE'"
                + " and amount = 0) free,"
                + " count(*) filter (where pricing_type = 'REGULAR' and outcome = 'CHARGED' and amount > 0) charged"
                + " from priced_message where pricing_category = 'SERVICE' and month_position is not null"
                + " group by phone_number_id, local_month");
        assertThat(months).as("service messages under 2.10").isNotEmpty();
        boolean heavy = false;
        for (Map<String, Object> m : months) {
            long n = ((Number) m.get("n")).longValue();
            long free = ((Number) m.get("free")).longValue();
            long charged = ((Number) m.get("charged")).longValue();
            assertThat(free).as("free service messages of %s in %s", m.get("phone_number_id"), m.get("local_month"))
                    .isEqualTo(Math.min(tier, n));
            assertThat(charged).as("charged service messages of %s in %s", m.get("phone_number_id"), m.get("local_month"))
                    .isEqualTo(n - Math.min(tier, n));
            if ("pn-9".equals(m.get("phone_number_id"))) {
                heavy = true;
                assertThat(n).as("pn-9's replies, all in October in Sao Paulo").isEqualTo(replies);
            }
        }
        assertThat(heavy).as("the heavy phone number was billed").isTrue();
        // service messages before 2026-10-01 (local) stay free and are not counted
        assertThat(jdbc.queryForObject("select count(*) from priced_message where pricing_category = 'SERVICE'"
                + " and local_month < '2026-10' and (amount <> 0 or month_position is not null)", Long.class)).isZero();
    }

    /**
     * The replay prices a service message at an estimated position and month rating settles it in the ledger: the
     * outcome files and the run's counters must show the settled prices, message by message and in total.
     */
    private static void checkOutputsAndCountersAgreeWithTheLedger(JdbcTemplate jdbc, JobExecution run) throws Exception {
        Map<String, String> ledger = new HashMap<>();
        for (Map<String, Object> m : jdbc.queryForList("select message_id, outcome, pricing_type, amount from"
                + " priced_message where pricing_category = 'SERVICE'")) {
            ledger.put((String) m.get("message_id"), m.get("outcome") + " " + m.get("pricing_type") + " "
                    + ((java.math.BigDecimal) m.get("amount")).stripTrailingZeros().toPlainString());
        }
        Map<String, String> published = new HashMap<>();
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(root.resolve("out/message_outcomes"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                for (Map<String, Object> r : com.wabill.parquet.ParquetTableReader.readAll(p.toString())) {
                    if (!"SERVICE".equals(String.valueOf(r.get("pricing_category")))) continue;
                    published.put(String.valueOf(r.get("message_id")), r.get("outcome") + " " + r.get("pricing_type")
                            + " " + new java.math.BigDecimal(String.valueOf(r.get("amount"))).stripTrailingZeros()
                                    .toPlainString());
                }
            }
        }
        assertThat(published).as("message_outcomes of the service messages against the ledger").isEqualTo(ledger);
        Map<String, Long> counters = RunCounters.collect(
                context.getBean(org.springframework.batch.core.repository.JobRepository.class), run);
        for (com.wabill.engine.ConversationType type : List.of(com.wabill.engine.ConversationType.REGULAR,
                com.wabill.engine.ConversationType.FREE_CUSTOMER_SERVICE)) {
            assertThat(counters.getOrDefault(RunCounters.priced(com.wabill.engine.Category.SERVICE, type), 0L))
                    .as("the run's counter of %s service messages", type)
                    .isEqualTo(jdbc.queryForObject("select count(*) from priced_message where pricing_category ="
                            + " 'SERVICE' and pricing_type = ?", Long.class, type.name()));
        }
    }

    private static void prepare(JdbcTemplate jdbc, List<Map<String, String>> rows) throws Exception {
        JobTestSupport.reset(root, jdbc);
        JobTestSupport.copyReference(Path.of("src/test/resources/scenarios/v3/reference"), root);
        RandomLogs.writePartitioned(root.resolve("logs"), rows, FIRST, DAYS);
    }

    private static JobExecution bill(LocalDate from, LocalDate to) throws Exception {
        JobExecution e = context.getBean(JobLaunchRunner.class).launch(context.getBean("billing", Job.class), from, to);
        assertThat(e.getStatus()).as("run %s..%s: %s", from, to, e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return e;
    }

    /**
     * {@link RandomLogs} over the three days (waba-1 in Sao Paulo, waba-2 in Oslo: the switch at different UTC instants),
     * plus phone number pn-9 of waba-1 with {@code replies} service replies to one Brazilian customer, a minute apart,
     * inside the window the customer opened on 2026-10-01 12:00Z (they cross the UTC midnight).
     */
    static List<Map<String, String>> logs(long seed, int replies) {
        List<Map<String, String>> rows = RandomLogs.generate(seed, FIRST, DAYS, 24, 6);
        Random rnd = new Random(seed);
        Instant open = Instant.parse("2026-10-01T12:00:00Z").plusSeconds(rnd.nextInt(600));
        rows.add(row("h" + seed + "-in", "INBOUND", open, "TEXT"));
        for (int i = 1; i <= replies; i++) {
            Map<String, String> r = row("h" + seed + "-" + i, "OUTBOUND", open.plusSeconds(60L * i), i % 3 == 0 ? "IMAGE" : "TEXT");
            r.put("status", "DELIVERED");
            r.put("delivered_at", open.plusSeconds(60L * i + 2).toString());
            rows.add(r);
        }
        return rows;
    }

    private static Map<String, String> row(String id, String direction, Instant sent, String type) {
        Map<String, String> m = new HashMap<>();
        m.put("message_id", id);
        m.put("waba_id", "waba-1");
        m.put("phone_number_id", "pn-9");
        m.put("business_phone_number", "15550009");
        m.put("contact_wa_id", "5511900000001");
        m.put("direction", direction);
        m.put("sent_at", sent.toString());
        m.put("message_type", type);
        if (direction.equals("INBOUND")) m.put("status", "RECEIVED");
        return m;
    }
}
