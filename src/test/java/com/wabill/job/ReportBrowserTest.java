package com.wabill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.wabill.report.RunSummary;
import com.wabill.report.SummaryJson;

/**
 * report.html of the sample data in a real headless browser (Debian's chromium): the page loads from the file alone,
 * its charts are SVG elements of the DOM, and the screenshot shows them in their colours. Skipped, saying so, when
 * no chromium is installed, unless {@code -Dwabill.test.browser-required=true} (CI installs it and sets that).
 */
@SharedJobContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest extends JobTestBase {

    static final Path ROOT = SharedJobContext.ROOT;
    static final int WIDTH = 1280;
    static final int HEIGHT = 2000;
    /** The category colours of the charts (SvgChart): a chart that rendered paints these. */
    static final Map<String, Integer> CHART_COLOURS = new LinkedHashMap<>(Map.of(
            "MARKETING", 0xe4572e, "UTILITY", 0x2e5eaa, "AUTHENTICATION", 0x8e44ad, "SERVICE", 0x17a398,
            "REFERRAL_CONVERSION", 0xf3a712));


    JobExecution billed;

    @BeforeAll
    void billTheSampleData() throws Exception {
        JobTestSupport.reset(ROOT, jdbc);
        JobTestSupport.installSampleData(ROOT);
        billed = launcher.launch(billing, LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 4));
        assertThat(billed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** Debian's chromium, or another Chromium-based browser; WABILL_CHROMIUM names one explicitly. */
    static Path chromium() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("WABILL_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) candidates.add(Path.of(explicit));
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            candidates.add(Path.of(p));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) return c;
        }
        return null;
    }

    static Path requireChromium() {
        Path chromium = chromium();
        if (chromium == null && Boolean.getBoolean("wabill.test.browser-required")) {
            throw new AssertionError("wabill.test.browser-required is set but no chromium was found:"
                    + " apt-get install -y chromium");
        }
        Assumptions.assumeTrue(chromium != null, "No chromium found (/usr/bin/chromium, PATH, WABILL_CHROMIUM):"
                + " the browser test of report.html is skipped. Install Debian's chromium (apt-get install -y"
                + " chromium) to run it; CI does.");
        return chromium;
    }

    /** Runs headless chromium on the page with extra arguments; returns its standard output. */
    static String chromium(Path chromium, Path page, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("wabill-chromium-");
        Path log = Files.createTempFile("wabill-chromium-", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT));
            cmd.addAll(List.of(extra));
            cmd.add(page.toUri().toString());
            Path out = Files.createTempFile("wabill-chromium-", ".out");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(log));
            }
            assertThat(p.exitValue()).as("chromium's exit status; its log: %s", Files.readString(log)).isZero();
            String stdout = Files.readString(out);
            Files.deleteIfExists(out);
            return stdout;
        } finally {
            JobTestSupport.deleteTree(profile);
            Files.deleteIfExists(log);
        }
    }

    @Test
    @Order(1)
    void theChartsRenderInAHeadlessBrowser() throws Exception {
        Path chromium = requireChromium();
        Path report = ROOT.resolve("out/report.html").toAbsolutePath();
        assertThat(report).exists();

        // the DOM the browser built: the charts are SVG elements with their bars, not text
        String dom = chromium(chromium, report, "--dump-dom");
        assertThat(dom).contains("<h1>wabill billing report #" + billed.getId() + "</h1>");
        List<String> svgs = new ArrayList<>();
        Matcher m = Pattern.compile("<svg[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        while (m.find()) svgs.add(m.group(1));
        assertThat(svgs).as("charts in the DOM").hasSizeGreaterThanOrEqualTo(2);
        assertThat(svgs).allSatisfy(svg -> assertThat(svg).contains("<rect"));
        assertThat(dom).doesNotContain("&lt;svg").doesNotContain("&lt;rect");

        // the screenshot: not blank, and the charts painted in their colours
        Path png = Path.of("target/report-screenshot.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        long start = System.nanoTime();
        chromium(chromium, report, "--screenshot=" + png);
        double seconds = (System.nanoTime() - start) / 1e9;
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG screenshot at %s", png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(WIDTH);
        assertThat(img.getHeight()).isEqualTo(HEIGHT);

        long inked = 0;
        Map<String, Long> painted = new LinkedHashMap<>();
        CHART_COLOURS.keySet().forEach(k -> painted.put(k, 0L));
        int top = HEIGHT, bottom = 0, left = WIDTH, right = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (((rgb >> 16) & 0xff) < 240 || ((rgb >> 8) & 0xff) < 240 || (rgb & 0xff) < 240) inked++;
                for (Map.Entry<String, Integer> c : CHART_COLOURS.entrySet()) {
                    if (close(rgb, c.getValue())) {
                        painted.merge(c.getKey(), 1L, Long::sum);
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
        }
        long chartPixels = painted.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("report.html in chromium: screenshot in %.1f s, %d of %d pixels inked, chart colours %s in"
                + " x %d..%d, y %d..%d%n", seconds, inked, (long) WIDTH * HEIGHT, painted, left, right, top, bottom);
        assertThat(inked).as("the page is not blank").isGreaterThan(50_000);
        assertThat(painted).as("every category of the sample data painted in the charts (pixels per colour)")
                .allSatisfy((category, n) -> assertThat(n).as(category).isGreaterThan(500));
        assertThat(chartPixels).as("chart pixels").isGreaterThan(20_000);
        assertThat(right - left).as("the charts span the page's width").isGreaterThan(500);
        assertThat(bottom - top).as("the charts' height").isGreaterThan(200);
    }

    /** Within a few levels per channel: anti-aliased edges differ, the filled bars do not. */
    static boolean close(int rgb, int colour) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((colour >> shift) & 0xff)) > 6) return false;
        }
        return true;
    }

    /** After the browser test: the reconcile job writes its own report over the billing one. */
    @Test
    @Order(2)
    void theReconcileJobReportsTheSampleDataDiscrepancies() throws Exception {
        RunSummary billingSummary = SummaryJson.read(ROOT.resolve("out/summary.json"));
        assertThat(billingSummary.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(billingSummary.discrepancies()).as("the six planted differences").isEqualTo(6);

        JobExecution audit = launcher.launch(reconcile, LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 4));
        assertThat(audit.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunSummary s = SummaryJson.read(ROOT.resolve("out/summary.json"));
        assertThat(s.jobName()).isEqualTo("reconcile");
        assertThat(s.executionId()).isEqualTo(audit.getId());
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(s.discrepancies()).isEqualTo(6);
        assertThat(s.modeReason()).isEqualTo("the months touching 2026-09-28..2026-10-04");
        String html = Files.readString(ROOT.resolve("out/report.html"));
        assertThat(html).contains("wabill reconcile report #" + audit.getId()).contains("<h2>Discrepancies</h2>")
                .contains("<td>waba-br</td>");
    }
}
