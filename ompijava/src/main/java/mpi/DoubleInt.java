package mpi;

/** Accessors for the predefined {@link MPI#DOUBLE_INT} pair type (value, index), as used with MINLOC/MAXLOC. */
public final class DoubleInt extends Struct {

    DoubleInt() {
        super(MPI.DOUBLE_INT);
    }

    @Override
    protected Data newData() {
        return new Data();
    }

    /** One (double value, int index) pair in a byte buffer. */
    public final class Data extends Struct.Data {

        /** The value. */
        public double getValue() {
            return getDouble(0);
        }

        /** The index. */
        public int getIndex() {
            return getInt(8);
        }

        /** Sets the value. */
        public void putValue(double v) {
            putDouble(0, v);
        }

        /** Sets the index. */
        public void putIndex(int v) {
            putInt(8, v);
        }
    }
}
