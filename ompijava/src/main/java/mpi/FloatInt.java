package mpi;

/** Accessors for the predefined {@link MPI#FLOAT_INT} pair type (value, index), as used with MINLOC/MAXLOC. */
public final class FloatInt extends Struct {

    FloatInt() {
        super(MPI.FLOAT_INT);
    }

    @Override
    protected Data newData() {
        return new Data();
    }

    /** One (float value, int index) pair in a byte buffer. */
    public final class Data extends Struct.Data {

        /** The value. */
        public float getValue() {
            return getFloat(0);
        }

        /** The index. */
        public int getIndex() {
            return getInt(4);
        }

        /** Sets the value. */
        public void putValue(float v) {
            putFloat(0, v);
        }

        /** Sets the index. */
        public void putIndex(int v) {
            putInt(4, v);
        }
    }
}
