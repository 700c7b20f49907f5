package com.wabill.reconciliation;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Meta billed, as exported into one directory (SPEC 1.5): the analytics of every {@code *.json} file and the
 * lines of {@code invoices.csv}.
 *
 * <p>Reading rules (where the SPEC is silent):
 * <ul>
 *   <li>Only the directory itself is read (no sub-directories), files in name order. Other files are ignored. A
 *       directory without {@code invoices.csv} has no invoice lines.</li>
 *   <li>A JSON file is one response body for one WABA; its {@code id} is required. It must hold
 *       {@code conversation_analytics} (CBP), {@code pricing_analytics} (PMP) or both; paging and unknown fields are
 *       ignored. A Graph API error body ({@code {"error":…}}) is refused with Meta's message.</li>
 *   <li>Each data point needs {@code start}, {@code end} (Unix seconds, start before end), the count
 *       ({@code conversation} / {@code volume}, a non-negative integer), {@code country}, the category and the type.
 *       {@code phone_number} and {@code cost} may be absent (no PHONE dimension; Meta hides COST from businesses
 *       billed through a Solution Partner): the bucket then has a null phone (compared per WABA) or a null cost
 *       (counts compared, amounts not). Numbers written as JSON strings ({@code "1685602800"}) are accepted.</li>
 *   <li>{@code cost} keeps the exact decimal written ({@code 0.0100} stays {@code 0.0100}).</li>
 *   <li>Category and type names are matched case-insensitively. A name the replay does not know
 *       ({@code AUTHENTICATION_INTERNATIONAL}, {@code MARKETING_LITE}, …) does not fail the file: the bucket keeps
 *       Meta's name with a null category (or type) and is reported as {@code UNKNOWN_META_CATEGORY}.</li>
 *   <li>{@code invoices.csv} has a header naming {@code waba_id,period,currency,amount} (any order, any case; other
 *       columns ignored); blank lines are skipped; the currency must be an ISO 4217 code.</li>
 * </ul>
 * Anything else malformed throws {@link MetaExportException} naming the file and the JSON path or CSV line.
 */
public record MetaBillingExport(List<MetaBucket> buckets, List<MetaInvoiceLine> invoiceLines) {

    public static final String INVOICES_FILE = "invoices.csv";

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public MetaBillingExport {
        buckets = List.copyOf(buckets);
        invoiceLines = List.copyOf(invoiceLines);
    }

    /** Reads the directory: every {@code *.json} file and {@code invoices.csv}. */
    public static MetaBillingExport load(Path dir) {
        if (!Files.isDirectory(dir)) throw new MetaExportException(dir, null, "not a directory");
        List<Path> jsonFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.toLowerCase(Locale.ROOT).endsWith(".json") && Files.isRegularFile(f)) jsonFiles.add(f);
            }
        } catch (IOException e) {
            throw new MetaExportException(dir, null, "cannot list the directory: " + e.getMessage(), e);
        }
        jsonFiles.sort(null);
        List<MetaBucket> buckets = new ArrayList<>();
        for (Path f : jsonFiles) buckets.addAll(readAnalytics(f));
        Path invoices = dir.resolve(INVOICES_FILE);
        List<MetaInvoiceLine> lines = Files.isRegularFile(invoices) ? readInvoices(invoices) : List.of();
        return new MetaBillingExport(buckets, lines);
    }

    // ------------------------------------------------------------------ JSON

    /** The data points of one response body (one WABA). */
    public static List<MetaBucket> readAnalytics(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0 ? null
                    : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new MetaExportException(file, where, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MetaExportException(file, null, "cannot read: " + e.getMessage(), e);
        }
        return new JsonFile(file).buckets(root);
    }

    private static final class JsonFile {
        private final Path file;

        JsonFile(Path file) {
            this.file = file;
        }

        MetaExportException error(String path, String problem) {
            return new MetaExportException(file, path, problem);
        }

        List<MetaBucket> buckets(JsonNode root) {
            if (root == null || root.isMissingNode() || !root.isObject()) throw error("$", "expected a JSON object");
            JsonNode err = root.get("error");
            if (err != null && !err.isNull()) {
                JsonNode msg = err.isObject() ? err.get("message") : err;
                throw error("$.error", "the file holds a Graph API error, not analytics: "
                        + (msg == null ? err.toString() : msg.asString()));
            }
            String wabaId = string(root, "$", "id", true);
            JsonNode cbp = root.get("conversation_analytics");
            JsonNode pmp = root.get("pricing_analytics");
            if (isAbsent(cbp) && isAbsent(pmp)) {
                throw error("$", "neither conversation_analytics nor pricing_analytics");
            }
            List<MetaBucket> out = new ArrayList<>();
            if (!isAbsent(cbp)) analytics(cbp, "$.conversation_analytics", wabaId, PricingModel.CBP, out);
            if (!isAbsent(pmp)) analytics(pmp, "$.pricing_analytics", wabaId, PricingModel.PMP, out);
            return out;
        }

        private void analytics(JsonNode node, String path, String wabaId, PricingModel model, List<MetaBucket> out) {
            if (!node.isObject()) throw error(path, "expected an object");
            JsonNode data = node.get("data");
            if (isAbsent(data)) throw error(path + ".data", "missing");
            if (!data.isArray()) throw error(path + ".data", "expected an array");
            for (int i = 0; i < data.size(); i++) {
                String dPath = path + ".data[" + i + "]";
                JsonNode d = data.get(i);
                if (!d.isObject()) throw error(dPath, "expected an object");
                JsonNode points = d.get("data_points");
                if (isAbsent(points)) throw error(dPath + ".data_points", "missing");
                if (!points.isArray()) throw error(dPath + ".data_points", "expected an array");
                for (int j = 0; j < points.size(); j++) {
                    out.add(point(points.get(j), dPath + ".data_points[" + j + "]", wabaId, model));
                }
            }
        }

        private MetaBucket point(JsonNode p, String path, String wabaId, PricingModel model) {
            if (!p.isObject()) throw error(path, "expected an object");
            boolean cbp = model == PricingModel.CBP;
            long startSec = integer(p, path, "start");
            long endSec = integer(p, path, "end");
            Instant start, end;
            try {
                start = Instant.ofEpochSecond(startSec);
                end = Instant.ofEpochSecond(endSec);
            } catch (DateTimeException e) {
                throw error(path, "start/end out of range");
            }
            if (!start.isBefore(end)) throw error(path + ".end", "end " + endSec + " is not after start " + startSec);
            String countField = cbp ? "conversation" : "volume";
            long count = integer(p, path, countField);
            if (count < 0) throw error(path + "." + countField, "negative count " + count);
            String catField = cbp ? "conversation_category" : "pricing_category";
            String typeField = cbp ? "conversation_type" : "pricing_type";
            String metaCategory = string(p, path, catField, true);
            String metaType = string(p, path, typeField, true);
            Category category = MetaNames.category(metaCategory);
            ConversationType type = MetaNames.type(metaType);
            String country = MetaNames.country(string(p, path, "country", true));
            String phone = string(p, path, "phone_number", false);
            if (phone != null && phone.isBlank()) phone = null;
            BigDecimal cost = decimal(p, path, "cost");
            return new MetaBucket(wabaId, model, start, end, phone, country, category, type, metaCategory.trim(),
                    metaType.trim(), count, cost, file);
        }

        private String string(JsonNode obj, String path, String field, boolean required) {
            JsonNode v = obj.get(field);
            if (isAbsent(v)) {
                if (required) throw error(path + "." + field, "missing");
                return null;
            }
            if (v.isString() || v.isNumber()) {
                String s = v.asString();
                if (required && s.isBlank()) throw error(path + "." + field, "empty");
                return s;
            }
            throw error(path + "." + field, "expected a string, found " + v.getNodeType());
        }

        private long integer(JsonNode obj, String path, String field) {
            JsonNode v = obj.get(field);
            String p = path + "." + field;
            if (isAbsent(v)) throw error(p, "missing");
            if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
            if (v.isNumber()) {
                BigDecimal d = v.decimalValue();
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw error(p, "expected a whole number, found " + d.toPlainString());
                }
            }
            if (v.isString()) {
                try {
                    return Long.parseLong(v.asString().trim());
                } catch (NumberFormatException e) {
                    throw error(p, "expected a whole number, found \"" + v.asString() + "\"");
                }
            }
            throw error(p, "expected a number, found " + v.getNodeType());
        }

        private BigDecimal decimal(JsonNode obj, String path, String field) {
            JsonNode v = obj.get(field);
            String p = path + "." + field;
            if (isAbsent(v)) return null;
            if (v.isNumber()) {
                if (v.isFloatingPointNumber() && !v.isBigDecimal()) {
                    // not expected with USE_BIG_DECIMAL_FOR_FLOATS; never go through binary floating point silently
                    return new BigDecimal(v.asString());
                }
                return v.decimalValue();
            }
            if (v.isString()) {
                try {
                    return new BigDecimal(v.asString().trim());
                } catch (NumberFormatException e) {
                    throw error(p, "expected a number, found \"" + v.asString() + "\"");
                }
            }
            throw error(p, "expected a number, found " + v.getNodeType());
        }
    }

    private static boolean isAbsent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    // ------------------------------------------------------------------ invoices.csv

    /** The lines of Meta's {@code invoices.csv}. */
    public static List<MetaInvoiceLine> readInvoices(Path file) {
        List<Csv.Record> records;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = Csv.read(r);
        } catch (Csv.SyntaxException e) {
            throw new MetaExportException(file, "line " + e.line, e.getMessage(), e);
        } catch (IOException e) {
            throw new MetaExportException(file, null, "cannot read: " + e.getMessage(), e);
        }
        int i = 0;
        while (i < records.size() && records.get(i).blank()) i++;
        if (i == records.size()) throw new MetaExportException(file, "line 1", "no header row");
        Csv.Record header = records.get(i++);
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.fields().size(); c++) {
            columns.putIfAbsent(header.fields().get(c).trim().toLowerCase(Locale.ROOT), c);
        }
        String[] required = {"waba_id", "period", "currency", "amount"};
        for (String col : required) {
            if (!columns.containsKey(col)) {
                throw new MetaExportException(file, "line " + header.line(),
                        "the header lacks the column " + col + " (expected waba_id,period,currency,amount)");
            }
        }
        int width = header.fields().size();
        List<MetaInvoiceLine> lines = new ArrayList<>();
        for (; i < records.size(); i++) {
            Csv.Record rec = records.get(i);
            if (rec.blank()) continue;
            String where = "line " + rec.line();
            if (rec.fields().size() != width) {
                throw new MetaExportException(file, where,
                        "expected " + width + " fields, found " + rec.fields().size());
            }
            String waba = rec.fields().get(columns.get("waba_id")).trim();
            String period = rec.fields().get(columns.get("period")).trim();
            String currency = rec.fields().get(columns.get("currency")).trim().toUpperCase(Locale.ROOT);
            String amount = rec.fields().get(columns.get("amount")).trim();
            if (waba.isEmpty()) throw new MetaExportException(file, where, "waba_id is empty");
            YearMonth ym;
            try {
                ym = YearMonth.parse(period);
            } catch (DateTimeParseException e) {
                throw new MetaExportException(file, where, "period '" + period + "' is not YYYY-MM");
            }
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new MetaExportException(file, where, "currency '" + currency + "' is not an ISO 4217 code");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw new MetaExportException(file, where, "amount '" + amount + "' is not a decimal number");
            }
            lines.add(new MetaInvoiceLine(waba, ym, currency, value));
        }
        return lines;
    }
}
