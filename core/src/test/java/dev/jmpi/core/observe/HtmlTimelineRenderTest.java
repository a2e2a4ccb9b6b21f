package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jmpi.testing.Ranks;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML timeline, opened in headless Chromium: the screenshot shows bars in the colours of
 * the operations traced, in each rank's row. Skips without Chromium, unless
 * {@code JMPI_REQUIRE_CHROMIUM=1} (CI), where a missing Chromium fails.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HtmlTimelineRenderTest {

    @Test
    void timelineRendersABarForEveryOperationInEveryRanksRow(@TempDir Path dir) throws Exception {
        String chromium = findChromium();
        if ("1".equals(System.getenv("JMPI_REQUIRE_CHROMIUM"))) {
            assertTrue(chromium != null, "JMPI_REQUIRE_CHROMIUM=1 but no chromium or google-chrome on PATH");
        }
        assumeTrue(chromium != null, "no chromium on PATH");
        Ranks.call(3, comm -> ObservationTest.knownTraffic(comm, dir, "job.json"));
        Path html = JobReport.read(dir).writeTrace(dir.resolve("job.json"));
        Path png = dir.resolve("timeline.png");
        int height = HtmlTimeline.TOP + 3 * HtmlTimeline.ROW + 200;
        Process p = new ProcessBuilder(
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--screenshot=" + png,
                        "--window-size=" + (HtmlTimeline.WIDTH + 40) + "," + height,
                        html.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish within 180 s");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() >= HtmlTimeline.WIDTH, "a screenshot of the page");

        Map<String, Integer> pixels = new java.util.HashMap<>();
        for (String op : List.of("send", "recv", "irecv", "allreduce")) {
            pixels.put(op, count(img, HtmlTimeline.FIXED.get(op)));
        }
        // Legend swatches are 10x10 (100 px); a bar is 18 px high and at least 1 px wide, and
        // the allreduces of ranks 0 and 1 last ~300 ms each of a ~1 s trace: hundreds of px wide.
        assertTrue(pixels.get("allreduce") > 5_000, "allreduce bars: " + pixels);
        // Sends are short: a 1 px wide bar beside the legend's 100 px, and the flow lines drawn
        // over it from each send's start may hide part of that bar (CI once saw 9 of its 18 px).
        // The first recv and irecv wait 100 ms for rank 0 (over 18 x 40 px).
        assertTrue(pixels.get("send") > 100, "send bars: " + pixels);
        for (String op : List.of("recv", "irecv")) {
            assertTrue(pixels.get(op) > 100 + 18 * 10, op + " bars: " + pixels);
        }
        // Bands of rows holding the allreduce colour: the legend's swatch, then one per rank row
        // (bars are drawn with crisp edges, so even a 1 px bar has the exact colour).
        assertEquals(
                4,
                distinctBands(img, rgb(HtmlTimeline.FIXED.get("allreduce"))),
                "the legend and one band of allreduce bars per rank");
    }

    private static int distinctBands(BufferedImage img, int[] rgb) {
        int bands = 0;
        boolean in = false;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean has = rowHas(img, y, rgb);
            if (has && !in) {
                bands++;
            }
            in = has;
        }
        return bands;
    }

    private static boolean rowHas(BufferedImage img, int y, int[] rgb) {
        return countInRow(img, y, rgb) > 0;
    }

    private static int countInRow(BufferedImage img, int y, int[] rgb) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            if (near(img.getRGB(x, y), rgb)) {
                n++;
            }
        }
        return n;
    }

    private static int count(BufferedImage img, String colour) {
        int[] rgb = rgb(colour);
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (near(img.getRGB(x, y), rgb)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean near(int argb, int[] rgb) {
        return Math.abs(((argb >> 16) & 0xff) - rgb[0]) <= 2
                && Math.abs(((argb >> 8) & 0xff) - rgb[1]) <= 2
                && Math.abs((argb & 0xff) - rgb[2]) <= 2;
    }

    private static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }

    private static String findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }
}
