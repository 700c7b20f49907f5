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

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;

/**
 * The billing job on the sample data (2026-09-28..10-04), checked against figures computed here independently,
 * straight from the reference files: each priced message's currency (the account row in force), market, category
 * (authentication-international, SPEC 2.11), free or charged service (the 1,000 free service messages of a phone
 * number's month, 2.10.5) and amount; each invoice (per WABA, month and currency), its lines and total; each payment
 * (3.3); and the differences planted in Meta's export and the logs (4).
 */
@SharedJobContext
class SampleDataBillingTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;


    /** One row of accounts.csv. */
    record AccountRow(String waba, ZoneId zone, String currency, BigDecimal threshold, String primaryCountry,
            LocalDate authInternationalFrom, LocalDate effectiveFrom) {
    }

    /** A priced message of the ledger, as the replay left it. */
    record Msg(String id, String waba, String phone, String contact, Instant at, String category, String type,
            String market, String currency, BigDecimal rate, BigDecimal amount, String month) {
    }

    @Test
    void invoicesLinesAndPaymentsMatchAnIndependentComputation() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.installSampleData(ROOT);

        // the bare command bills every day in the logs: 2026-09-28..2026-10-04, across the rules of 2026-10-01
        var execution = launcher.launch(billing, LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 4));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, List<AccountRow>> accounts = new HashMap<>();
        for (String[] r : csv(ROOT.resolve("ref/accounts.csv"))) {
            accounts.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new AccountRow(r[0], ZoneId.of(r[2]), r[3],
                    r[4].isBlank() ? null : new BigDecimal(r[4]), r[6].isBlank() ? null : r[6],
                    r[7].isBlank() ? null : LocalDate.parse(r[7]), r[8].isBlank() ? LocalDate.MIN : LocalDate.parse(r[8])));
        }
        // country -> (effective from -> market); an empty date means always
        Map<String, TreeMap<LocalDate, String>> markets = new HashMap<>();
        for (String[] row : csv(ROOT.resolve("ref/markets.csv"))) {
            LocalDate from = row.length < 3 || row[2].isBlank() ? LocalDate.MIN : LocalDate.parse(row[2]);
            markets.computeIfAbsent(row[0], k -> new TreeMap<>()).put(from, row[1]);
        }
        // currency -> (effective from -> market -> row)
        Map<String, TreeMap<LocalDate, Map<String, String[]>>> cards = new HashMap<>();
        for (String currency : List.of("USD", "INR")) {
            try (Stream<Path> s = Files.list(ROOT.resolve("ref/rate-cards/" + currency))) {
                for (Path card : s.filter(p -> p.toString().matches(".*\\d{4}-\\d{2}-\\d{2}\\.csv")).toList()) {
                    cards.computeIfAbsent(currency, k -> new TreeMap<>()).put(
                            LocalDate.parse(card.getFileName().toString().replace(".csv", "")), csvByFirstColumn(card));
                }
            }
        }
        List<String> columns = List.of("Market", "Currency", "MARKETING", "UTILITY", "AUTHENTICATION",
                "AUTHENTICATION_INTERNATIONAL", "SERVICE");

        List<Msg> msgs = jdbc.query("select message_id, waba_id, phone_number_id, contact_wa_id, event_time,"
                + " pricing_category, pricing_type, market, currency, rate, amount, local_month from priced_message",
                (rs, i) -> new Msg(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getString(12)));
        assertThat(jdbc.queryForObject("select count(*) from conversation where pricing_model = 'CBP'", Long.class))
                .as("no conversation-based pricing in 2026").isZero();
        msgs.sort(Comparator.comparing(Msg::at).thenComparing(Msg::id));

        // each message: the account row in force, its market, the card's rate; service numbered per phone number
        Map<String, Integer> serviceCount = new HashMap<>();
        Map<String, long[]> freeService = new TreeMap<>();
        long international = 0;
        for (Msg m : msgs) {
            List<AccountRow> rows = accounts.get(m.waba());
            ZoneId zone = rows == null ? ZoneOffset.UTC : rows.get(0).zone();
            LocalDate localDay = LocalDate.ofInstant(m.at(), zone);
            AccountRow row = rows == null ? null : rows.stream().filter(r -> !r.effectiveFrom().isAfter(localDay))
                    .max(Comparator.comparing(AccountRow::effectiveFrom)).orElse(null);
            String currency = row == null ? "USD" : row.currency();
            assertThat(m.currency()).as("currency of %s", m.id()).isEqualTo(currency);
            assertThat(m.month()).isEqualTo(YearMonth.from(localDay).toString());
            var number = PhoneNumberUtil.getInstance().parse("+" + m.contact(), null);
            String country = PhoneNumberUtil.getInstance().getRegionCodeForNumber(number);
            var inForce = markets.containsKey(country) ? markets.get(country).floorEntry(localDay) : null;
            String market = inForce == null ? "Other" : inForce.getValue();
            assertThat(m.market()).as("market of %s", m.id()).isEqualTo(market);
            String[] card = cards.get(currency).floorEntry(localDay).getValue().get(market);
            String category = m.category();
            if (category.startsWith("AUTHENTICATION")) {
                boolean abroad = row != null && row.primaryCountry() != null && row.authInternationalFrom() != null
                        && !localDay.isBefore(row.authInternationalFrom()) && !row.primaryCountry().equals(country)
                        && !card[columns.indexOf("AUTHENTICATION_INTERNATIONAL")].equals("n/a");
                assertThat(category).as("category of %s", m.id())
                        .isEqualTo(abroad ? "AUTHENTICATION_INTERNATIONAL" : "AUTHENTICATION");
                if (abroad) international++;
            }
            boolean charged;
            if (category.equals("SERVICE") && localDay.isBefore(LocalDate.of(2026, 10, 1))) {
                // SPEC 2.9.5: before 2026-10-01 (local) every service message is free and none is counted
                charged = false;
                assertThat(m.type()).as("type of service message %s", m.id()).isEqualTo("FREE_CUSTOMER_SERVICE");
            } else if (category.equals("SERVICE")) {
                // SPEC 2.10.5: the first 1,000 service messages of a phone number's local month are free
                int n = serviceCount.merge(m.phone() + " " + m.month(), 1, Integer::sum);
                charged = n > 1000;
                assertThat(m.type()).as("type of service message %s (number %d)", m.id(), n)
                        .isEqualTo(charged ? "REGULAR" : "FREE_CUSTOMER_SERVICE");
                long[] f = freeService.computeIfAbsent(m.phone() + " " + m.month(), k -> new long[2]);
                f[charged ? 1 : 0]++;
            } else {
                charged = m.type().equals("REGULAR");
            }
            BigDecimal expected = charged ? new BigDecimal(card[columns.indexOf(category)]) : BigDecimal.ZERO;
            assertThat(m.amount()).as("amount of %s (%s/%s, %s, %s)", m.id(), category, m.type(), market, currency)
                    .isEqualByComparingTo(expected);
        }
        assertThat(msgs).hasSizeGreaterThan(10_000);
        assertThat(international).as("authentication-international messages").isPositive();
        // waba-no's phone number uses its 1,000 free service messages in October and is charged beyond
        assertThat(freeService.get("120300400500601 2026-10")[0]).isEqualTo(1000);
        assertThat(freeService.get("120300400500601 2026-10")[1]).isGreaterThan(50);
        RunSummary summary = SummaryJson.read(ROOT.resolve("out/summary.json"));
        RunSummary.FreeServiceUse no = summary.freeServiceMessages().stream()
                .filter(f -> f.phoneNumberId().equals("120300400500601")).findFirst().orElseThrow();
        assertThat(List.of(no.used(), no.left(), no.chargedBeyond()))
                .isEqualTo(List.of(1000L, 0L, freeService.get("120300400500601 2026-10")[1]));

        // invoices: one per WABA, local month and currency, lines by model, category, type, market and rate
        Map<String, List<Msg>> byInvoice = new TreeMap<>();
        for (Msg m : msgs) byInvoice.computeIfAbsent(m.waba() + "," + m.month() + "," + m.currency(), k -> new ArrayList<>()).add(m);
        assertThat(byInvoice).containsKeys("waba-in,2026-10,USD", "waba-in,2026-10,INR");
        List<String> invoices = Files.readAllLines(ROOT.resolve("out/invoices.csv"));
        List<String> lines = Files.readAllLines(ROOT.resolve("out/invoice_lines.csv"));
        List<String> payments = Files.readAllLines(ROOT.resolve("out/payments.csv"));
        assertThat(invoices).hasSize(byInvoice.size() + 1);
        List<String> expectedLines = new ArrayList<>();
        List<String> expectedPayments = new ArrayList<>();
        for (var e : byInvoice.entrySet()) {
            String[] key = e.getKey().split(",");
            List<Msg> list = e.getValue();
            BigDecimal sum = list.stream().map(Msg::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal total = sum.setScale(2, RoundingMode.HALF_UP);
            long billable = list.stream().filter(c -> c.amount().signum() > 0).count();
            String invoice = invoices.stream().filter(l -> l.startsWith(key[0] + "," + key[1] + ",1," + key[2] + ","))
                    .findFirst().orElseThrow();
            String[] f = invoice.split(",");
            assertThat(Long.parseLong(f[5])).as("messages of %s", e.getKey()).isEqualTo(list.size());
            assertThat(Long.parseLong(f[6])).as("billable of %s", e.getKey()).isEqualTo(billable);
            assertThat(new BigDecimal(f[7])).as("total of %s", e.getKey()).isEqualByComparingTo(total);

            Map<String, BigDecimal[]> grouped = new TreeMap<>();
            for (Msg c : list) {
                String k = key[0] + "," + key[1] + ",1,PMP," + c.category() + "," + c.type() + "," + c.market() + ","
                        + key[2] + "," + (c.rate() == null ? "" : c.rate().stripTrailingZeros().toPlainString());
                grouped.merge(k, new BigDecimal[] {BigDecimal.ONE, c.amount()},
                        (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
            }
            grouped.forEach((k, v) -> expectedLines.add(k + "," + v[0].toPlainString() + ","
                    + v[1].stripTrailingZeros().toPlainString()));

            // payments: threshold of the row in force at each charge, then the month-end remainder of a closed month
            List<AccountRow> rows = accounts.get(key[0]);
            BigDecimal running = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            for (Msg c : list) {
                if (c.amount().signum() <= 0) continue;
                running = running.add(c.amount());
                LocalDate localDay = rows == null ? null : LocalDate.ofInstant(c.at(), rows.get(0).zone());
                BigDecimal threshold = rows == null ? null : rows.stream()
                        .filter(r -> !r.effectiveFrom().isAfter(localDay))
                        .max(Comparator.comparing(AccountRow::effectiveFrom)).map(AccountRow::threshold).orElse(null);
                if (threshold != null && running.subtract(paid).compareTo(threshold) >= 0) {
                    BigDecimal pay = running.setScale(2, RoundingMode.HALF_UP).subtract(paid);
                    expectedPayments.add(key[0] + "," + key[1] + "," + key[2] + "," + c.at() + ","
                            + pay.toPlainString() + ",THRESHOLD");
                    paid = paid.add(pay);
                }
            }
            if (f[8].equals("CLOSED") && total.compareTo(paid) > 0) {
                ZoneId zone = rows == null ? ZoneOffset.UTC : rows.get(0).zone();
                Instant nextMonth = YearMonth.parse(key[1]).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                expectedPayments.add(key[0] + "," + key[1] + "," + key[2] + "," + nextMonth + ","
                        + total.subtract(paid).toPlainString() + ",MONTH_END");
            }
        }
        List<String> actualLines = lines.subList(1, lines.size()).stream().map(SampleDataBillingTest::normaliseLine).sorted().toList();
        assertThat(actualLines).isEqualTo(expectedLines.stream().sorted().toList());
        assertThat(payments.subList(1, payments.size()).stream().sorted().toList())
                .isEqualTo(expectedPayments.stream().sorted().toList());
        // waba-in moves to INR on 2026-10-03: thresholds in both currencies of October
        assertThat(payments).filteredOn(l -> l.startsWith("waba-in,2026-10,INR,") && l.endsWith("THRESHOLD")).isNotEmpty();
        assertThat(payments).filteredOn(l -> l.startsWith("waba-br,") && l.endsWith("THRESHOLD")).isEmpty();

        // Meta's export in sample-data/meta (and the logs' meta_pricing_* columns) have differences planted on
        // purpose: exactly those are reported
        List<String> planted = new ArrayList<>();
        for (String l : Files.readAllLines(ROOT.resolve("meta/PLANTED.md"))) {
            String[] cells = l.split("\\|");
            if (cells.length < 16 || cells[1].isBlank() || cells[1].trim().equals("planted") || cells[1].startsWith("---")) continue;
            List<String> row = new ArrayList<>();
            for (int i = 3; i <= 15; i++) row.add(cells[i].trim());
            planted.add(String.join(",", row));
        }
        assertThat(planted).hasSizeGreaterThanOrEqualTo(6);
        assertThat(planted).filteredOn(p -> p.startsWith("PRICING_MISMATCH,")).hasSize(2);
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
