package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Java's analogue of a C struct datatype: a subclass adds its fields in its constructor
 * ({@code addInt()}, {@code addDouble(3)}, ...; each returns the field's byte offset) and
 * defines a {@link Data} subclass whose accessors read and write the fields of one struct
 * in a byte buffer. {@link #getType()} is the datatype to send such buffers with.
 */
public abstract class Struct {

    private final List<Object> fieldTypes = new ArrayList<>();
    private final List<Integer> fieldOffsets = new ArrayList<>();
    private final List<Integer> fieldLengths = new ArrayList<>();
    private int extent;
    private Datatype datatype;

    /** For subclasses, which add their fields in their constructor. */
    protected Struct() {}

    /** For the predefined pair types, whose datatype and extent are fixed. */
    Struct(Datatype predefined) {
        this.datatype = predefined;
        this.extent = predefined.map.extent;
    }

    private void commit() throws MPIException {
        if (datatype != null) {
            return;
        }
        int n = fieldTypes.size();
        int[] lengths = new int[n];
        int[] offsets = new int[n];
        Datatype[] types = new Datatype[n];
        for (int i = 0; i < n; i++) {
            Object t = fieldTypes.get(i);
            types[i] = t instanceof Struct s ? s.getType() : (Datatype) t;
            offsets[i] = fieldOffsets.get(i);
            lengths[i] = fieldLengths.get(i);
        }
        Datatype d = Datatype.createStruct(lengths, offsets, types);
        int ub = d.map.lb + d.map.extent;
        datatype = Datatype.createResized(d, 0, Math.max(extent, ub));
        extent = datatype.map.extent;
    }

    /** Bytes one struct takes in a buffer. */
    public final int getExtent() throws MPIException {
        commit();
        return extent;
    }

    /** The datatype of one struct. */
    public final Datatype getType() throws MPIException {
        commit();
        return datatype;
    }

    /** A new accessor object of the subclass's {@link Data} type. */
    protected abstract Data newData();

    @SuppressWarnings("unchecked")
    private <T extends Data> T newData(ByteBuffer buffer, int offset) {
        Data d = newData();
        d.buffer = buffer.duplicate().order(ByteOrder.nativeOrder());
        d.offset = offset;
        return (T) d;
    }

    /** Accessor of the struct at the start of {@code buffer}. */
    public final <T extends Data> T getData(ByteBuffer buffer) throws MPIException {
        commit();
        return newData(buffer, 0);
    }

    /** Accessor of struct number {@code index} of {@code buffer}. */
    public final <T extends Data> T getData(ByteBuffer buffer, int index) throws MPIException {
        commit();
        return newData(buffer, index * extent);
    }

    /** Accessor of the struct at the start of {@code array}. */
    public final <T extends Data> T getData(byte[] array) throws MPIException {
        return getData(ByteBuffer.wrap(array));
    }

    /** Accessor of struct number {@code index} of {@code array}. */
    public final <T extends Data> T getData(byte[] array, int index) throws MPIException {
        return getData(ByteBuffer.wrap(array), index);
    }

    private int addField(Object type, int typeExtent, int length) {
        if (datatype != null) {
            throw new AssertionError("The struct data type was committed.");
        }
        int offset = extent;
        extent += typeExtent * length;
        fieldTypes.add(type);
        fieldOffsets.add(offset);
        fieldLengths.add(length);
        return offset;
    }

    /** Places the next field at byte {@code offset} (at least the bytes taken so far). */
    public final Struct setOffset(int offset) {
        if (datatype != null) {
            throw new AssertionError("The struct data type was committed.");
        }
        if (offset < extent) {
            throw new IllegalArgumentException(
                    "offset=" + offset + " (expected: >= the accumulated extent " + extent + ")");
        }
        extent = offset;
        return this;
    }

    /** Adds a byte field; returns its offset. */
    public final int addByte() {
        return addByte(1);
    }

    /** Adds a byte array field. */
    public final int addByte(int length) {
        return addField(MPI.BYTE, 1, length);
    }

    /** Adds a char field. */
    public final int addChar() {
        return addChar(1);
    }

    /** Adds a char array field. */
    public final int addChar(int length) {
        return addField(MPI.CHAR, 2, length);
    }

    /** Adds a short field. */
    public final int addShort() {
        return addShort(1);
    }

    /** Adds a short array field. */
    public final int addShort(int length) {
        return addField(MPI.SHORT, 2, length);
    }

    /** Adds an int field. */
    public final int addInt() {
        return addInt(1);
    }

    /** Adds an int array field. */
    public final int addInt(int length) {
        return addField(MPI.INT, 4, length);
    }

    /** Adds a long field. */
    public final int addLong() {
        return addLong(1);
    }

    /** Adds a long array field. */
    public final int addLong(int length) {
        return addField(MPI.LONG, 8, length);
    }

    /** Adds a float field. */
    public final int addFloat() {
        return addFloat(1);
    }

    /** Adds a float array field. */
    public final int addFloat(int length) {
        return addField(MPI.FLOAT, 4, length);
    }

    /** Adds a double field. */
    public final int addDouble() {
        return addDouble(1);
    }

    /** Adds a double array field. */
    public final int addDouble(int length) {
        return addField(MPI.DOUBLE, 8, length);
    }

    /** Adds a boolean field (one byte). */
    public final int addBoolean() {
        return addBoolean(1);
    }

    /** Adds a boolean array field. */
    public final int addBoolean(int length) {
        return addField(MPI.BOOLEAN, 1, length);
    }

    /** Adds a nested struct field. */
    public final int addStruct(Struct struct) throws MPIException {
        return addStruct(struct, 1);
    }

    /** Adds an array of nested structs. */
    public final int addStruct(Struct struct, int length) throws MPIException {
        return addField(struct, struct.getExtent(), length);
    }

    /** Adds a field of any datatype. */
    public final int addData(Datatype type) throws MPIException {
        return addData(type, 1);
    }

    /** Adds an array field of any datatype. */
    public final int addData(Datatype type, int length) throws MPIException {
        return addField(type, type.getExtent() * type.baseSize, length);
    }

    /** Reads and writes the fields of one struct in a byte buffer (native byte order). */
    public abstract class Data {
        private ByteBuffer buffer;
        private int offset;

        /** The buffer from this struct on, to pass to send or receive. */
        public final ByteBuffer getBuffer() {
            return offset == 0 ? buffer : MPI.slice(buffer.duplicate(), offset);
        }

        protected final byte getByte(int field) {
            return buffer.get(offset + field);
        }

        protected final byte getByte(int field, int index) {
            return buffer.get(offset + field + index);
        }

        protected final void putByte(int field, byte v) {
            buffer.put(offset + field, v);
        }

        protected final void putByte(int field, int index, byte v) {
            buffer.put(offset + field + index, v);
        }

        protected final char getChar(int field) {
            return buffer.getChar(offset + field);
        }

        protected final char getChar(int field, int index) {
            return buffer.getChar(offset + field + index * 2);
        }

        protected final void putChar(int field, char v) {
            buffer.putChar(offset + field, v);
        }

        protected final void putChar(int field, int index, char v) {
            buffer.putChar(offset + field + index * 2, v);
        }

        protected final short getShort(int field) {
            return buffer.getShort(offset + field);
        }

        protected final short getShort(int field, int index) {
            return buffer.getShort(offset + field + index * 2);
        }

        protected final void putShort(int field, short v) {
            buffer.putShort(offset + field, v);
        }

        protected final void putShort(int field, int index, short v) {
            buffer.putShort(offset + field + index * 2, v);
        }

        protected final int getInt(int field) {
            return buffer.getInt(offset + field);
        }

        protected final int getInt(int field, int index) {
            return buffer.getInt(offset + field + index * 4);
        }

        protected final void putInt(int field, int v) {
            buffer.putInt(offset + field, v);
        }

        protected final void putInt(int field, int index, int v) {
            buffer.putInt(offset + field + index * 4, v);
        }

        protected final long getLong(int field) {
            return buffer.getLong(offset + field);
        }

        protected final long getLong(int field, int index) {
            return buffer.getLong(offset + field + index * 8);
        }

        protected final void putLong(int field, long v) {
            buffer.putLong(offset + field, v);
        }

        protected final void putLong(int field, int index, long v) {
            buffer.putLong(offset + field + index * 8, v);
        }

        protected final float getFloat(int field) {
            return buffer.getFloat(offset + field);
        }

        protected final float getFloat(int field, int index) {
            return buffer.getFloat(offset + field + index * 4);
        }

        protected final void putFloat(int field, float v) {
            buffer.putFloat(offset + field, v);
        }

        protected final void putFloat(int field, int index, float v) {
            buffer.putFloat(offset + field + index * 4, v);
        }

        protected final double getDouble(int field) {
            return buffer.getDouble(offset + field);
        }

        protected final double getDouble(int field, int index) {
            return buffer.getDouble(offset + field + index * 8);
        }

        protected final void putDouble(int field, double v) {
            buffer.putDouble(offset + field, v);
        }

        protected final void putDouble(int field, int index, double v) {
            buffer.putDouble(offset + field + index * 8, v);
        }

        protected final boolean getBoolean(int field) {
            return buffer.get(offset + field) != 0;
        }

        protected final boolean getBoolean(int field, int index) {
            return buffer.get(offset + field + index) != 0;
        }

        protected final void putBoolean(int field, boolean v) {
            buffer.put(offset + field, (byte) (v ? 1 : 0));
        }

        protected final void putBoolean(int field, int index, boolean v) {
            buffer.put(offset + field + index, (byte) (v ? 1 : 0));
        }

        /** A nested struct's accessor. */
        protected final <S extends Struct, D extends Data> D getData(S struct, int field) throws MPIException {
            return struct.getData(buffer, 0).at(offset + field);
        }

        /** Accessor of element {@code index} of a nested struct array. */
        protected final <S extends Struct, D extends Data> D getData(S struct, int field, int index)
                throws MPIException {
            return struct.getData(buffer, 0).at(offset + field + index * struct.getExtent());
        }

        @SuppressWarnings("unchecked")
        private <D extends Data> D at(int newOffset) {
            this.offset = newOffset;
            return (D) this;
        }
    }
}
