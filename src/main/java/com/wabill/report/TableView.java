package com.wabill.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a page, ready to render: the header and the cells as text. A header starting with {@code #} is a
 * numeric column (right-aligned, shown without the #).
 */
public record TableView(List<Column> columns, List<List<Cell>> rows) {

    public record Column(String label, boolean numeric) {
    }

    /**
     * One cell: its text, and how it is shown ({@code text}; {@code link} to {@code href}; {@code span} with the
     * CSS class {@code cssClass}; {@code bold}).
     */
    public record Cell(String text, boolean numeric, String kind, String href, String cssClass) {

        Cell numeric(boolean n) {
            return new Cell(text, n, kind, href, cssClass);
        }

        static Cell plain(Object value) {
            return new Cell(Text.of(value), false, "text", null, null);
        }

        static Cell link(String href, Object text) {
            return new Cell(Text.of(text), false, "link", href, null);
        }

        static Cell span(String cssClass, Object text) {
            return new Cell(Text.of(text), false, "span", null, cssClass);
        }

        static Cell bold(Object text) {
            return new Cell(Text.of(text), false, "bold", null, null);
        }
    }

    /** A table of values (formatted as in the CSV files) or ready {@link Cell}s. */
    static TableView of(List<String> header, List<? extends List<?>> rows) {
        List<Column> columns = new ArrayList<>();
        for (String h : header) {
            boolean n = h.startsWith("#");
            columns.add(new Column(n ? h.substring(1) : h, n));
        }
        List<List<Cell>> cells = new ArrayList<>(rows.size());
        for (List<?> r : rows) {
            List<Cell> row = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Object v = i < r.size() ? r.get(i) : null;
                Cell c = v instanceof Cell cell ? cell : Cell.plain(v);
                row.add(c.numeric(columns.get(i).numeric()));
            }
            cells.add(row);
        }
        return new TableView(columns, cells);
    }
}
