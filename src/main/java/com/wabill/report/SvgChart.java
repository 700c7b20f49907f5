package com.wabill.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of the report's charts, worked out in Java and drawn as inline SVG by the template (no script, no
 * external resource). Geometry only uses doubles; coordinates are written with at most two decimals.
 */
final class SvgChart {

    private SvgChart() {
    }

    /** A chart, ready to draw: grid lines first, then bars, then text. */
    public record ChartView(String title, String width, String height, List<Line> lines, List<Rect> rects,
            List<Label> labels) {

        public String viewBox() {
            return "0 0 " + width + " " + height;
        }
    }

    public record Line(String x1, String y1, String x2, String y2, String stroke) {
    }

    /** A bar or a legend swatch; {@code tooltip} (an SVG {@code <title>}) may be null. */
    public record Rect(String x, String y, String width, String height, String fill, String tooltip) {
    }

    /** A text; {@code transform} and {@code style} may be null. */
    public record Label(String x, String y, String anchor, String transform, String style, String text) {
    }

    /** Colours of the categories of SPEC 3.2; other series take the palette in turn. */
    static final Map<String, String> CATEGORY_COLOURS = Map.of(
            "MARKETING", "#e4572e",
            "UTILITY", "#2e5eaa",
            "AUTHENTICATION", "#8e44ad",
            "SERVICE", "#17a398",
            "REFERRAL_CONVERSION", "#f3a712");
    private static final String[] PALETTE = {"#4c6085", "#c1666b", "#48a9a6", "#d4b483", "#7d5ba6", "#6b8f71"};
    private static final String TITLE_STYLE = "font-weight:600;font-size:13px";

    static String colour(String series, int index) {
        String c = CATEGORY_COLOURS.get(series);
        return c != null ? c : PALETTE[index % PALETTE.length];
    }

    /**
     * Vertical stacked bars: one bar per x label, one segment per series.
     *
     * @param values values[x][series]
     */
    static ChartView stackedBars(String title, List<String> x, List<String> series, long[][] values, String yLabel) {
        final double width = 960, height = 340, left = 56, right = 16, bottom = 70;
        List<Line> lines = new ArrayList<>();
        List<Rect> rects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        labels.add(text(left, 18, title, "start", null, TITLE_STYLE));
        // legend, from the right, in rows that never run into the title (13 px bold: about 7.5 px a character)
        double titleEnd = left + title.length() * 7.5 + 16;
        double lx = width - right, ly = 10;
        for (int i = series.size() - 1; i >= 0; i--) {
            String name = series.get(i);
            double w = 16 + name.length() * 7.2; // capitals and underscores: about 7.2 px a character
            if (lx - w < (ly == 10 ? titleEnd : left)) {
                lx = width - right;
                ly += 16;
            }
            lx -= w;
            rects.add(rect(lx, ly, 10, 10, colour(name, i), null));
            labels.add(text(lx + 13, ly + 9, name, "start", null, null));
            lx -= 10;
        }
        final double top = ly + 30;
        double plotW = width - left - right, plotH = height - top - bottom;
        long max = 0;
        for (long[] bar : values) {
            long sum = 0;
            for (long v : bar) sum += v;
            max = Math.max(max, sum);
        }
        double axisMax = niceCeiling(max);
        axes(lines, labels, left, top, plotW, plotH, axisMax, yLabel);
        int n = x.size();
        double slot = n == 0 ? plotW : plotW / n;
        double barW = Math.max(1, slot * 0.8);
        int labelEvery = Math.max(1, (int) Math.ceil(n / 24.0));
        for (int i = 0; i < n; i++) {
            double bx = left + i * slot + (slot - barW) / 2;
            double y = top + plotH;
            for (int k = 0; k < series.size(); k++) {
                long v = values[i][k];
                if (v <= 0) continue;
                double h = plotH * v / axisMax;
                y -= h;
                rects.add(rect(bx, y, barW, h, colour(series.get(k), k), x.get(i) + " " + series.get(k) + ": " + v));
            }
            if (i % labelEvery == 0) {
                double tx = left + i * slot + slot / 2, ty = top + plotH + 12;
                labels.add(text(tx, ty, x.get(i), "end", "rotate(-45 " + num(tx) + " " + num(ty) + ")", null));
            }
        }
        return new ChartView(title, num(width), num(height), lines, rects, labels);
    }

    /** Horizontal bars with their exact values printed beside them. */
    static ChartView bars(String title, List<String> names, List<BigDecimal> values, String unit) {
        final double width = 960, left = 220, right = 150, top = 34, rowH = 24;
        int n = names.size();
        double height = top + rowH * n + 28;
        double plotW = width - left - right;
        double max = 0;
        for (BigDecimal v : values) max = Math.max(max, v.doubleValue());
        double axisMax = max <= 0 ? 1 : max;
        List<Line> lines = new ArrayList<>();
        List<Rect> rects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        labels.add(text(8, 18, title, "start", null, TITLE_STYLE));
        lines.add(new Line(num(left), num(top - 4), num(left), num(top + rowH * n), "#5b6478"));
        for (int i = 0; i < n; i++) {
            double y = top + i * rowH;
            String name = names.get(i);
            String shown = name.length() > 34 ? name.substring(0, 33) + "…" : name;
            labels.add(text(left - 6, y + rowH * 0.65, shown, "end", null, null));
            double v = Math.max(0, values.get(i).doubleValue());
            double w = plotW * v / axisMax;
            String value = values.get(i).toPlainString() + (unit == null ? "" : " " + unit);
            rects.add(rect(left, y + 3, Math.max(w, v > 0 ? 1 : 0), rowH - 6, "#2e5eaa", name + ": " + value));
            labels.add(text(left + w + 6, y + rowH * 0.65, value, "start", null, null));
        }
        return new ChartView(title, num(width), num(height), lines, rects, labels);
    }

    private static void axes(List<Line> lines, List<Label> labels, double left, double top, double plotW,
            double plotH, double axisMax, String yLabel) {
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            double v = axisMax * t / ticks;
            double y = top + plotH - plotH * t / ticks;
            lines.add(new Line(num(left), num(y), num(left + plotW), num(y), t == 0 ? "#5b6478" : "#e3e6ee"));
            labels.add(text(left - 6, y + 4, tickLabel(v), "end", null, null));
        }
        if (yLabel != null) {
            double cx = 14, cy = top + plotH / 2;
            labels.add(text(cx, cy, yLabel, "middle", "rotate(-90 " + num(cx) + " " + num(cy) + ")", null));
        }
    }

    private static Rect rect(double x, double y, double w, double h, String fill, String tooltip) {
        return new Rect(num(x), num(y), num(w), num(h), fill, tooltip == null ? null : Text.of(tooltip));
    }

    private static Label text(double x, double y, String text, String anchor, String transform, String style) {
        return new Label(num(x), num(y), anchor, transform, style, Text.of(text));
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code max} (at least 1). */
    static double niceCeiling(double max) {
        if (max <= 1) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * p >= max) return f * p;
        }
        return 10 * p;
    }

    private static String tickLabel(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String num(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
