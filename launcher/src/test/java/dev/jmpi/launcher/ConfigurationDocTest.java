package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.core.internal.JobEnvironment;
import dev.jmpi.transport.TransportSettings;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.config.ConfigurationTable;
import dev.jmpi.transport.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is generated from every {@link Setting} declared by the
 * transport, the core and the launcher; this test fails when the checked-in page is stale and
 * leaves the current one in {@code launcher/target/configuration.md} to copy over.
 */
class ConfigurationDocTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(TransportSettings.ALL);
        all.addAll(CoreSettings.ALL);
        all.addAll(LaunchSettings.ALL);
        return all;
    }

    @Test
    void checkedInTableMatchesTheDeclarations() throws IOException {
        String current = ConfigurationTable.markdown(all())
                + ConfigurationTable.variables(
                        "job description (set by the launcher)",
                        "Not settings: what jmpirun (or a Slurm, Kubernetes or hand-made launch; see the README) tells each rank,"
                                + " read by `Jmpi.init` from the environment only.",
                        JobEnvironment.VARIABLES);
        Path doc = ROOT.resolve("docs").resolve("configuration.md");
        String checkedIn = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        if (!current.equals(checkedIn)) {
            Path fresh = Path.of("target", "configuration.md").toAbsolutePath();
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, current, StandardCharsets.UTF_8);
            fail("docs/configuration.md is stale (a Setting was added or changed); regenerate it with: cp " + fresh
                    + " " + doc);
        }
    }

    @Test
    void everySettingFollowsTheNameRuleAndResolvesItsDefault() {
        Setting.requireDistinct(all());
        for (Setting<?> s : all()) {
            if (s.property() != null) {
                assertEquals(Setting.envNameOf(s.property()), s.env(), s.key());
            }
            assertEquals(s.defaultValue(), ConfigSource.defaults().getOrNull(s), s.key());
            assertNull(CoreSettings.REMOVED.get(s.key()), s.key() + " is both a setting and removed");
        }
    }
}
