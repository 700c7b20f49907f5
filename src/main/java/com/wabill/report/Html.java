package com.wabill.report;

import java.util.List;

/** HTML building blocks for the self-contained pages: escaping, the page frame with its inline style, tables. */
final class Html {

    private Html() {
    }

    static final String CSS = """
            :root{--ink:#1d2433;--muted:#5b6478;--line:#d9dde6;--bg:#f6f7fa;--accent:#1f6f5c;--warn:#9a5b00;--bad:#a12b2b}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
            main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
            h3{font-size:15px;margin:18px 0 6px}
            .sub{color:var(--muted);margin:0 0 16px}
            table{border-collapse:collapse;margin:6px 0 12px;width:auto;min-width:40%}
            .wide{overflow-x:auto;max-width:100%}
            .status{border:2px solid var(--bad);border-radius:6px;background:#fdf2f2;color:var(--bad);padding:10px 14px;margin:12px 0 4px}
            .status.NOTHING_TO_BILL{border-color:var(--line);background:var(--bg);color:var(--ink)}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            th,th.n{white-space:normal;vertical-align:bottom}
            td{white-space:nowrap}td:last-child{white-space:normal}
            tr.total td{font-weight:600;background:var(--bg)}
            .kv th{width:220px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
            .card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px;background:var(--bg)}
            .card b{display:block;font-size:20px}.card span{color:var(--muted);font-size:12px}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;border:1px solid currentColor}
            .OPEN{color:var(--warn)}.CLOSED{color:var(--accent)}
            .warn{color:var(--warn)}.bad{color:var(--bad)}.muted{color:var(--muted)}
            ul.warnings li{color:var(--warn);margin:2px 0}
            .up{color:var(--bad)}.down{color:var(--accent)}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
            svg{max-width:100%;height:auto;display:block;margin:8px 0 4px}
            svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:#1d2433}
            footer{margin-top:40px;color:var(--muted);font-size:12px}
            @media print{main{padding:0}h2{break-after:avoid}table{break-inside:auto}}
            """;

    /** Escapes text for an element or a quoted attribute; values are formatted as in the CSV files. */
    static String esc(Object value) {
        String s = CsvWriter.format(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters other than tab/newline are not allowed in HTML text
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') out.append('\uFFFD');
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    static void open(StringBuilder out, String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"wabill\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
    }

    static void close(StringBuilder out) {
        out.append("</main>\n</body>\n</html>\n");
    }

    /** A table; cells whose header starts with {@code #} are numeric (right-aligned) and shown without the #. */
    static void table(StringBuilder out, List<String> header, List<List<?>> rows) {
        out.append("<div class=\"wide\"><table>\n<thead><tr>");
        for (String h : header) {
            boolean n = h.startsWith("#");
            out.append(n ? "<th class=\"n\">" : "<th>").append(esc(n ? h.substring(1) : h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<?> r : rows) {
            out.append("<tr>");
            for (int i = 0; i < header.size(); i++) {
                Object v = i < r.size() ? r.get(i) : null;
                out.append(header.get(i).startsWith("#") ? "<td class=\"n\">" : "<td>");
                out.append(v instanceof Raw raw ? raw.html() : esc(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    /** Markup that is already safe (built from escaped parts). */
    record Raw(String html) {
    }

    static Raw link(String href, Object text) {
        return new Raw("<a href=\"" + esc(href) + "\">" + esc(text) + "</a>");
    }
}
