package com.wabill.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Charts drawn as inline SVG in Java: no script, no external resource. Geometry only uses doubles. */
final class SvgChart {

    private SvgChart() {
    }

    /** Colours of the categories of SPEC 3.2; other series take the palette in turn. */
    static final Map<String, String> CATEGORY_COLOURS = Map.of(
            "MARKETING", "#e4572e",
            "UTILITY", "#2e5eaa",
            "AUTHENTICATION", "#8e44ad",
            "SERVICE", "#17a398",
            "REFERRAL_CONVERSION", "#f3a712");
    private static final String[] PALETTE = {"#4c6085", "#c1666b", "#48a9a6", "#d4b483", "#7d5ba6", "#6b8f71"};

    static String colour(String series, int index) {
        String c = CATEGORY_COLOURS.get(series);
        return c != null ? c : PALETTE[index % PALETTE.length];
    }

    /**
     * Vertical stacked bars: one bar per x label, one segment per series.
     *
     * @param values values[x][series]
     */
    static String stackedBars(String title, List<String> x, List<String> series, long[][] values, String yLabel) {
        final double width = 960, height = 340, left = 56, right = 16, top = 40, bottom = 70;
        double plotW = width - left - right, plotH = height - top - bottom;
        long max = 0;
        for (long[] bar : values) {
            long sum = 0;
            for (long v : bar) sum += v;
            max = Math.max(max, sum);
        }
        double axisMax = niceCeiling(max);
        StringBuilder s = new StringBuilder();
        open(s, width, height, title);
        s.append(text(left, 18, title, "start", "font-weight:600;font-size:13px"));
        // legend
        double lx = width - right;
        for (int i = series.size() - 1; i >= 0; i--) {
            String name = series.get(i);
            double w = 16 + name.length() * 6.4;
            lx -= w;
            s.append(rect(lx, 10, 10, 10, colour(name, i), null));
            s.append(text(lx + 13, 19, name, "start", null));
            lx -= 10;
        }
        axes(s, left, top, plotW, plotH, axisMax, yLabel);
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
                s.append(rect(bx, y, barW, h, colour(series.get(k), k), x.get(i) + " " + series.get(k) + ": " + v));
            }
            if (i % labelEvery == 0) {
                double tx = left + i * slot + slot / 2, ty = top + plotH + 12;
                s.append("<text x=\"").append(num(tx)).append("\" y=\"").append(num(ty))
                        .append("\" text-anchor=\"end\" transform=\"rotate(-45 ").append(num(tx)).append(' ')
                        .append(num(ty)).append(")\">").append(Html.esc(x.get(i))).append("</text>\n");
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Horizontal bars with their exact values printed beside them. */
    static String bars(String title, List<String> labels, List<BigDecimal> values, String unit) {
        final double width = 960, left = 220, right = 150, top = 34, rowH = 24;
        int n = labels.size();
        double height = top + rowH * n + 28;
        double plotW = width - left - right;
        double max = 0;
        for (BigDecimal v : values) max = Math.max(max, v.doubleValue());
        double axisMax = max <= 0 ? 1 : max;
        StringBuilder s = new StringBuilder();
        open(s, width, height, title);
        s.append(text(8, 18, title, "start", "font-weight:600;font-size:13px"));
        s.append("<line x1=\"").append(num(left)).append("\" y1=\"").append(num(top - 4)).append("\" x2=\"")
                .append(num(left)).append("\" y2=\"").append(num(top + rowH * n)).append("\" stroke=\"#5b6478\"/>\n");
        for (int i = 0; i < n; i++) {
            double y = top + i * rowH;
            String label = labels.get(i);
            String shown = label.length() > 34 ? label.substring(0, 33) + "…" : label;
            s.append(text(left - 6, y + rowH * 0.65, shown, "end", null));
            double v = Math.max(0, values.get(i).doubleValue());
            double w = plotW * v / axisMax;
            String value = values.get(i).toPlainString() + (unit == null ? "" : " " + unit);
            s.append(rect(left, y + 3, Math.max(w, v > 0 ? 1 : 0), rowH - 6, "#2e5eaa", label + ": " + value));
            s.append(text(left + w + 6, y + rowH * 0.65, value, "start", null));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void open(StringBuilder s, double width, double height, String title) {
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(height)).append("\" width=\"").append(num(width)).append("\" height=\"")
                .append(num(height)).append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n");
    }

    private static void axes(StringBuilder s, double left, double top, double plotW, double plotH, double axisMax,
                             String yLabel) {
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            double v = axisMax * t / ticks;
            double y = top + plotH - plotH * t / ticks;
            s.append("<line x1=\"").append(num(left)).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                    .append(num(left + plotW)).append("\" y2=\"").append(num(y))
                    .append(t == 0 ? "\" stroke=\"#5b6478\"/>\n" : "\" stroke=\"#e3e6ee\"/>\n");
            s.append(text(left - 6, y + 4, tickLabel(v), "end", null));
        }
        if (yLabel != null) {
            double cx = 14, cy = top + plotH / 2;
            s.append("<text x=\"").append(num(cx)).append("\" y=\"").append(num(cy))
                    .append("\" text-anchor=\"middle\" transform=\"rotate(-90 ").append(num(cx)).append(' ')
                    .append(num(cy)).append(")\">").append(Html.esc(yLabel)).append("</text>\n");
        }
    }

    private static String rect(double x, double y, double w, double h, String fill, String tooltip) {
        StringBuilder r = new StringBuilder("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) return r.append("/>\n").toString();
        return r.append("><title>").append(Html.esc(tooltip)).append("</title></rect>\n").toString();
    }

    private static String text(double x, double y, String text, String anchor, String style) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + '"'
                + (style == null ? "" : " style=\"" + style + '"') + '>' + Html.esc(text) + "</text>\n";
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
