package dev.jmpi.launcher;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a class file's constant pool mentions that {@link MpiApiDetector} looks at: its
 * own name, the classes it names, the strings that mention {@code mpi/} (class names and
 * descriptors) and the methods it calls on classes of package {@code mpi}, read without
 * loading the class.
 *
 * <p>It reads the pool in place and makes a {@code String} only of what it returns: jmpirun
 * runs this on a cold JVM before it starts any rank, over every class the application's main
 * class reaches (217 classes and 19,000 pool strings for a main class that uses picocli), and
 * decoding every string was most of the ~0.2 s that took.
 */
final class ConstantPoolNames {

    /** A method a class calls: the owner's internal name and the method's name. */
    record MethodRef(String owner, String name) {}

    private static final byte[] MPI = "mpi/".getBytes(StandardCharsets.US_ASCII);

    final String thisClass;
    /** The pool's strings that contain {@code mpi/}. */
    final List<String> mpiStrings = new ArrayList<>();
    /** Methods called on classes whose internal name starts with {@code mpi/}. */
    final List<MethodRef> mpiMethods = new ArrayList<>();
    /** Internal names of the classes the pool names (CONSTANT_Class entries). */
    final List<String> classes = new ArrayList<>();

    private ConstantPoolNames(String thisClass) {
        this.thisClass = thisClass;
    }

    /** Parses {@code classFile}; throws {@link IOException} if it is not a class file. */
    static ConstantPoolNames read(byte[] classFile) throws IOException {
        if (classFile.length < 10 || u4(classFile, 0) != 0xCAFEBABE) {
            throw new IOException("not a class file (bad magic)");
        }
        int count = u2(classFile, 8);
        int[] utf8At = new int[count]; // offset of each CONSTANT_Utf8's length, 0 for other entries
        int[] classNameIndex = new int[count];
        int[] methodRefAt = new int[count];
        int[] nameOfNameAndType = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = classFile[p] & 0xff;
            p++;
            switch (tag) {
                case 1 -> {
                    utf8At[i] = p;
                    p += 2 + u2(classFile, p);
                }
                case 3, 4, 9, 11, 17, 18 -> p += 4;
                case 5, 6 -> {
                    p += 8;
                    i++;
                }
                case 7 -> {
                    classNameIndex[i] = u2(classFile, p);
                    p += 2;
                }
                case 8, 16, 19, 20 -> p += 2;
                case 10 -> {
                    methodRefAt[i] = p;
                    p += 4;
                }
                case 12 -> {
                    nameOfNameAndType[i] = u2(classFile, p);
                    p += 4;
                }
                case 15 -> p += 3;
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
            if (p > classFile.length) {
                throw new IOException("truncated constant pool at entry " + i);
            }
        }
        int thisIndex = u2(classFile, p + 2);
        ConstantPoolNames names =
                new ConstantPoolNames(thisIndex < count ? utf8(classFile, utf8At, classNameIndex[thisIndex]) : null);
        String[] classNames = new String[count];
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                classNames[i] = utf8(classFile, utf8At, classNameIndex[i]);
                if (classNames[i] != null) {
                    names.classes.add(classNames[i]);
                }
            }
            if (utf8At[i] != 0 && mentionsMpi(classFile, utf8At[i])) {
                names.mpiStrings.add(utf8(classFile, utf8At, i));
            }
        }
        for (int at : methodRefAt) {
            if (at == 0) {
                continue;
            }
            int ownerIndex = u2(classFile, at);
            int nameAndType = u2(classFile, at + 2);
            String owner = ownerIndex < count ? classNames[ownerIndex] : null;
            if (owner != null && owner.startsWith("mpi/") && nameAndType < count) {
                String name = utf8(classFile, utf8At, nameOfNameAndType[nameAndType]);
                if (name != null) {
                    names.mpiMethods.add(new MethodRef(owner, name));
                }
            }
        }
        return names;
    }

    private static boolean mentionsMpi(byte[] b, int at) throws IOException {
        int end = at + 2 + u2(b, at) - MPI.length;
        for (int i = at + 2; i <= end; i++) {
            if (b[i] == 'm' && b[i + 1] == 'p' && b[i + 2] == 'i' && b[i + 3] == '/') {
                return true;
            }
        }
        return false;
    }

    /** The CONSTANT_Utf8 at pool {@code index}, or null if that entry is not one. */
    private static String utf8(byte[] b, int[] utf8At, int index) throws IOException {
        if (index <= 0 || index >= utf8At.length || utf8At[index] == 0) {
            return null;
        }
        int at = utf8At[index];
        int length = u2(b, at);
        for (int i = at + 2; i < at + 2 + length; i++) {
            if (b[i] <= 0) { // not plain ASCII (modified UTF-8 writes NUL as two bytes)
                return new DataInputStream(new ByteArrayInputStream(b, at, 2 + length)).readUTF();
            }
        }
        return new String(b, at + 2, length, StandardCharsets.ISO_8859_1);
    }

    private static int u2(byte[] b, int at) throws IOException {
        if (at + 2 > b.length) {
            throw new IOException("truncated class file at byte " + at);
        }
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u4(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
