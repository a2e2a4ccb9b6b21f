package mpi;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The MPI environment of Open MPI's Java bindings: {@code Init}/{@code Finalize}, the
 * predefined communicators, datatypes, operations and constants, and the direct-buffer
 * helpers. Numeric constants have Open MPI's values.
 */
public final class MPI {

    public static final Intracomm COMM_WORLD = new Intracomm(null);
    public static final Intracomm COMM_SELF = new Intracomm(null);

    public static final int THREAD_SINGLE = 0;
    public static final int THREAD_FUNNELED = 1;
    public static final int THREAD_SERIALIZED = 2;
    public static final int THREAD_MULTIPLE = 3;

    public static final int GRAPH = 1;
    public static final int CART = 2;
    public static final int DIST_GRAPH = 3;

    public static final int ANY_SOURCE = Communicator.ANY_SOURCE;
    public static final int ANY_TAG = Communicator.ANY_TAG;
    public static final int PROC_NULL = Communicator.PROC_NULL;
    public static final int UNDEFINED = Communicator.UNDEFINED;

    public static final int IDENT = 0;
    public static final int CONGRUENT = 1;
    public static final int SIMILAR = 2;
    public static final int UNEQUAL = 3;

    public static final int TAG_UB = 0;
    public static final int HOST = 1;
    public static final int IO = 2;
    public static final int WTIME_IS_GLOBAL = 3;
    public static final int APPNUM = 4;
    public static final int LASTUSEDCODE = 5;
    public static final int UNIVERSE_SIZE = 6;
    public static final int WIN_BASE = 7;
    public static final int WIN_SIZE = 8;
    public static final int WIN_DISP_UNIT = 9;

    public static final int VERSION = 3;
    public static final int SUBVERSION = 1;
    public static final int ROOT = -4;
    public static final int KEYVAL_INVALID = -1;
    public static final int BSEND_OVERHEAD = 128;
    public static final int MAX_OBJECT_NAME = 64;
    public static final int MAX_PORT_NAME = 1024;
    public static final int MAX_DATAREP_STRING = 128;
    public static final int MAX_INFO_KEY = 36;
    public static final int MAX_INFO_VAL = 256;
    public static final int ORDER_C = 0;
    public static final int ORDER_FORTRAN = 1;
    public static final int DISTRIBUTE_BLOCK = 0;
    public static final int DISTRIBUTE_CYCLIC = 1;
    public static final int DISTRIBUTE_NONE = 2;
    public static final int DISTRIBUTE_DFLT_DARG = -1;

    public static final int MODE_CREATE = 1;
    public static final int MODE_RDONLY = 2;
    public static final int MODE_WRONLY = 4;
    public static final int MODE_RDWR = 8;
    public static final int MODE_DELETE_ON_CLOSE = 16;
    public static final int MODE_UNIQUE_OPEN = 32;
    public static final int MODE_EXCL = 64;
    public static final int MODE_APPEND = 128;
    public static final int MODE_SEQUENTIAL = 256;
    public static final int DISPLACEMENT_CURRENT = -54278278;
    public static final int SEEK_SET = 600;
    public static final int SEEK_CUR = 602;
    public static final int SEEK_END = 604;
    public static final int MODE_NOCHECK = 1;
    public static final int MODE_NOPRECEDE = 2;
    public static final int MODE_NOPUT = 4;
    public static final int MODE_NOSTORE = 8;
    public static final int MODE_NOSUCCEED = 16;
    public static final int LOCK_EXCLUSIVE = 1;
    public static final int LOCK_SHARED = 2;

    public static final Op MAX = new Op(dev.jmpi.Op.MAX);
    public static final Op MIN = new Op(dev.jmpi.Op.MIN);
    public static final Op SUM = new Op(dev.jmpi.Op.SUM);
    public static final Op PROD = new Op(dev.jmpi.Op.PROD);
    public static final Op LAND = new Op(dev.jmpi.Op.LAND);
    public static final Op BAND = new Op(dev.jmpi.Op.BAND);
    public static final Op LOR = new Op(dev.jmpi.Op.LOR);
    public static final Op BOR = new Op(dev.jmpi.Op.BOR);
    public static final Op LXOR = new Op(dev.jmpi.Op.LXOR);
    public static final Op BXOR = new Op(dev.jmpi.Op.BXOR);
    public static final Op MINLOC = new Op(dev.jmpi.Op.MINLOC);
    public static final Op MAXLOC = new Op(dev.jmpi.Op.MAXLOC);

    public static final Datatype DATATYPE_NULL = Datatype.basic(Datatype.NULL, 1, "MPI_DATATYPE_NULL");
    public static final Datatype BYTE = Datatype.basic(Datatype.BYTE, 1, "MPI_BYTE");
    public static final Datatype CHAR = Datatype.basic(Datatype.CHAR, 2, "MPI_CHAR");
    public static final Datatype SHORT = Datatype.basic(Datatype.SHORT, 2, "MPI_SHORT");
    public static final Datatype BOOLEAN = Datatype.basic(Datatype.BOOLEAN, 1, "MPI_BOOLEAN");
    public static final Datatype INT = Datatype.basic(Datatype.INT, 4, "MPI_INT");
    public static final Datatype LONG = Datatype.basic(Datatype.LONG, 8, "MPI_LONG");
    public static final Datatype FLOAT = Datatype.basic(Datatype.FLOAT, 4, "MPI_FLOAT");
    public static final Datatype DOUBLE = Datatype.basic(Datatype.DOUBLE, 8, "MPI_DOUBLE");
    public static final Datatype PACKED = Datatype.basic(Datatype.BYTE, 1, "MPI_PACKED");
    public static final Datatype FLOAT_COMPLEX = PairTypes.complex(FLOAT, "MPI_FLOAT_COMPLEX");
    public static final Datatype DOUBLE_COMPLEX = PairTypes.complex(DOUBLE, "MPI_DOUBLE_COMPLEX");
    public static final Datatype INT2 = PairTypes.pair(Datatype.INT2, 4, 4, 8, "MPI_2INT");
    public static final Datatype SHORT_INT = PairTypes.pair(Datatype.SHORT_INT, 2, 4, 8, "MPI_SHORT_INT");
    public static final Datatype LONG_INT = PairTypes.pair(Datatype.LONG_INT, 8, 8, 16, "MPI_LONG_INT");
    public static final Datatype FLOAT_INT = PairTypes.pair(Datatype.FLOAT_INT, 4, 4, 8, "MPI_FLOAT_INT");
    public static final Datatype DOUBLE_INT = PairTypes.pair(Datatype.DOUBLE_INT, 8, 8, 16, "MPI_DOUBLE_INT");

    public static final Int2 int2 = new Int2();
    public static final ShortInt shortInt = new ShortInt();
    public static final LongInt longInt = new LongInt();
    public static final FloatInt floatInt = new FloatInt();
    public static final DoubleInt doubleInt = new DoubleInt();

    public static final Request REQUEST_NULL = new Request(null, Completion.PLAIN);
    public static final Group GROUP_EMPTY = new Group(dev.jmpi.Group.empty(0));
    public static final Info INFO_NULL = Info.nullInfo();
    public static final Info INFO_ENV = new Info();
    public static final Errhandler ERRORS_ARE_FATAL = Errhandler.FATAL;
    public static final Errhandler ERRORS_RETURN = Errhandler.RETURN;

    public static final int SUCCESS = ErrorCodes.SUCCESS;
    public static final int ERR_BUFFER = ErrorCodes.ERR_BUFFER;
    public static final int ERR_COUNT = ErrorCodes.ERR_COUNT;
    public static final int ERR_TYPE = ErrorCodes.ERR_TYPE;
    public static final int ERR_TAG = ErrorCodes.ERR_TAG;
    public static final int ERR_COMM = ErrorCodes.ERR_COMM;
    public static final int ERR_RANK = ErrorCodes.ERR_RANK;
    public static final int ERR_REQUEST = ErrorCodes.ERR_REQUEST;
    public static final int ERR_ROOT = ErrorCodes.ERR_ROOT;
    public static final int ERR_GROUP = ErrorCodes.ERR_GROUP;
    public static final int ERR_OP = ErrorCodes.ERR_OP;
    public static final int ERR_TOPOLOGY = ErrorCodes.ERR_TOPOLOGY;
    public static final int ERR_DIMS = ErrorCodes.ERR_DIMS;
    public static final int ERR_ARG = ErrorCodes.ERR_ARG;
    public static final int ERR_UNKNOWN = ErrorCodes.ERR_UNKNOWN;
    public static final int ERR_TRUNCATE = ErrorCodes.ERR_TRUNCATE;
    public static final int ERR_OTHER = ErrorCodes.ERR_OTHER;
    public static final int ERR_INTERN = ErrorCodes.ERR_INTERN;
    public static final int ERR_IN_STATUS = ErrorCodes.ERR_IN_STATUS;
    public static final int ERR_PENDING = ErrorCodes.ERR_PENDING;
    public static final int ERR_ACCESS = ErrorCodes.ERR_ACCESS;
    public static final int ERR_AMODE = ErrorCodes.ERR_AMODE;
    public static final int ERR_ASSERT = ErrorCodes.ERR_ASSERT;
    public static final int ERR_BAD_FILE = ErrorCodes.ERR_BAD_FILE;
    public static final int ERR_BASE = ErrorCodes.ERR_BASE;
    public static final int ERR_CONVERSION = ErrorCodes.ERR_CONVERSION;
    public static final int ERR_DISP = ErrorCodes.ERR_DISP;
    public static final int ERR_DUP_DATAREP = ErrorCodes.ERR_DUP_DATAREP;
    public static final int ERR_FILE_EXISTS = ErrorCodes.ERR_FILE_EXISTS;
    public static final int ERR_FILE_IN_USE = ErrorCodes.ERR_FILE_IN_USE;
    public static final int ERR_FILE = ErrorCodes.ERR_FILE;
    public static final int ERR_INFO_KEY = ErrorCodes.ERR_INFO_KEY;
    public static final int ERR_INFO_NOKEY = ErrorCodes.ERR_INFO_NOKEY;
    public static final int ERR_INFO_VALUE = ErrorCodes.ERR_INFO_VALUE;
    public static final int ERR_INFO = ErrorCodes.ERR_INFO;
    public static final int ERR_IO = ErrorCodes.ERR_IO;
    public static final int ERR_KEYVAL = ErrorCodes.ERR_KEYVAL;
    public static final int ERR_LOCKTYPE = ErrorCodes.ERR_LOCKTYPE;
    public static final int ERR_NAME = ErrorCodes.ERR_NAME;
    public static final int ERR_NO_MEM = ErrorCodes.ERR_NO_MEM;
    public static final int ERR_NOT_SAME = ErrorCodes.ERR_NOT_SAME;
    public static final int ERR_NO_SPACE = ErrorCodes.ERR_NO_SPACE;
    public static final int ERR_NO_SUCH_FILE = ErrorCodes.ERR_NO_SUCH_FILE;
    public static final int ERR_PORT = ErrorCodes.ERR_PORT;
    public static final int ERR_QUOTA = ErrorCodes.ERR_QUOTA;
    public static final int ERR_READ_ONLY = ErrorCodes.ERR_READ_ONLY;
    public static final int ERR_RMA_CONFLICT = ErrorCodes.ERR_RMA_CONFLICT;
    public static final int ERR_RMA_SYNC = ErrorCodes.ERR_RMA_SYNC;
    public static final int ERR_SERVICE = ErrorCodes.ERR_SERVICE;
    public static final int ERR_SIZE = ErrorCodes.ERR_SIZE;
    public static final int ERR_SPAWN = ErrorCodes.ERR_SPAWN;
    public static final int ERR_UNSUPPORTED_DATAREP = ErrorCodes.ERR_UNSUPPORTED_DATAREP;
    public static final int ERR_UNSUPPORTED_OPERATION = ErrorCodes.ERR_UNSUPPORTED_OPERATION;
    public static final int ERR_WIN = ErrorCodes.ERR_WIN;
    public static final int ERR_LASTCODE = ErrorCodes.ERR_LASTCODE;
    public static final int ERR_SYSRESOURCE = ErrorCodes.ERR_SYSRESOURCE;

    private static volatile boolean initialized;
    private static volatile boolean finalized;
    private static volatile int threadLevel = THREAD_SINGLE;
    private static volatile Thread mainThread;
    private static byte[] attachedBuffer;

    private MPI() {}

    /** Joins the job (see {@code dev.jmpi.Jmpi.init}); returns the arguments. */
    public static String[] Init(String[] args) throws MPIException {
        InitThread(args, THREAD_SINGLE);
        return args;
    }

    /** Joins the job; jmpi provides {@code THREAD_MULTIPLE} whatever is asked. */
    public static int InitThread(String[] args, int required) throws MPIException {
        if (initialized) {
            throw new MPIException("MPI is already initialized.");
        }
        Communicator world = Errors.call(() -> Jmpi.init(args));
        COMM_WORLD.core = world;
        COMM_WORLD.setName("MPI_COMM_WORLD");
        COMM_SELF.core = Errors.call(() -> world.split(world.rank(), 0)).orElseThrow(); // colour >= 0
        COMM_SELF.setName("MPI_COMM_SELF");
        mainThread = Thread.currentThread();
        threadLevel = THREAD_MULTIPLE;
        initialized = true;
        return THREAD_MULTIPLE;
    }

    /** The thread level provided. */
    public static int queryThread() throws MPIException {
        check();
        return threadLevel;
    }

    /** True on the thread that called {@code Init}. */
    public static boolean isThreadMain() throws MPIException {
        check();
        return Thread.currentThread() == mainThread;
    }

    /** Leaves the job (MPI_FINALIZE). */
    public static void Finalize() throws MPIException {
        check();
        Communicator world = COMM_WORLD.core;
        finalized = true;
        Errors.run(world::close);
    }

    /** Seconds since an arbitrary point in the past. */
    public static double wtime() throws MPIException {
        check();
        return Jmpi.wtime();
    }

    /** Resolution of {@link #wtime()} in seconds. */
    public static double wtick() throws MPIException {
        check();
        return Jmpi.wtick();
    }

    /** This host's name. */
    public static String getProcessorName() throws MPIException {
        check();
        return hostName();
    }

    static String hostName() {
        return Jmpi.processorName();
    }

    /** True once {@code Init} has been called. */
    public static boolean isInitialized() throws MPIException {
        return initialized;
    }

    /** True once {@code Finalize} has been called. */
    public static boolean isFinalized() throws MPIException {
        return finalized;
    }

    /** Attaches a buffer for buffered sends ({@code bSend}); jmpi checks messages fit it. */
    public static void attachBuffer(byte[] buffer) throws MPIException {
        check();
        attachedBuffer = buffer;
    }

    /** Detaches the buffer attached for buffered sends and returns it. */
    public static byte[] detachBuffer() throws MPIException {
        check();
        byte[] b = attachedBuffer;
        attachedBuffer = null;
        return b;
    }

    static void checkBsend(int count, Datatype type) throws MPIException {
        byte[] b = attachedBuffer;
        long bytes = (long) count * type.map.size() * type.baseSize + BSEND_OVERHEAD;
        if (b == null || bytes > b.length) {
            throw new MPIException(
                    ERR_BUFFER,
                    "buffered send of " + bytes + " bytes (with BSEND_OVERHEAD) but "
                            + (b == null ? "no buffer is attached" : "the attached buffer has " + b.length + " bytes")
                            + " (expected: MPI.attachBuffer of a buffer large enough)",
                    null);
        }
    }

    /**
     * Profiling control, as MPI_Pcontrol: level 0 stops recording this rank's calls for
     * {@code jmpirun --stats}, {@code --trace} and JFR events, 1 or more records them again
     * ({@link dev.jmpi.Jmpi#pcontrol}). {@code obj} is ignored.
     */
    public static void pControl(int level, Object obj) throws MPIException {
        check();
        if (level < 0) {
            throw new MPIException(
                    ERR_ARG, "pControl(" + level + ") (expected: 0 to stop recording, 1 or more to record)", null);
        }
        Jmpi.pcontrol(level);
    }

    static void check() throws MPIException {
        if (!initialized) {
            throw new MPIException("MPI is not initialized.");
        }
        if (finalized) {
            throw new MPIException("MPI is finalized.");
        }
    }

    /** A direct byte buffer of native order. */
    public static ByteBuffer newByteBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    /** A direct char buffer. */
    public static CharBuffer newCharBuffer(int capacity) {
        return newByteBuffer(capacity * 2).asCharBuffer();
    }

    /** A direct short buffer. */
    public static ShortBuffer newShortBuffer(int capacity) {
        return newByteBuffer(capacity * 2).asShortBuffer();
    }

    /** A direct int buffer. */
    public static IntBuffer newIntBuffer(int capacity) {
        return newByteBuffer(capacity * 4).asIntBuffer();
    }

    /** A direct long buffer. */
    public static LongBuffer newLongBuffer(int capacity) {
        return newByteBuffer(capacity * 8).asLongBuffer();
    }

    /** A direct float buffer. */
    public static FloatBuffer newFloatBuffer(int capacity) {
        return newByteBuffer(capacity * 4).asFloatBuffer();
    }

    /** A direct double buffer. */
    public static DoubleBuffer newDoubleBuffer(int capacity) {
        return newByteBuffer(capacity * 8).asDoubleBuffer();
    }

    /** The buffer from {@code offset} on (shares the content; sets {@code buf}'s position). */
    public static ByteBuffer slice(ByteBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice().order(buf.order());
    }

    /** The buffer from {@code offset} on. */
    public static CharBuffer slice(CharBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The buffer from {@code offset} on. */
    public static ShortBuffer slice(ShortBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The buffer from {@code offset} on. */
    public static IntBuffer slice(IntBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The buffer from {@code offset} on. */
    public static LongBuffer slice(LongBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The buffer from {@code offset} on. */
    public static FloatBuffer slice(FloatBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The buffer from {@code offset} on. */
    public static DoubleBuffer slice(DoubleBuffer buf, int offset) {
        buf.position(offset);
        return buf.slice();
    }

    /** The array from {@code offset} on, as a buffer usable in blocking calls. */
    public static ByteBuffer slice(byte[] buf, int offset) {
        return ByteBuffer.wrap(buf, offset, buf.length - offset).slice().order(ByteOrder.nativeOrder());
    }

    /** The array from {@code offset} on. */
    public static CharBuffer slice(char[] buf, int offset) {
        return CharBuffer.wrap(buf, offset, buf.length - offset).slice();
    }

    /** The array from {@code offset} on. */
    public static ShortBuffer slice(short[] buf, int offset) {
        return ShortBuffer.wrap(buf, offset, buf.length - offset).slice();
    }

    /** The array from {@code offset} on. */
    public static IntBuffer slice(int[] buf, int offset) {
        return IntBuffer.wrap(buf, offset, buf.length - offset).slice();
    }

    /** The array from {@code offset} on. */
    public static LongBuffer slice(long[] buf, int offset) {
        return LongBuffer.wrap(buf, offset, buf.length - offset).slice();
    }

    /** The array from {@code offset} on. */
    public static FloatBuffer slice(float[] buf, int offset) {
        return FloatBuffer.wrap(buf, offset, buf.length - offset).slice();
    }

    /** The array from {@code offset} on. */
    public static DoubleBuffer slice(double[] buf, int offset) {
        return DoubleBuffer.wrap(buf, offset, buf.length - offset).slice();
    }
}
