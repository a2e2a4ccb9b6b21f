package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rank without JFR loads none of JFR's event machinery (~3 MiB per rank): each case runs in
 * a fresh JVM that logs every class it loads, since this test JVM may have loaded them already.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecorderClassLoadingTest {

    /** Records a call the way a rank does, with JFR events on or off ({@code args[0]}). */
    public static void main(String[] args) {
        boolean jfr = Boolean.parseBoolean(args[0]);
        Recorder rec = new Recorder(0, new ObserveConfig(true, null, null, jfr, 0));
        Object event = rec.jfr() ? rec.beginJfr(false) : null;
        if (event != null) {
            rec.commitJfr(event, 0, false, 1, 7, 0, 8, 0, false);
        }
        System.out.println("jfr recording running: " + ObserveConfig.jfrRecording());
    }

    @Test
    void aRecorderWithoutJfrLoadsNoEventClasses() throws Exception {
        String loaded = classesLoadedBy("false");
        assertFalse(loaded.contains(" jdk.jfr.Event "), "jdk.jfr.Event was loaded");
        assertFalse(loaded.contains("dev.jmpi.core.observe.JfrEvents"), "jmpi's JFR events were loaded");
    }

    @Test
    void aRecorderWithJfrLoadsThemWhenItBeginsAnEvent() throws Exception {
        String loaded = classesLoadedBy("true");
        assertTrue(loaded.contains("dev.jmpi.core.observe.JfrEvents$PointToPoint "), "no JFR event loaded");
    }

    private static String classesLoadedBy(String jfr) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xlog:class+load=info:stdout",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RecorderClassLoadingTest.class.getName(),
                        jfr))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(
                0,
                p.exitValue(),
                out.lines().filter(l -> !l.contains("[class,load]")).toList().toString());
        assertTrue(out.contains("jfr recording running: false"), "child did not finish");
        return out;
    }
}
