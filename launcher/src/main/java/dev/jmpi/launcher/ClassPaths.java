package dev.jmpi.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** Class path strings: split, expand {@code dir/*} wildcards, and look a class up in them. */
final class ClassPaths {

    private ClassPaths() {}

    /** Splits {@code classPath} at the path separator, dropping empty entries. */
    static List<String> split(String classPath) {
        List<String> entries = new ArrayList<>();
        if (classPath == null) {
            return entries;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Joins entries with the path separator. */
    static String join(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }

    /** Resolves each entry against {@code base} and expands {@code dir/*} into the jars in {@code dir}. */
    static List<Path> resolve(List<String> entries, Path base) {
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
                Path dir = base.resolve(entry.substring(0, entry.length() - 1));
                paths.addAll(jarsIn(dir));
            } else {
                paths.add(base.resolve(entry));
            }
        }
        return paths;
    }

    /** Whether {@code className} (binary name) is in one of the directories or jars {@code paths}. */
    static boolean contains(List<Path> paths, String className) {
        String resource = className.replace('.', '/') + ".class";
        for (Path path : paths) {
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(resource))) {
                return true;
            }
            if (Files.isRegularFile(path) && jarContains(path, resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jarContains(Path jar, String resource) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(resource) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> jarsIn(Path dir) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            return jars;
        }
        return jars;
    }
}
