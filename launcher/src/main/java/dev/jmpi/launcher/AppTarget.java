package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What each rank runs: a main class on the user's class path, or the {@code Main-Class} of
 * {@code -jar app.jar}, with its arguments. Checked on this host before any rank starts.
 *
 * @param mainClass binary name of the main class
 * @param userClassPath the user's class path entries as given (relative to the working directory)
 * @param args      program arguments
 */
record AppTarget(String mainClass, List<String> userClassPath, List<String> args) {

    /**
     * Resolves and checks the target.
     *
     * @param jar         {@code -jar} value or {@code null}
     * @param classPath   {@code -cp} value or {@code null}
     * @param positionals main class (unless {@code jar}) followed by program arguments
     * @param wdir        where relative paths are resolved
     * @param runtime     jmpi's runtime class path, searched for the main class too
     * @param checkClass  whether to check that the main class exists (false when no rank runs on this host)
     */
    static AppTarget resolve(
            String jar,
            String classPath,
            List<String> positionals,
            Path wdir,
            List<String> runtime,
            boolean checkClass) {
        List<String> userCp = new ArrayList<>(ClassPaths.split(classPath));
        if (jar != null) {
            userCp.add(0, jar);
            return new AppTarget(jarMainClass(wdir.resolve(jar), jar), userCp, positionals);
        }
        if (positionals.isEmpty()) {
            throw new UsageException("missing main class (expected: jmpirun [OPTIONS] MAIN_CLASS [ARGS...]"
                    + " or jmpirun [OPTIONS] -jar APP.jar [ARGS...])");
        }
        String mainClass = positionals.get(0);
        if (!JavaNames.isQualifiedName(mainClass.replace('$', '_'))) {
            throw new UsageException("'" + mainClass + "' is not a class name (expected: a main class"
                    + " such as com.example.Main; unknown options must come before it)");
        }
        if (checkClass) {
            List<String> searched = new ArrayList<>(userCp);
            searched.addAll(runtime);
            if (!ClassPaths.contains(ClassPaths.resolve(searched, wdir), mainClass)) {
                throw new UsageException("main class " + mainClass + " not found on "
                        + (userCp.isEmpty()
                                ? "jmpi's runtime class path (did you forget -cp?)"
                                : "-cp " + ClassPaths.join(userCp) + " (relative to " + wdir + ")"));
            }
        }
        return new AppTarget(mainClass, userCp, positionals.subList(1, positionals.size()));
    }

    private static String jarMainClass(Path jar, String given) {
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("-jar " + given + ": no such file (looked at " + jar + ")");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null || main.isBlank()) {
                throw new UsageException("-jar " + given + ": no Main-Class in its manifest" + " (use -cp " + given
                        + " MAIN_CLASS instead)");
            }
            return main.trim();
        } catch (IOException e) {
            throw new UsageException("-jar " + given + ": not a readable jar: " + e.getMessage());
        }
    }
}
