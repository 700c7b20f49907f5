package com.wabill.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a border: numbers right-aligned, text left-aligned. */
final class TextTable {

    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        String[] r = new String[header.size()];
        for (int i = 0; i < r.length; i++) {
            Object v = i < cells.length ? cells[i] : null;
            r[i] = v == null ? "" : CsvWriter.format(v).replace('\n', ' ').replace('\r', ' ');
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void render(StringBuilder out) {
        int n = header.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = header.get(i).length();
            numeric[i] = !rows.isEmpty();
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], r[i].length());
                if (!r[i].isEmpty() && !r[i].matches("-?[0-9]+(\\.[0-9]+)?")) numeric[i] = false;
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) rule.append("-".repeat(w + 2)).append('+');
        out.append(rule).append('\n');
        line(out, header.toArray(new String[0]), width, new boolean[n]);
        out.append(rule).append('\n');
        for (String[] r : rows) line(out, r, width, numeric);
        out.append(rule).append('\n');
    }

    private static void line(StringBuilder out, String[] cells, int[] width, boolean[] right) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            out.append(' ').append(right[i] ? pad + cells[i] : cells[i] + pad).append(" |");
        }
        out.append('\n');
    }
}
