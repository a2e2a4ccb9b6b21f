package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Buffers;
import dev.jmpi.core.internal.OpAccess;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks of the collectives, run before anything is sent. Every message names the
 * argument, its value and what was expected: {@code root=5 (expected: 0 <= root < size=4)}.
 */
final class Checks {

    private Checks() {}

    static void root(int root, int size) {
        if (root < 0 || root >= size) {
            throw new InvalidArgumentException("root=" + root + " (expected: 0 <= root < size=" + size + ")");
        }
    }

    static void count(String name, int count) {
        if (count < 0) {
            throw new InvalidArgumentException(name + "=" + count + " (expected: >= 0)");
        }
    }

    static void op(Op op, Datatype type, int count) {
        if (op == null) {
            throw new InvalidArgumentException("op=null (expected: an Op, e.g. Op.SUM)");
        }
        OpAccess.check(op, type, count);
    }

    /** The datatype of {@code buf}, which must be a buffer and not IN_PLACE. */
    static Datatype buffer(@Nullable Object buf, String name) {
        return Buffers.datatypeOf(buf, name);
    }

    /** Checks that {@code buf} holds {@code count} elements from {@code offset}; returns its type. */
    static Datatype range(@Nullable Object buf, int offset, int count, String name) {
        Datatype type = Buffers.datatypeOf(buf, name);
        Buffers.checkRange(buf, offset, count, name);
        return type;
    }

    /** Checks that {@code buf} holds {@code blocks * count} elements from {@code offset}. */
    static Datatype blocks(@Nullable Object buf, int offset, int blocks, int count, String name, String countName) {
        Datatype type = Buffers.datatypeOf(buf, name);
        long needed = (long) blocks * count;
        int length = Buffers.lengthOf(buf);
        if (offset < 0 || offset + needed > length) {
            throw new InvalidArgumentException(name + " offset=" + offset + " with size=" + blocks + " blocks of "
                    + countName + "=" + count + " (expected: 0 <= offset and offset + " + needed + " <= " + name
                    + " length=" + length + ")");
        }
        return type;
    }

    static void sameType(Datatype expected, String expectedName, @Nullable Object buf, String name) {
        Datatype type = Buffers.datatypeOf(buf, name);
        if (type != expected) {
            throw new InvalidArgumentException(
                    name + " is " + type.arrayClass().getSimpleName() + " (expected: the same type as " + expectedName
                            + ", " + expected.arrayClass().getSimpleName() + ")");
        }
    }

    static void equalCounts(String name, int value, String otherName, int other) {
        if (value != other) {
            throw new InvalidArgumentException(
                    name + "=" + value + " (expected: equal to " + otherName + "=" + other + ")");
        }
    }

    /**
     * Checks per-rank counts and displacements against a buffer: {@code size} entries each,
     * counts {@code >= 0}, and every block inside the buffer. {@code displs} may be
     * {@code null} (with {@code displsName}) where the blocks are packed (reduce-scatter).
     * Returns {@code counts}, checked.
     */
    static int[] vector(
            @Nullable Object buf,
            int offset,
            int @Nullable [] counts,
            String countsName,
            int @Nullable [] displs,
            @Nullable String displsName,
            String bufName,
            int size) {
        int[] checked = length(counts, countsName, size);
        for (int i = 0; i < size; i++) {
            if (checked[i] < 0) {
                throw new InvalidArgumentException(countsName + "[" + i + "]=" + checked[i] + " (expected: >= 0)");
            }
        }
        int length = Buffers.lengthOf(buf);
        if (offset < 0 || offset > length) {
            throw new InvalidArgumentException(bufName + " offset=" + offset + " (expected: 0 <= offset <= " + bufName
                    + " length=" + length + ")");
        }
        if (displs == null) {
            long total = 0;
            for (int c : checked) {
                total += c;
            }
            if (offset + total > length) {
                throw new InvalidArgumentException("sum(" + countsName + ")=" + total + " (expected: offset=" + offset
                        + " + sum <= " + bufName + " length=" + length + ")");
            }
            return checked;
        }
        String displsNamed = Objects.requireNonNull(displsName, "the name of displs, given with displs");
        int[] displsChecked = length(displs, displsNamed, size);
        for (int i = 0; i < size; i++) {
            if (displsChecked[i] < 0 || (long) offset + displsChecked[i] + checked[i] > length) {
                throw new InvalidArgumentException(displsNamed + "[" + i + "]=" + displsChecked[i] + " with "
                        + countsName + "[" + i + "]=" + checked[i] + " (expected: 0 <= displ and offset=" + offset
                        + " + displ + count <= " + bufName + " length=" + length + ")");
            }
        }
        return checked;
    }

    /** Checks that {@code array} has {@code size} entries; returns it. */
    static int[] length(int @Nullable [] array, String name, int size) {
        if (array == null || array.length != size) {
            throw new InvalidArgumentException(
                    name + ".length=" + (array == null ? "null" : array.length) + " (expected: size=" + size + ")");
        }
        return array;
    }

    /** Rejects a read-only ByteBuffer as a buffer the collective writes into. */
    static void writable(@Nullable Object buf, String name) {
        if (buf instanceof java.nio.ByteBuffer bb && bb.isReadOnly()) {
            throw new InvalidArgumentException(name + " is a read-only ByteBuffer (expected: a writable buffer)");
        }
    }

    /** Rejects IN_PLACE where MPI does not allow it. */
    static void notInPlace(@Nullable Object buf, String name, String where) {
        if (buf == Communicator.IN_PLACE) {
            throw new InvalidArgumentException(
                    name + "=IN_PLACE (expected: a buffer; IN_PLACE is only allowed " + where + ")");
        }
    }
}
