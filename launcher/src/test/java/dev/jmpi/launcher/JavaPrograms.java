package dev.jmpi.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles test programs written against one of the Java MPI facades, as a user's javac would. */
final class JavaPrograms {

    private JavaPrograms() {}

    /** The test class path entry holding {@code api}'s facade (its jar or classes directory). */
    static Path facade(MpiApi api) {
        for (String entry : ClassPaths.split(System.getProperty("java.class.path"))) {
            Path p = Path.of(entry);
            if (RuntimeClasspath.facadeIn(p) == api) {
                return p;
            }
        }
        throw new IllegalStateException("no " + api + " facade on the test class path");
    }

    /** Compiles the {@code .java} files of test resource directory {@code resourceDir} into {@code out}. */
    static void compileResources(String resourceDir, MpiApi api, Path out) throws IOException {
        URL url = JavaPrograms.class.getResource("/" + resourceDir);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + resourceDir);
        }
        List<File> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toFile()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        compile(sources, api, out);
    }

    /** Compiles one source text (class {@code name}) into {@code out}. */
    static void compileSource(String name, String source, MpiApi api, Path out) throws IOException {
        Path src = Files.createDirectories(out.resolve("src"));
        Path file = src.resolve(name + ".java");
        Files.writeString(file, source);
        compile(List.of(file.toFile()), api, out);
    }

    private static void compile(List<File> sources, MpiApi api, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options =
                    List.of("-d", out.toString(), "-cp", facade(api) + File.pathSeparator + out, "-proc:none");
            boolean ok = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources))
                    .call();
            if (!ok) {
                StringBuilder why = new StringBuilder("javac failed:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    why.append('\n').append(d);
                }
                throw new IllegalStateException(why.toString());
            }
        }
    }
}
