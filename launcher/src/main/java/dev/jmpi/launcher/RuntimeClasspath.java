package dev.jmpi.launcher;

import dev.jmpi.transport.config.ConfigSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * jmpi's own runtime (core, one Java MPI facade, slf4j-api), put on every rank's class path
 * so that {@code -cp} names only the user's code.
 *
 * <p>It is the launcher's own {@code java.class.path} (set by {@code bin/jmpirun} to
 * {@code launcher/target/jmpi-launcher-*.jar:launcher/target/lib/*}, which the JVM expands),
 * less what only the launcher needs: its own jar and picocli. Jmpi's runtime comes first
 * so a rank always speaks the launcher's rendezvous protocol, whatever the user's jars hold.
 *
 * <p>Both facades ({@code jmpi-mpijava}: mpiJava / MPJ Express; {@code jmpi-ompijava}: Open
 * MPI's Java bindings) are package {@code mpi} with clashing class names, so a rank gets at
 * most one: the one {@code --mpi-api} names, or by default the one the application's classes
 * use ({@link MpiApiDetector}), mpiJava when they use neither. The system property
 * {@code jmpi.runtime.classpath} ({@link LaunchSettings#RUNTIME_CLASSPATH}) replaces the whole runtime class path, unfiltered. The
 * launcher's SLF4J backend is left out: a rank has the application's or none
 * ({@link LoggingBackends}). Netty and Protobuf are not here: jmpi-core's jar holds them
 * relocated, so the application's own versions are the only {@code io.netty} and
 * {@code com.google.protobuf} a rank sees (docs/architecture.md, "Class path").
 */
final class RuntimeClasspath {

    /** The class that tells Open MPI's Java bindings (and jmpi's facade of them) from mpiJava's. */
    static final String OPEN_MPI_FACADE_CLASS = "mpi/CartComm.class";

    /** The class that tells mpiJava (and MPJ Express, and jmpi's facade of them) from Open MPI's bindings. */
    static final String MPIJAVA_FACADE_CLASS = "mpi/Cartcomm.class";

    /** The job being planned on this thread: where its classes are and which API it asked for. */
    private static final ThreadLocal<JmpiRun> JOB = new ThreadLocal<>();

    private RuntimeClasspath() {}

    /** Makes {@link #entries(ConfigSource)} pick the facade for {@code options}' application (called before planning). */
    static void forJob(JmpiRun options) {
        JOB.set(options);
    }

    /** Absolute class path entries every rank gets. */
    static List<String> entries(ConfigSource settings) {
        String override = settings.getOrNull(LaunchSettings.RUNTIME_CLASSPATH);
        if (override != null) {
            return absolute(ClassPaths.split(override));
        }
        Path self = location(JmpiRun.class);
        Path picocli = location(CommandLine.class);
        List<String> entries = new ArrayList<>();
        for (String entry : absolute(ClassPaths.split(System.getProperty("java.class.path")))) {
            Path path = Path.of(entry);
            if (!path.equals(self) && !path.equals(picocli)) {
                entries.add(entry);
            }
        }
        return LoggingBackends.withoutProviders(withFacade(entries, chosenApi(settings)));
    }

    /** {@link #rankClassPath(List, List, Path)} with relative user entries taken from the current directory. */
    static List<String> rankClassPath(List<String> runtime, List<String> user) {
        return rankClassPath(runtime, user, Path.of("").toAbsolutePath());
    }

    /**
     * A rank's class path: jmpi's own jars (with its relocated Netty and Protobuf), then the
     * application's {@code user} entries (relative to {@code base}) less their copies of those
     * jars ({@link RuntimeJarCopies}), then what jmpi shares with applications (slf4j-api), so an
     * application's own slf4j-api of another version is the one loaded.
     */
    static List<String> rankClassPath(List<String> runtime, List<String> user, Path base) {
        List<String> cp = new ArrayList<>(runtime.size() + user.size());
        List<String> shared = new ArrayList<>();
        for (String entry : runtime) {
            (LoggingBackends.holdsApi(Path.of(entry)) ? shared : cp).add(entry);
        }
        cp.addAll(RuntimeJarCopies.without(user, List.copyOf(cp), base));
        cp.addAll(shared);
        return cp;
    }

    /**
     * The facade the current job gets: the one asked for, else the detected one (kept between
     * jobs by {@link ApiVerdictCache}), else mpiJava.
     */
    static MpiApi chosenApi(ConfigSource settings) {
        JmpiRun job = JOB.get();
        MpiApi asked = job == null || job.mpiApi() == null ? MpiApi.AUTO : job.mpiApi();
        if (asked != MpiApi.AUTO) {
            return asked;
        }
        if (job == null) {
            return MpiApi.MPIJAVA;
        }
        List<Path> classPath = userClassPath(job);
        String main = mainClass(job, classPath);
        String key = ApiVerdictCache.key(main == null ? "" : main, classPath);
        ApiVerdictCache cache =
                new ApiVerdictCache(ClassDataCache.directory(settings).resolve("api"));
        MpiApi kept = key == null ? null : cache.get(key);
        if (kept != null) {
            return kept;
        }
        MpiApiDetector.Evidence evidence = main == null ? null : MpiApiDetector.scanFrom(classPath, main);
        if (evidence == null) {
            evidence = MpiApiDetector.scan(classPath);
        }
        MpiApi found = evidence.verdict();
        MpiApi chosen = found == null ? MpiApi.MPIJAVA : found;
        if (key != null) {
            cache.put(key, chosen);
        }
        return chosen;
    }

    private static String mainClass(JmpiRun job, List<Path> classPath) {
        if (job.jar() != null) {
            return classPath.isEmpty() ? null : MpiApiDetector.mainClassOf(classPath.get(0));
        }
        List<String> positionals = job.positionals();
        return positionals == null || positionals.isEmpty() ? null : positionals.get(0);
    }

    private static List<Path> userClassPath(JmpiRun job) {
        Path base =
                job.wdir() != null ? job.wdir().toAbsolutePath() : Path.of("").toAbsolutePath();
        List<String> entries = new ArrayList<>(ClassPaths.split(job.classPath()));
        if (job.jar() != null) {
            entries.add(0, job.jar());
        }
        return ClassPaths.resolve(entries, base);
    }

    /** {@code entries} without the facades other than {@code api}'s. */
    static List<String> withFacade(List<String> entries, MpiApi api) {
        List<String> kept = new ArrayList<>(entries.size());
        for (String entry : entries) {
            MpiApi facade = facadeIn(Path.of(entry));
            if (facade == null || facade == api) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** Which facade a class path entry holds ({@code mpi/Cartcomm} or {@code mpi/CartComm}), or null. */
    static MpiApi facadeIn(Path entry) {
        if (Files.isDirectory(entry)) {
            List<String> names = mpiClassNames(entry);
            return names.contains(OPEN_MPI_FACADE_CLASS)
                    ? MpiApi.OPENMPI
                    : names.contains(MPIJAVA_FACADE_CLASS) ? MpiApi.MPIJAVA : null;
        }
        if (!entry.toString().endsWith(".jar")) {
            return null;
        }
        if (JarLookups.holds(entry, OPEN_MPI_FACADE_CLASS)) {
            return MpiApi.OPENMPI;
        }
        return JarLookups.holds(entry, MPIJAVA_FACADE_CLASS) ? MpiApi.MPIJAVA : null;
    }

    /**
     * The classes of package {@code mpi} in directory {@code entry}, as {@code mpi/Name.class},
     * in exact case whatever the file system: the two facade classes differ only in case.
     */
    private static List<String> mpiClassNames(Path entry) {
        Path mpi = entry.resolve("mpi");
        if (!Files.isDirectory(mpi)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mpi)) {
            return files.map(f -> "mpi/" + f.getFileName()).toList();
        } catch (IOException e) {
            return List.of(); // unreadable: it holds no facade we could filter
        }
    }

    private static List<String> absolute(List<String> entries) {
        List<String> result = new ArrayList<>(entries.size());
        for (String entry : entries) {
            result.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        return result;
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
