package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The layout of {@code jmpirun --help}: options under group headings (what runs, where, its
 * input and output, time limits, the network), a Java-style option's value after a space
 * ({@code -jar APP.jar}, as {@code java} spells it), and no list of positional parameters
 * (the synopsis says it). An option no group names goes under "Other options", so a new
 * option always shows.
 */
final class HelpLayout {

    /** Group heading to the names of its options (any one of an option's names places it). */
    static final Map<String, List<String>> GROUPS = groups();

    private HelpLayout() {}

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put(
                "Program and ranks",
                List.of("--np", "--class-path", "-jar", "--env", "--jvm-opt", "--wdir", "--mpi-api", "--threads"));
        g.put(
                "Hosts and placement",
                List.of(
                        "--hostfile",
                        "--host",
                        "--map-by",
                        "--oversubscribe",
                        "--ssh",
                        "--java",
                        "--force-ssh",
                        "--no-cds"));
        g.put(
                "Output and input",
                List.of("--tag-output", "--timestamp-output", "--output-dir", "--stdin", "--verbose"));
        g.put("Time limits", List.of("--timeout", "--thread-dump", "--grace", "--op-timeout"));
        g.put(
                "Diagnostics",
                List.of("--stats", "--trace", "--observe-dir", "--status-every", "--timeline", "--check-collectives"));
        g.put("Network and security", List.of("--port", "--port-range", "--iface", "--bind", "--advertise", "--tls"));
        return g;
    }

    /** Installs the layout on {@code commandLine}'s usage help. */
    static CommandLine install(CommandLine commandLine) {
        Map<String, IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING, new Omitted());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, new Omitted());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, new Omitted());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new GroupedOptionList());
        return commandLine;
    }

    // The renderers are classes, not lambdas: Java 17's archive dump links the interface of every
    // lambda in the class list, and leaves a linked class of version 49 (picocli's) out of jmpirun's
    // archive, with every class implementing it (picocli's own 18 section renderers, loaded and
    // verified at each start).

    /** A section the help leaves out. */
    private static final class Omitted implements IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            return "";
        }
    }

    /** The options under their group headings. */
    private static final class GroupedOptionList implements IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            return optionList(help);
        }
    }

    private static String optionList(Help help) {
        Map<String, List<OptionSpec>> grouped = new LinkedHashMap<>();
        GROUPS.keySet().forEach(k -> grouped.put(k, new ArrayList<>()));
        grouped.put("Other options", new ArrayList<>());
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden()) {
                grouped.get(groupOf(option)).add(option);
            }
        }
        IParamLabelRenderer labels = new JavaStyleLabels(help.createDefaultParamLabelRenderer());
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> group : grouped.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            Help.Layout layout = help.createDefaultLayout();
            for (OptionSpec option : group.getValue()) {
                layout.addOption(option, labels);
            }
            out.append(String.format("%n%s:%n", group.getKey())).append(layout);
        }
        return out.toString();
    }

    private static String groupOf(OptionSpec option) {
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            for (String name : option.names()) {
                if (group.getValue().contains(name)) {
                    return group.getKey();
                }
            }
        }
        return "Other options";
    }

    /** Shows {@code -jar APP.jar} rather than {@code -jar=APP.jar} for options with no "--" name. */
    private static final class JavaStyleLabels implements IParamLabelRenderer {
        private final IParamLabelRenderer delegate;

        JavaStyleLabels(IParamLabelRenderer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Help.Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Help.Ansi.IStyle> styles) {
            Help.Ansi.Text label = delegate.renderParameterLabel(arg, ansi, styles);
            String sep = separator();
            if (arg instanceof OptionSpec o
                    && !o.longestName().startsWith("--")
                    && label.plainString().startsWith(sep)) {
                return ansi.text(" ").concat(label.substring(sep.length()));
            }
            return label;
        }

        @Override
        public String separator() {
            return delegate.separator();
        }
    }
}
