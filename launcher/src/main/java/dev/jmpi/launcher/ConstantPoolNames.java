package dev.jmpi.launcher;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a class file's constant pool mentions: its own name, the strings (class names
 * and descriptors) and the methods it calls, read without loading the class.
 */
final class ConstantPoolNames {

    /** A method a class calls: the owner's internal name and the method's name. */
    record MethodRef(String owner, String name) {}

    final String thisClass;
    final List<String> utf8 = new ArrayList<>();
    final List<MethodRef> methods = new ArrayList<>();
    /** Internal names of the classes the pool names (CONSTANT_Class entries). */
    final List<String> classes = new ArrayList<>();

    private ConstantPoolNames(String thisClass) {
        this.thisClass = thisClass;
    }

    /** Parses {@code classFile}; throws {@link IOException} if it is not a class file. */
    static ConstantPoolNames read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (bad magic)");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] strings = new String[count];
        int[] classNameIndex = new int[count];
        int[][] refs = new int[count][];
        int[] nameOfNameAndType = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 11, 17, 18 -> in.readInt();
                case 10 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    nameOfNameAndType[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.readUnsignedShort();
        int thisIndex = in.readUnsignedShort();
        ConstantPoolNames names = new ConstantPoolNames(strings[classNameIndex[thisIndex]]);
        for (String s : strings) {
            if (s != null) {
                names.utf8.add(s);
            }
        }
        for (int index : classNameIndex) {
            if (index != 0 && strings[index] != null) {
                names.classes.add(strings[index]);
            }
        }
        for (int[] ref : refs) {
            if (ref != null) {
                String owner = strings[classNameIndex[ref[0]]];
                String name = strings[nameOfNameAndType[ref[1]]];
                if (owner != null && name != null) {
                    names.methods.add(new MethodRef(owner, name));
                }
            }
        }
        return names;
    }
}
