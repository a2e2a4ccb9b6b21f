package mpi;

/** Accessors for the predefined {@link MPI#INT2} pair type (value, index), as used with MINLOC/MAXLOC. */
public final class Int2 extends Struct {

    Int2() {
        super(MPI.INT2);
    }

    @Override
    protected Data newData() {
        return new Data();
    }

    /** One (int value, int index) pair in a byte buffer. */
    public final class Data extends Struct.Data {

        /** The value. */
        public int getValue() {
            return getInt(0);
        }

        /** The index. */
        public int getIndex() {
            return getInt(4);
        }

        /** Sets the value. */
        public void putValue(int v) {
            putInt(0, v);
        }

        /** Sets the index. */
        public void putIndex(int v) {
            putInt(4, v);
        }
    }
}
