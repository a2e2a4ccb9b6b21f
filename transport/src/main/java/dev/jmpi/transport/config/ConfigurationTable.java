package dev.jmpi.transport.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code docs/configuration.md}: one table per concern, one row per setting, all from the
 * {@link Setting} declarations, so the docs cannot drift from the code (a launcher test compares
 * the checked-in file with this output).
 */
public final class ConfigurationTable {

    private ConfigurationTable() {}

    /** The whole page for {@code settings}, grouped by {@link Setting#group()} in first-seen order. */
    public static String markdown(List<Setting<?>> settings) {
        Setting.requireDistinct(settings);
        Map<String, List<Setting<?>>> groups = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
        }
        StringBuilder b = new StringBuilder();
        b.append("# Configuration\n\n")
                .append("<!-- Generated from the Setting declarations by ConfigurationDocTest (launcher); do not edit."
                        + " -->\n\n")
                .append(
                        "Every setting has a system property (`-Djmpi.…`, in `--jvm-opt` or `JAVA_TOOL_OPTIONS`) and an\n")
                .append(
                        "environment variable (jmpirun passes `-x NAME` and `JMPI_*` variables to the ranks). The name\n")
                .append(
                        "rule: `jmpi.fooBar.bazQux` is `JMPI_FOO_BAR_BAZ_QUX`. Each rank resolves its settings once, at\n")
                .append("init: the default, then the environment, then system properties, then values set in code\n")
                .append(
                        "(`ConfigSource.with`); a bad value fails init with the setting's name, the value, where it came\n")
                .append("from and what was expected.\n\n")
                .append("Sizes are written `4096`, `1k`, `64m`, `2g` (binary units). Durations are written `250us`,\n")
                .append("`500ms`, `30s`, `5m`, `1h` (or ISO-8601, `PT30S`). Settings once named in milliseconds or\n")
                .append(
                        "microseconds (`jmpi.heartbeatTimeoutMs`, `jmpi.spinMicros`, ...) are still read under their old\n")
                .append("names and still take a bare number in their old unit; both forms are deprecated.\n");
        for (Map.Entry<String, List<Setting<?>>> g : groups.entrySet()) {
            b.append("\n## ")
                    .append(g.getKey())
                    .append("\n\n")
                    .append("| Property | Environment | Default | Unit | Meaning |\n")
                    .append("|---|---|---|---|---|\n");
            for (Setting<?> s : g.getValue()) {
                b.append("| ")
                        .append(s.property() == null ? "—" : "`" + s.property() + "`")
                        .append(" | `")
                        .append(s.env())
                        .append('`')
                        .append(" | ")
                        .append(cell(s.defaultText()))
                        .append(" | ")
                        .append(cell(s.unit()))
                        .append(" | ")
                        .append(cell(s.description()));
                if (!s.aliases().isEmpty()) {
                    b.append(" Old names (deprecated):");
                    for (String a : s.aliases()) {
                        b.append(" `").append(a).append('`');
                    }
                    b.append('.');
                }
                b.append(" |\n");
            }
        }
        return b.toString();
    }

    /**
     * A section listing environment variables that are not settings (what a launcher tells
     * each rank), under {@code title}, after {@code intro}.
     */
    public static String variables(String title, String intro, List<Map.Entry<String, String>> variables) {
        StringBuilder b = new StringBuilder("\n## ")
                .append(title)
                .append("\n\n")
                .append(intro)
                .append("\n\n")
                .append("| Environment | Meaning |\n|---|---|\n");
        for (Map.Entry<String, String> v : variables) {
            b.append("| `")
                    .append(v.getKey())
                    .append("` | ")
                    .append(cell(v.getValue()))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
