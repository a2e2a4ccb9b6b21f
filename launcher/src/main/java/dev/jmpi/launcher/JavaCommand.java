package dev.jmpi.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code java} command line of a rank: JVM options, jmpi's runtime then the user's class path, main class, arguments. */
final class JavaCommand {

    private JavaCommand() {}

    /** The java executable of the JVM running jmpirun, used for ranks on this host. */
    static String localJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The full command for {@code java}. */
    static List<String> of(String java, JobSpec spec) {
        return of(java, spec, List.of());
    }

    /** The full command for {@code java}, with {@code extraOptions} before the user's (which win). */
    static List<String> of(String java, JobSpec spec, List<String> extraOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(extraOptions);
        Path base = spec.wdir() != null ? spec.wdir() : Path.of("").toAbsolutePath();
        List<String> cp =
                RuntimeClasspath.rankClassPath(spec.runtime(), spec.app().userClassPath(), base);
        if (!LoggingBackends.anyProvider(ClassPaths.resolve(cp, base))) {
            cmd.add(LoggingBackends.QUIET_WITHOUT_PROVIDER);
        }
        cmd.addAll(spec.jvmOptions());
        cmd.add("-cp");
        cmd.add(ClassPaths.join(cp));
        cmd.add(spec.app().mainClass());
        cmd.addAll(spec.app().args());
        return cmd;
    }
}
