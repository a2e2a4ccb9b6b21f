package dev.jmpi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tells which Java MPI API an application is written against, from its class files' constant
 * pools (no class is loaded): names only one API has ({@code mpi/CartComm}, {@code mpi/Info},
 * {@code mpi/Struct} for Open MPI's bindings; {@code mpi/Cartcomm}, {@code mpi/User_function}
 * for mpiJava), and the case of the methods it calls on {@code mpi} classes (Open MPI's are
 * {@code getRank}, {@code send}; mpiJava's are {@code Rank}, {@code Send}). Classes in
 * package {@code mpi} itself (a facade bundled in the application) are skipped.
 *
 * <p>{@link #scanFrom} starts at the main class and follows the classes it references on the
 * application's class path until one of them gives evidence, so a job pays for reading its
 * own few classes, not every library jar (a whole 1.8 MB jar takes about a second on a busy
 * 2-core machine).
 */
final class MpiApiDetector {

    private static final Set<String> OPENMPI_ONLY = Set.of(
            "CartComm",
            "GraphComm",
            "Info",
            "Struct",
            "Struct$Data",
            "Int2",
            "ShortInt",
            "LongInt",
            "FloatInt",
            "DoubleInt",
            "UserFunction",
            "DistGraphNeighbors",
            "Message",
            "Win",
            "File",
            "Freeable",
            "Count",
            "FloatComplex",
            "DoubleComplex");
    private static final Set<String> MPIJAVA_ONLY = Set.of("Cartcomm", "Graphcomm", "User_function");
    /** Methods both APIs spell the same way. */
    private static final Set<String> SHARED_METHODS = Set.of(
            "Init",
            "Finalize",
            "<init>",
            "<clinit>",
            "clone",
            "toString",
            "equals",
            "hashCode",
            "values",
            "valueOf",
            "getClass",
            "ordinal",
            "name");

    private static final Pattern MPI_NAME = Pattern.compile("(?:^|L)mpi/([A-Za-z_$][A-Za-z0-9_$]*)");

    /** Evidence counts: references only Open MPI's API has, and only mpiJava's has. */
    record Evidence(int openMpi, int mpiJava) {

        /** The API the evidence points to, or {@code null} if there is none either way. */
        MpiApi verdict() {
            if (openMpi == 0 && mpiJava == 0) {
                return null;
            }
            return openMpi > mpiJava ? MpiApi.OPENMPI : MpiApi.MPIJAVA;
        }
    }

    /** Classes {@link #scanFrom} reads at most before giving up. */
    static final int MAX_CLASSES_FOLLOWED = 2000;

    private int openMpi;
    private int mpiJava;
    private final List<String> referenced = new ArrayList<>();

    private MpiApiDetector() {}

    /** Scans the directories and jars {@code classPath} (missing entries are skipped). */
    static Evidence scan(List<Path> classPath) {
        MpiApiDetector d = new MpiApiDetector();
        for (Path entry : classPath) {
            try {
                if (Files.isDirectory(entry)) {
                    d.scanDirectory(entry);
                } else if (Files.isRegularFile(entry)) {
                    d.scanJar(entry);
                }
            } catch (IOException e) {
                // An unreadable entry says nothing about the API; the JVM will report it if it matters.
            }
        }
        return new Evidence(d.openMpi, d.mpiJava);
    }

    /**
     * Evidence from {@code mainClass} (binary name) and the application classes it reaches;
     * {@code null} if the main class is not on {@code classPath}.
     */
    static Evidence scanFrom(List<Path> classPath, String mainClass) {
        List<JarFile> jars = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (Path entry : classPath) {
                if (Files.isDirectory(entry)) {
                    dirs.add(entry);
                } else if (Files.isRegularFile(entry)) {
                    try {
                        jars.add(new JarFile(entry.toFile()));
                    } catch (IOException e) {
                        // Not a jar: nothing to read in it.
                    }
                }
            }
            String start = mainClass.replace('.', '/');
            if (read(start, dirs, jars) == null) {
                return null;
            }
            MpiApiDetector d = new MpiApiDetector();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            Set<String> seen = new HashSet<>(queue);
            while (!queue.isEmpty() && seen.size() <= MAX_CLASSES_FOLLOWED && d.openMpi + d.mpiJava == 0) {
                byte[] bytes = read(queue.poll(), dirs, jars);
                if (bytes == null) {
                    continue;
                }
                d.referenced.clear();
                d.scanClass(bytes);
                for (String name : d.referenced) {
                    if (isApplicationClass(name) && seen.add(name)) {
                        queue.add(name);
                    }
                }
            }
            return new Evidence(d.openMpi, d.mpiJava);
        } finally {
            for (JarFile j : jars) {
                try {
                    j.close();
                } catch (IOException e) {
                    // Only read from: nothing to lose.
                }
            }
        }
    }

    /** The {@code Main-Class} of a jar's manifest, or {@code null}. */
    static String mainClassOf(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            return m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isApplicationClass(String internalName) {
        return !(internalName.startsWith("[")
                || internalName.startsWith("java/")
                || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/")
                || internalName.startsWith("mpi/")
                || internalName.startsWith("dev/jmpi/"));
    }

    private static byte[] read(String internalName, List<Path> dirs, List<JarFile> jars) {
        String file = internalName + ".class";
        try {
            for (Path dir : dirs) {
                Path f = dir.resolve(file);
                if (Files.isRegularFile(f)) {
                    return Files.readAllBytes(f);
                }
            }
            for (JarFile jar : jars) {
                ZipEntry e = jar.getEntry(file);
                if (e != null) {
                    try (InputStream in = jar.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private void scanDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.toString().endsWith(".class") && Files.isRegularFile(f)) {
                    scanClass(Files.readAllBytes(f));
                }
            }
        }
    }

    private void scanJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith(".class")
                        && !e.getName().startsWith("mpi/")
                        && !e.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        scanClass(in.readAllBytes());
                    }
                }
            }
        }
    }

    void scanClass(byte[] bytes) {
        ConstantPoolNames names;
        try {
            names = ConstantPoolNames.read(bytes);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (names.thisClass == null || names.thisClass.startsWith("mpi/")) {
            return;
        }
        referenced.addAll(names.classes);
        for (String s : names.mpiStrings) {
            Matcher m = MPI_NAME.matcher(s);
            while (m.find()) {
                String simple = m.group(1);
                if (OPENMPI_ONLY.contains(simple)) {
                    openMpi++;
                } else if (MPIJAVA_ONLY.contains(simple)) {
                    mpiJava++;
                }
            }
        }
        for (ConstantPoolNames.MethodRef ref : names.mpiMethods) {
            if (!ref.owner().startsWith("mpi/")
                    || ref.owner().indexOf('/', 4) >= 0
                    || SHARED_METHODS.contains(ref.name())) {
                continue;
            }
            if (Character.isLowerCase(ref.name().charAt(0))) {
                openMpi++;
            } else if (Character.isUpperCase(ref.name().charAt(0))) {
                mpiJava++;
            }
        }
    }
}
