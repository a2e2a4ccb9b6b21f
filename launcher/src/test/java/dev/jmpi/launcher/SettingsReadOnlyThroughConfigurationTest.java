package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Settings are read in one place: no main source of any module outside the configuration
 * package ({@code dev.jmpi.transport.config}) reads a system property or an environment
 * variable, except the few JVM and OS facts below, which are not jmpi settings; and only the
 * init points take a snapshot of the process ({@code ConfigSource.fromProcess()}).
 */
class SettingsReadOnlyThroughConfigurationTest {

    private static final String CONFIG_PACKAGE = "transport/src/main/java/dev/jmpi/transport/config/";

    /** What may be read directly: facts about the JVM and the host, none of them a jmpi setting. */
    private static final Set<String> NOT_SETTINGS = Set.of(
            "java.home",
            "java.io.tmpdir",
            "java.class.path",
            "java.version",
            "java.vm.name",
            "java.vm.version",
            "java.runtime.version",
            "java.library.path",
            "os.name",
            "os.arch",
            "user.home",
            "user.dir",
            "HOSTNAME");

    /** Where a rank or jmpirun starts and resolves its configuration, once. */
    private static final Set<String> INIT_POINTS = Set.of(
            "core/src/main/java/dev/jmpi/core/internal/Bootstrap.java",
            "core/src/main/java/dev/jmpi/core/internal/InProcessJob.java",
            "launcher/src/main/java/dev/jmpi/launcher/JmpiRun.java");

    private static final Pattern READ =
            Pattern.compile("\\b(System\\s*\\.\\s*(?:getenv|getProperty|getProperties)|Integer\\s*\\.\\s*getInteger"
                    + "|Long\\s*\\.\\s*getLong|Boolean\\s*\\.\\s*getBoolean)\\s*\\(\\s*(\"([^\"]*)\")?");

    @Test
    void noMainSourceReadsAPropertyOrVariableOutsideTheConfigurationPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources = mainSources();
        assertTrue(
                sources.size() > 100,
                "found only " + sources.size() + " main sources under " + ConfigurationDocTest.ROOT);
        for (Path p : sources) {
            String rel = relative(p);
            if (rel.startsWith(CONFIG_PACKAGE)) {
                continue;
            }
            String text = Files.readString(p);
            Matcher m = READ.matcher(text);
            while (m.find()) {
                String literal = m.group(3);
                if (literal == null || !NOT_SETTINGS.contains(literal)) {
                    offenders.add(rel + ":" + line(text, m.start()) + ": " + m.group());
                }
            }
        }
        assertEquals(
                List.of(),
                offenders,
                "read settings through a Setting and a ConfigSource"
                        + " (dev.jmpi.transport.config), resolved once at init and passed by constructor");
    }

    @Test
    void onlyTheInitPointsSnapshotTheProcess() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String rel = relative(p);
            if (!rel.startsWith(CONFIG_PACKAGE)
                    && !INIT_POINTS.contains(rel)
                    && Files.readString(p).contains("ConfigSource.fromProcess()")) {
                offenders.add(rel);
            }
        }
        assertEquals(List.of(), offenders, "resolve the configuration at init and pass it on");
    }

    @Test
    void theScanFindsAReadItMustRefuse() {
        Matcher m = READ.matcher("long x = Long.getLong(\"jmpi.fooMs\", 3); String v = System.getenv(\"JMPI_X\");");
        assertTrue(m.find());
        assertEquals("Long.getLong(\"jmpi.fooMs\"", m.group());
        assertTrue(m.find());
        assertEquals("JMPI_X", m.group(3));
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> all = Files.walk(ConfigurationDocTest.ROOT)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> relative(p).contains("src/main/java/"))
                    .filter(p ->
                            !relative(p).contains("/target/") && !relative(p).startsWith("."))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String relative(Path p) {
        return ConfigurationDocTest.ROOT.relativize(p).toString().replace('\\', '/');
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
