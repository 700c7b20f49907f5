package com.wabill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

/** The stacked bars' legend: beside the title while it fits, on rows of its own below it when not. */
@FastTest
class SvgChartTest {

    private static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION",
            "AUTHENTICATION_INTERNATIONAL", "SERVICE", "REFERRAL_CONVERSION");

    @Test
    void aLegendThatFitsBesideTheTitleStaysOnItsRow() {
        SvgChart.ChartView chart = SvgChart.stackedBars("Days", List.of("d1"), List.of("MARKETING", "UTILITY"),
                new long[][] {{1, 2}}, "messages");
        // swatches at y = 10, on the title's row; the plot starts 30 px below it (top 40, as before)
        assertThat(legendSwatches(chart)).extracting(SvgChart.Rect::y).containsOnly("10");
        assertThat(chart.lines()).anySatisfy(l -> assertThat(l.y1()).isEqualTo("40"));
    }

    @Test
    void aLegendThatWouldRunIntoTheTitleWrapsBelowItAndThePlotMovesDown() {
        String title = "Conversations and charged messages per day and category, all WABAs";
        SvgChart.ChartView chart = SvgChart.stackedBars(title, List.of("d1"), CATEGORIES,
                new long[][] {{1, 2, 3, 4, 5, 6}}, "messages");
        // the title runs from x = 56 to about 56 + 68 * 7.5 = 566: no swatch on its row starts left of 582
        for (SvgChart.Rect r : legendSwatches(chart)) {
            if (r.y().equals("10")) assertThat(Double.parseDouble(r.x())).isGreaterThanOrEqualTo(582);
        }
        double lowest = legendSwatches(chart).stream().mapToDouble(r -> Double.parseDouble(r.y())).max().orElseThrow();
        assertThat(lowest).as("a second row").isEqualTo(26);
        // the plot's top grid line is 30 px below the last legend row: 56
        assertThat(chart.lines()).anySatisfy(l -> assertThat(l.y1()).isEqualTo("56"));
        assertThat(chart.lines()).noneSatisfy(l -> assertThat(Double.parseDouble(l.y1())).isLessThan(56));
    }

    /** The legend's swatches: the 10 by 10 rects without tooltip (bars have one). */
    private static List<SvgChart.Rect> legendSwatches(SvgChart.ChartView chart) {
        return chart.rects().stream().filter(r -> r.tooltip() == null && r.width().equals("10")).toList();
    }
}
