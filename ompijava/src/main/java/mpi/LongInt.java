package mpi;

/** Accessors for the predefined {@link MPI#LONG_INT} pair type (value, index), as used with MINLOC/MAXLOC. */
public final class LongInt extends Struct {

    LongInt() {
        super(MPI.LONG_INT);
    }

    @Override
    protected Data newData() {
        return new Data();
    }

    /** One (long value, int index) pair in a byte buffer. */
    public final class Data extends Struct.Data {

        /** The value. */
        public long getValue() {
            return getLong(0);
        }

        /** The index. */
        public int getIndex() {
            return getInt(8);
        }

        /** Sets the value. */
        public void putValue(long v) {
            putLong(0, v);
        }

        /** Sets the index. */
        public void putIndex(int v) {
            putInt(8, v);
        }
    }
}
