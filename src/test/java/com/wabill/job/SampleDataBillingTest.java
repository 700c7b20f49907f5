package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.wabill.launch.JobLaunchRunner;
import com.wabill.parquet.ParquetTableReader;

/**
 * The billing job on the sample data, checked against figures computed here independently, straight from the
 * reference files: each conversation's price, each invoice's lines and total, each payment (SPEC 2.7, 3.2, 3.3).
 */
@SpringBootTest
class SampleDataBillingTest {

    static final Path ROOT = JobTestSupport.newRoot("sample");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.register(registry, ROOT);
    }

    @Autowired
    JobLaunchRunner launcher;
    @Autowired
    Job billing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void invoicesLinesAndPaymentsMatchAnIndependentComputation() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.installSampleData(ROOT);

        var execution = launcher.launch(billing, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 3));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, String[]> accounts = csvByFirstColumn(ROOT.resolve("ref/accounts.csv"));
        // country -> (effective from -> market); an empty date means always
        Map<String, TreeMap<LocalDate, String>> markets = new HashMap<>();
        for (String[] row : csv(ROOT.resolve("ref/markets.csv"))) {
            LocalDate from = row.length < 3 || row[2].isBlank() ? LocalDate.MIN : LocalDate.parse(row[2]);
            markets.computeIfAbsent(row[0], k -> new TreeMap<>()).put(from, row[1]);
        }
        TreeMap<LocalDate, Map<String, String[]>> cards = new TreeMap<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("ref/rate-cards/USD"))) {
            for (Path card : s.filter(p -> p.toString().matches(".*\\d{4}-\\d{2}-\\d{2}\\.csv")).toList()) {
                cards.put(LocalDate.parse(card.getFileName().toString().replace(".csv", "")), csvByFirstColumn(card));
            }
        }
        List<String> columns = List.of("Market", "Currency", "MARKETING", "UTILITY", "AUTHENTICATION", "AuthInt", "SERVICE");

        // every conversation of the output, priced here from the reference files
        record Charge(String waba, YearMonth month, Instant at, String id, String model, String category, String type,
                String market, BigDecimal rate, BigDecimal amount) {
        }
        List<Charge> charges = new ArrayList<>();
        for (Path p : parquet(ROOT.resolve("out/conversations"))) {
            for (Map<String, Object> c : ParquetTableReader.readAll(p.toString())) {
                String waba = (String) c.get("waba_id");
                ZoneId zone = accounts.containsKey(waba) ? ZoneId.of(accounts.get(waba)[2]) : ZoneOffset.UTC;
                Instant opened = (Instant) c.get("opened_at");
                LocalDate localDay = LocalDate.ofInstant(opened, zone);
                var number = PhoneNumberUtil.getInstance().parse("+" + c.get("contact_wa_id"), null);
                String country = PhoneNumberUtil.getInstance().getRegionCodeForNumber(number);
                var inForce = markets.containsKey(country) ? markets.get(country).floorEntry(localDay) : null;
                String market = inForce == null ? "Other" : inForce.getValue();
                assertThat(c.get("market")).as("market of %s", c.get("conversation_id")).isEqualTo(market);
                String category = (String) c.get("category");
                String type = (String) c.get("type");
                BigDecimal expected;
                BigDecimal rate = null;
                if (type.equals("FREE_ENTRY_POINT") || category.equals("SERVICE")) {
                    expected = BigDecimal.ZERO; // March 2025: service conversations are free for everyone
                } else {
                    String[] row = cards.floorEntry(localDay).getValue().get(market);
                    rate = new BigDecimal(row[columns.indexOf(category)]);
                    expected = rate;
                }
                assertThat((BigDecimal) c.get("amount")).as("amount of %s", c.get("conversation_id"))
                        .isEqualByComparingTo(expected);
                if (!"CBP".equals(c.get("pricing_model"))) continue;
                charges.add(new Charge(waba, YearMonth.from(localDay), opened, (String) c.get("conversation_id"),
                        "CBP", category, type, market, rate, expected));
            }
        }
        assertThat(charges).hasSizeGreaterThan(500);

        // invoices: one per WABA and local month, lines by model, category, type, market and rate
        Map<String, List<Charge>> byInvoice = new TreeMap<>();
        for (Charge c : charges) byInvoice.computeIfAbsent(c.waba() + "," + c.month(), k -> new ArrayList<>()).add(c);
        List<String> invoices = Files.readAllLines(ROOT.resolve("out/invoices.csv"));
        List<String> lines = Files.readAllLines(ROOT.resolve("out/invoice_lines.csv"));
        List<String> payments = Files.readAllLines(ROOT.resolve("out/payments.csv"));
        assertThat(invoices).hasSize(byInvoice.size() + 1);
        List<String> expectedLines = new ArrayList<>();
        List<String> expectedPayments = new ArrayList<>();
        for (var e : byInvoice.entrySet()) {
            List<Charge> list = e.getValue();
            BigDecimal sum = list.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal total = sum.setScale(2, RoundingMode.HALF_UP);
            long billable = list.stream().filter(c -> c.amount().signum() > 0).count();
            String invoice = invoices.stream().filter(l -> l.startsWith(e.getKey() + ",1,")).findFirst().orElseThrow();
            String[] f = invoice.split(",");
            assertThat(Long.parseLong(f[4])).as("conversations of %s", e.getKey()).isEqualTo(list.size());
            assertThat(Long.parseLong(f[6])).as("billable of %s", e.getKey()).isEqualTo(billable);
            assertThat(new BigDecimal(f[7])).as("total of %s", e.getKey()).isEqualByComparingTo(total);

            Map<String, BigDecimal[]> grouped = new TreeMap<>();
            for (Charge c : list) {
                String key = e.getKey() + ",1,CBP," + c.category() + "," + c.type() + "," + c.market() + ",USD,"
                        + (c.rate() == null ? "" : c.rate().stripTrailingZeros().toPlainString());
                grouped.merge(key, new BigDecimal[] {BigDecimal.ONE, c.amount()},
                        (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
            }
            grouped.forEach((k, v) -> expectedLines.add(k + "," + v[0].toPlainString() + "," + v[1].stripTrailingZeros().toPlainString()));

            // payments: threshold payments in time order, then the month-end remainder once the month is closed
            String[] account = accounts.get(list.get(0).waba());
            BigDecimal threshold = account == null || account[4].isBlank() ? null : new BigDecimal(account[4]);
            list.sort(Comparator.comparing(Charge::at).thenComparing(Charge::id));
            BigDecimal running = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            for (Charge c : list) {
                running = running.add(c.amount());
                if (threshold != null && running.subtract(paid).compareTo(threshold) >= 0) {
                    BigDecimal pay = running.setScale(2, RoundingMode.HALF_UP).subtract(paid);
                    expectedPayments.add(e.getKey() + ",USD," + c.at() + "," + pay.toPlainString() + ",THRESHOLD");
                    paid = paid.add(pay);
                }
            }
            if (f[8].equals("CLOSED") && total.compareTo(paid) > 0) {
                ZoneId zone = account == null ? ZoneOffset.UTC : ZoneId.of(account[2]);
                Instant nextMonth = list.get(0).month().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                expectedPayments.add(e.getKey() + ",USD," + nextMonth + "," + total.subtract(paid).toPlainString() + ",MONTH_END");
            }
        }
        List<String> actualLines = lines.subList(1, lines.size()).stream().map(SampleDataBillingTest::normaliseLine).sorted().toList();
        assertThat(actualLines).isEqualTo(expectedLines.stream().sorted().toList());
        assertThat(payments.subList(1, payments.size()).stream().sorted().toList())
                .isEqualTo(expectedPayments.stream().sorted().toList());
        // the seed's three cases: a month that hits its threshold several times, once, never
        assertThat(payments).filteredOn(l -> l.startsWith("waba-no,") && l.endsWith("THRESHOLD")).hasSizeGreaterThan(1);
        assertThat(payments).filteredOn(l -> l.startsWith("waba-in,") && l.endsWith("THRESHOLD")).hasSize(1);
        assertThat(payments).filteredOn(l -> l.startsWith("waba-br,") && l.endsWith("THRESHOLD")).isEmpty();

        // Meta's export in sample-data/meta has differences planted on purpose: exactly those are reported
        List<String> planted = new ArrayList<>();
        for (String l : Files.readAllLines(ROOT.resolve("meta/PLANTED.md"))) {
            String[] cells = l.split("\\|");
            if (cells.length < 16 || cells[1].isBlank() || cells[1].trim().equals("planted") || cells[1].startsWith("---")) continue;
            List<String> row = new ArrayList<>();
            for (int i = 3; i <= 15; i++) row.add(cells[i].trim());
            planted.add(String.join(",", row));
        }
        assertThat(planted).hasSizeGreaterThanOrEqualTo(3);
        List<String> discrepancies = Files.readAllLines(ROOT.resolve("out/discrepancies.csv"));
        List<String> reported = discrepancies.subList(1, discrepancies.size()).stream()
                .map(l -> String.join(",", java.util.Arrays.asList(l.split(",", 14)).subList(0, 13))).sorted().toList();
        assertThat(reported).isEqualTo(planted.stream().sorted().toList());
    }

    /** Rates and amounts compared by value: strip trailing zeros of the last two decimal columns. */
    static String normaliseLine(String line) {
        String[] f = line.split(",", -1);
        f[8] = f[8].isEmpty() ? "" : new BigDecimal(f[8]).stripTrailingZeros().toPlainString();
        f[10] = new BigDecimal(f[10]).stripTrailingZeros().toPlainString();
        return String.join(",", f);
    }

    static List<String[]> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) rows.add(l.split(",", -1));
        return rows;
    }

    static Map<String, String[]> csvByFirstColumn(Path file) throws Exception {
        Map<String, String[]> map = new HashMap<>();
        for (String[] row : csv(file)) map.put(row[0], row);
        return map;
    }

    static List<Path> parquet(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
