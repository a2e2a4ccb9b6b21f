package dev.jmpi.launcher;

import java.util.Set;

/**
 * Whether a command-line word can name a class: dot-separated Java identifiers, none a keyword or
 * literal. What {@code javax.lang.model.SourceVersion.isName} answers, without loading the
 * {@code java.compiler} module before the ranks are forked (its first use linked ~20 ms of
 * method handles in jmpirun's JVM).
 */
final class JavaNames {

    /** The reserved words of the Java language (JLS 3.9) and its literals: none can be a name's part. */
    private static final Set<String> RESERVED = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "_",
            "true",
            "false",
            "null");

    private JavaNames() {}

    /** True if {@code name} is a qualified name such as {@code com.example.Main}. */
    static boolean isQualifiedName(String name) {
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            String part = dot < 0 ? name.substring(start) : name.substring(start, dot);
            if (!isIdentifier(part) || RESERVED.contains(part)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean isIdentifier(String part) {
        if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
            return false;
        }
        for (int i = Character.charCount(part.codePointAt(0)); i < part.length(); ) {
            int c = part.codePointAt(i);
            if (!Character.isJavaIdentifierPart(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
