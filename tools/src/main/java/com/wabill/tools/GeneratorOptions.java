package com.wabill.tools;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@link LogGenerator}. A profile gives the defaults; options given on the command line win.
 *
 * <ul>
 *   <li>{@code sample}: 2026-09-28, 7 days (across the rules of 2026-10-01), 3,000 messages a day, a third as many
 *       contacts, 4 WABAs (waba-br, waba-no weighted up so that its one phone number passes its 1,000 free service
 *       messages in October, waba-in and waba-mx, which the sample accounts.csv does not list), seed 20260928,
 *       6 bad rows, 2 differences planted in Meta's per-message pricing;</li>
 *   <li>{@code bench}: 2025-03-10, 1 day, 2,000,000 messages, a tenth as many contacts, all 8 known WABAs,
 *       seed 42, no bad rows.</li>
 * </ul>
 * Without a profile the defaults are those of {@code sample} without bad rows.
 */
record GeneratorOptions(
        Path out,
        String profile,
        LocalDate start,
        int days,
        long messagesPerDay,
        long contacts,
        long seed,
        List<Catalog.Waba> wabas,
        int badRows,
        long partRows,
        int rowGroupRows,
        boolean quiet,
        int plantPricing) {

    /** Earliest first day: a day's messages must be under a pricing model in every WABA's time zone. */
    static final LocalDate EARLIEST = LocalDate.of(2023, 6, 2);

    static final String USAGE = String.join("\n",
            "usage: java -jar tools/target/wabill-tools.jar --out DIR [options]",
            "  --profile sample|bench     defaults (sample: 2025-03-01, 3 days x 1200 messages, 400 contacts, 4 WABAs,",
            "                             seed 20250301, 6 bad rows; bench: 2025-03-10, 1 day x 2000000 messages,",
            "                             messages/10 contacts, 8 WABAs, seed 42)",
            "  --start YYYY-MM-DD         first UTC day",
            "  --days N                   number of days",
            "  --messages-per-day N       distinct messages sent each UTC day (duplicate rows come on top)",
            "  --contacts N               number of contacts (default: messages-per-day / 10 for bench, / 3 otherwise)",
            "  --seed S                   random seed; the same options and seed give the same files, byte for byte",
            "  --wabas N|LIST             the first N known WABAs (waba-br, waba-no, waba-in, waba-mx, waba-us,",
            "                             waba-de, waba-ke, waba-id, then waba-9... in UTC), or ids: waba-br,acme@Europe/Paris",
            "  --bad-rows N               also write N invalid rows (template without category, direction SIDEWAYS,",
            "                             conflicting duplicate of a failed message), in turn",
            "  --part-rows N              rows per part file before a day starts a new one (default 4000000)",
            "  --row-group-rows N         rows per Parquet row group (default: 250000, less when many days are open)",
            "  --plant-pricing N          change Meta's per-message pricing of N messages on purpose (in turn: a charged",
            "                             service message reported free, an authentication-international template",
            "                             reported as authentication); the run prints their ids",
            "  --quiet                    no progress lines");

    static GeneratorOptions parse(String[] args) {
        String profile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--profile")) profile = value(args, i);
            else if (args[i].startsWith("--profile=")) profile = args[i].substring("--profile=".length());
        }
        if (profile != null && !profile.equals("sample") && !profile.equals("bench")) {
            throw new IllegalArgumentException("unknown profile '" + profile + "' (sample or bench)");
        }
        boolean bench = "bench".equals(profile);
        Path out = null;
        boolean sample = "sample".equals(profile);
        LocalDate start = bench ? LocalDate.of(2025, 3, 10) : sample ? LocalDate.of(2026, 9, 28) : LocalDate.of(2025, 3, 1);
        int days = bench ? 1 : sample ? 7 : 3;
        long perDay = bench ? 2_000_000 : sample ? 3_000 : 1_200;
        Long contacts = null;
        long seed = bench ? 42 : sample ? 20260928 : 20250301;
        String wabas = bench ? "8" : sample ? "waba-br,waba-no~120,waba-in,waba-mx" : "waba-br,waba-no,waba-in,waba-mx";
        int badRows = sample ? 6 : 0;
        int plantPricing = sample ? 2 : 0;
        long partRows = 4_000_000;
        int rowGroupRows = 0;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (name.equals("--quiet")) {
                quiet = true;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) throw new IllegalArgumentException("");
            String v = inline != null ? inline : value(args, i);
            if (inline == null) i++;
            switch (name) {
                case "--profile" -> { }
                case "--out" -> out = Path.of(v);
                case "--start" -> start = date(v);
                case "--days" -> days = (int) positive(name, v);
                case "--messages-per-day" -> perDay = positive(name, v);
                case "--contacts" -> contacts = positive(name, v);
                case "--seed" -> seed = number(name, v);
                case "--wabas" -> wabas = v;
                case "--bad-rows" -> badRows = (int) nonNegative(name, v);
                case "--part-rows" -> partRows = positive(name, v);
                case "--row-group-rows" -> rowGroupRows = (int) positive(name, v);
                case "--plant-pricing" -> plantPricing = (int) nonNegative(name, v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (out == null) throw new IllegalArgumentException("--out DIR is required");
        if (start.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("--start must be " + EARLIEST + " or later (no pricing model before 2023-06-01)");
        }
        long c = contacts != null ? contacts : Math.max(1, bench ? perDay / 10 : perDay / 3);
        if (c > Catalog.MAX_CONTACTS) {
            throw new IllegalArgumentException("--contacts must be at most " + Catalog.MAX_CONTACTS + " (numbers would repeat)");
        }
        if (rowGroupRows == 0) {
            // every open day buffers one row group: keep the total near a million rows
            rowGroupRows = (int) Math.max(20_000, Math.min(250_000, 1_000_000L / days));
        }
        return new GeneratorOptions(out, profile, start, days, perDay, c, seed, Catalog.wabas(wabas), badRows,
                partRows, rowGroupRows, quiet, plantPricing);
    }

    long totalMessages() {
        return messagesPerDay * days;
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s from %s, %d day(s) x %,d messages, %,d contacts, seed %d, WABAs ",
                profile == null ? "custom" : "profile " + profile, start, days, messagesPerDay, contacts, seed));
        for (int i = 0; i < wabas.size(); i++) sb.append(i == 0 ? "" : ",").append(wabas.get(i).id());
        if (badRows > 0) sb.append(", ").append(badRows).append(" bad rows");
        if (plantPricing > 0) sb.append(", ").append(plantPricing).append(" planted pricing differences");
        return sb.toString();
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static LocalDate date(String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start: '" + v + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a whole number");
        }
    }

    private static long positive(String name, String v) {
        long n = number(name, v);
        if (n < 1) throw new IllegalArgumentException(name + " must be at least 1");
        return n;
    }

    private static long nonNegative(String name, String v) {
        long n = number(name, v);
        if (n < 0) throw new IllegalArgumentException(name + " must not be negative");
        return n;
    }
}
