package dev.jmpi.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * jmpirun's picocli command, built in code: its name, version, usage text, the help and
 * version options, and the options and parameters a {@link JmpiRun} defines
 * ({@link CommandArguments}). {@link JmpiRun#main} builds it directly; {@code new
 * CommandLine(new JmpiRun())} reaches the same through {@link FromUserObject}.
 */
final class JmpiRunCommand {

    private JmpiRunCommand() {}

    /** The command running {@code run}. */
    static CommandSpec of(JmpiRun run) {
        return describe(CommandSpec.wrapWithoutInspection(run), run);
    }

    /** Fills {@code spec} with jmpirun's command, whose options set {@code run}'s values. */
    static CommandSpec describe(CommandSpec spec, JmpiRun run) {
        spec.name("jmpirun").versionProvider(new JmpiRun.Version());
        run.runBy(spec);
        usage(spec.usageMessage());
        run.arguments().addTo(spec);
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.")
                .build());
        return spec;
    }

    private static void usage(UsageMessageSpec usage) {
        usage.sortOptions(false)
                .autoWidth(true)
                .abbreviateSynopsis(true)
                .customSynopsis(
                        "jmpirun [OPTIONS] MAIN_CLASS [ARGS...]", "   or: jmpirun [OPTIONS] -jar APP.jar [ARGS...]")
                .descriptionHeading("%n")
                .parameterListHeading("%n")
                .optionListHeading("%nOptions:%n")
                .description(
                        "Runs a jmpi program as N processes (ranks) on this host, or over ssh on the hosts of a"
                                + " hostfile.",
                        "jmpi's runtime is put on every rank's class path, so -cp names only your code. Everything"
                                + " after the main class (or after --) goes to the program.",
                        "Without --hostfile/--host all N ranks run on this host, whatever its processor count. Hosts"
                                + " you list have the slots you give them; more ranks than slots need --oversubscribe.")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes())
                .footerHeading("%nExamples:%n")
                .footer(
                        "  jmpirun -n 4 -cp app.jar com.example.Main input.txt",
                        "  jmpirun -n 8 --oversubscribe --tag-output -cp target/classes com.example.Main",
                        "  jmpirun --hostfile hosts.txt --map-by node -x TZ --jvm-opt=-Xmx2g -jar app.jar",
                        "  jmpirun -H node1:4,node2:4 --iface eth1 --port-range 7000-7100 \\",
                        "      -cp /nfs/app.jar com.example.Main",
                        "  jmpirun -n 4 --timeout 5m --thread-dump -cp app.jar com.example.Main",
                        "  jmpirun -n 4 --stats --trace job.json -cp app.jar Main   # then open job.html",
                        "  source <(jmpirun --completion)          # bash/zsh completion",
                        "",
                        "Hostfile lines (Open MPI format): 'node1 slots=4', 'node2 slots=2 max_slots=4',",
                        "'# comments'. Other hosts are reached with --ssh (default: ssh -o BatchMode=yes,",
                        "so keys must be set up); java, the class path and --wdir must exist at the same",
                        "paths on every host.",
                        "",
                        "Debug logging: -v (repeat: -vv) for jmpirun itself. Ranks log through SLF4J to",
                        "your application's backend (jmpi puts none on a rank's class path); with",
                        "slf4j-simple on your -cp, turn on debug for all or one package:",
                        "  --jvm-opt=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                        "  --jvm-opt=-Dorg.slf4j.simpleLogger.log.dev.jmpi.transport=debug");
    }

    /** What each exit code means, in the order of {@code --help}. */
    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "every rank exited 0");
        codes.put("1", "internal error in jmpirun");
        codes.put("2", "usage error (bad option, hostfile, host, class or jar); no rank started");
        codes.put("3", "launch failure (a rank or the rendezvous could not be started)");
        codes.put("4", "--timeout expired");
        codes.put(
                "N",
                "the exit status of the rank that started the failure (128+signal if a signal killed it; else that"
                        + " of the rank whose exit ended the job; 1 if that was 0)");
        return codes;
    }

    /**
     * Makes the command of a {@code new CommandLine(new JmpiRun())}: picocli reads only
     * {@link JmpiRun}'s class annotation, naming this transformer, which adds the rest.
     */
    static final class FromUserObject implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return describe(spec, (JmpiRun) spec.userObject());
        }
    }
}
