package dev.jmpi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
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
 */
final class MpiApiDetector {

    private static final Set<String> OPENMPI_ONLY = Set.of("CartComm", "GraphComm", "Info", "Struct", "Struct$Data",
        "Int2", "ShortInt", "LongInt", "FloatInt", "DoubleInt", "UserFunction", "DistGraphNeighbors", "Message",
        "Win", "File", "Freeable", "Count", "FloatComplex", "DoubleComplex");
    private static final Set<String> MPIJAVA_ONLY = Set.of("Cartcomm", "Graphcomm", "User_function");
    /** Methods both APIs spell the same way. */
    private static final Set<String> SHARED_METHODS = Set.of("Init", "Finalize", "<init>", "<clinit>", "clone",
        "toString", "equals", "hashCode", "values", "valueOf", "getClass", "ordinal", "name");
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

    private int openMpi;
    private int mpiJava;

    private MpiApiDetector() {
    }

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
                if (e.getName().endsWith(".class") && !e.getName().startsWith("mpi/")
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
        for (String s : names.utf8) {
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
        for (ConstantPoolNames.MethodRef ref : names.methods) {
            if (!ref.owner().startsWith("mpi/") || ref.owner().indexOf('/', 4) >= 0
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
