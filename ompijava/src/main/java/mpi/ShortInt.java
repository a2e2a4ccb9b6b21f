package mpi;

/** Accessors for the predefined {@link MPI#SHORT_INT} pair type (value, index), as used with MINLOC/MAXLOC. */
public final class ShortInt extends Struct {

    ShortInt() {
        super(MPI.SHORT_INT);
    }

    @Override
    protected Data newData() {
        return new Data();
    }

    /** One (short value, int index) pair in a byte buffer. */
    public final class Data extends Struct.Data {

        /** The value. */
        public short getValue() {
            return getShort(0);
        }

        /** The index. */
        public int getIndex() {
            return getInt(4);
        }

        /** Sets the value. */
        public void putValue(short v) {
            putShort(0, v);
        }

        /** Sets the index. */
        public void putIndex(int v) {
            putInt(4, v);
        }
    }
}
