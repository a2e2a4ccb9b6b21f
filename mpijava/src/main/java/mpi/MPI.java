package mpi;

import dev.jmpi.Codecs;
import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;

/**
 * The mpiJava 1.2 entry point: initialisation, the predefined communicators, datatypes,
 * operations and constants.
 *
 * <pre>{@code
 * public static void main(String[] args) throws MPIException {
 *     MPI.Init(args);
 *     int rank = MPI.COMM_WORLD.Rank();
 *     int size = MPI.COMM_WORLD.Size();
 *     System.out.println("Hello from " + rank + " of " + size);
 *     MPI.Finalize();
 * }
 * }</pre>
 *
 * <p>Run it with {@code jmpirun -n 4 -cp app.jar:jmpi-mpijava.jar Hello}; run bare, it is a
 * job of one rank. {@code Init} joins the job through {@link Jmpi#init(String[])}.
 */
public class MPI {

    // The values are MPJ Express's, since programs compare with literals; the facade
    // translates them to the core's at the boundary (Wildcards).

    /** Wildcard source for receives and probes (-2, as in MPJ Express). */
    public static final int ANY_SOURCE = -2;
    /** Wildcard tag for receives and probes (-2, as in MPJ Express). */
    public static final int ANY_TAG = -2;
    /** The null process (-3, as in MPJ Express): communication with it completes at once and moves nothing. */
    public static final int PROC_NULL = -3;
    /** Undefined rank, color or count (-1, as in MPJ Express). */
    public static final int UNDEFINED = -1;

    /** Comparison result: the same object (communicators) or members in order (groups). */
    public static final int IDENT = 0;
    /** Comparison result: the same members in a different order. */
    public static final int SIMILAR = 1;
    /** Comparison result: different members. */
    public static final int UNEQUAL = 2;
    /** Comparison result: communicators with identical groups but different contexts. */
    public static final int CONGRUENT = 3;

    /** {@code Topo_test} result for a graph topology. */
    public static final int GRAPH = 1;
    /** {@code Topo_test} result for a Cartesian topology. */
    public static final int CART = 2;

    /** Attribute key: the largest tag ({@code Attr_get} returns an {@link Integer}). */
    public static final int TAG_UB = 0;
    /** Attribute key: the host rank ({@code PROC_NULL}: no host process). */
    public static final int HOST = 1;
    /** Attribute key: a rank that can do I/O ({@code ANY_SOURCE}: every rank). */
    public static final int IO = 2;
    /** Attribute key: whether {@link #Wtime()} is synchronised across ranks (0: no). */
    public static final int WTIME_IS_GLOBAL = 3;

    /** Bytes a buffered send needs in the attached buffer beyond the message itself. */
    public static final int BSEND_OVERHEAD = 16;
    /** Longest name {@link #Get_processor_name()} returns. */
    public static final int MAX_PROCESSOR_NAME = 256;

    /** Thread support level: one thread (1, as in MPJ Express). */
    public static final int THREAD_SINGLE = 1;
    /** Thread support level: only the main thread calls MPI. */
    public static final int THREAD_FUNNELED = 2;
    /** Thread support level: one thread at a time calls MPI. */
    public static final int THREAD_SERIALIZED = 3;
    /** Thread support level: any thread at any time (collectives on one communicator in order). */
    public static final int THREAD_MULTIPLE = 4;

    /** Error handler: print the failure and abort the job with exit code 1. */
    public static final Errhandler ERRORS_ARE_FATAL = new Errhandler(true, "MPI.ERRORS_ARE_FATAL");
    /** Error handler: throw {@link MPIException} (the default). */
    public static final Errhandler ERRORS_RETURN = new Errhandler(false, "MPI.ERRORS_RETURN");

    /** {@code byte[]} elements. */
    public static final Datatype BYTE = Datatype.basic("BYTE", Base.BYTE);
    /** {@code char[]} elements. */
    public static final Datatype CHAR = Datatype.basic("CHAR", Base.CHAR);
    /** {@code short[]} elements. */
    public static final Datatype SHORT = Datatype.basic("SHORT", Base.SHORT);
    /** {@code boolean[]} elements. */
    public static final Datatype BOOLEAN = Datatype.basic("BOOLEAN", Base.BOOLEAN);
    /** {@code int[]} elements. */
    public static final Datatype INT = Datatype.basic("INT", Base.INT);
    /** {@code long[]} elements. */
    public static final Datatype LONG = Datatype.basic("LONG", Base.LONG);
    /** {@code float[]} elements. */
    public static final Datatype FLOAT = Datatype.basic("FLOAT", Base.FLOAT);
    /** {@code double[]} elements. */
    public static final Datatype DOUBLE = Datatype.basic("DOUBLE", Base.DOUBLE);
    /** {@code byte[]} filled by {@link Comm#Pack}; counts are in bytes. */
    public static final Datatype PACKED = Datatype.basic("PACKED", Base.BYTE);
    /** Lower-bound marker for {@link Datatype#Struct}. */
    public static final Datatype LB = Datatype.marker("LB", true);
    /** Upper-bound marker for {@link Datatype#Struct}. */
    public static final Datatype UB = Datatype.marker("UB", false);
    /** {@code Object[]} elements, sent with Java serialization (see {@link #setObjectInputFilter}). */
    public static final Datatype OBJECT = Datatype.basic("OBJECT", Base.OBJECT);
    /** Pairs of shorts in a {@code short[]}: (value, index) for MINLOC and MAXLOC. */
    public static final Datatype SHORT2 = Datatype.pair("SHORT2", Base.SHORT);
    /** Pairs of ints in an {@code int[]}. */
    public static final Datatype INT2 = Datatype.pair("INT2", Base.INT);
    /** Pairs of longs in a {@code long[]}. */
    public static final Datatype LONG2 = Datatype.pair("LONG2", Base.LONG);
    /** Pairs of floats in a {@code float[]}: value and index. */
    public static final Datatype FLOAT2 = Datatype.pair("FLOAT2", Base.FLOAT);
    /** Pairs of doubles in a {@code double[]}: value and index. */
    public static final Datatype DOUBLE2 = Datatype.pair("DOUBLE2", Base.DOUBLE);

    /** Maximum. */
    public static final Op MAX = new Op(dev.jmpi.Op.MAX);
    /** Minimum. */
    public static final Op MIN = new Op(dev.jmpi.Op.MIN);
    /** Sum. */
    public static final Op SUM = new Op(dev.jmpi.Op.SUM);
    /** Product. */
    public static final Op PROD = new Op(dev.jmpi.Op.PROD);
    /** Logical and. */
    public static final Op LAND = new Op(dev.jmpi.Op.LAND);
    /** Bitwise and. */
    public static final Op BAND = new Op(dev.jmpi.Op.BAND);
    /** Logical or. */
    public static final Op LOR = new Op(dev.jmpi.Op.LOR);
    /** Bitwise or. */
    public static final Op BOR = new Op(dev.jmpi.Op.BOR);
    /** Logical exclusive or. */
    public static final Op LXOR = new Op(dev.jmpi.Op.LXOR);
    /** Bitwise exclusive or. */
    public static final Op BXOR = new Op(dev.jmpi.Op.BXOR);
    /** Minimum value and its index, on pair types. */
    public static final Op MINLOC = new Op(dev.jmpi.Op.MINLOC);
    /** Maximum value and its index, on pair types. */
    public static final Op MAXLOC = new Op(dev.jmpi.Op.MAXLOC);

    /** Every process of the job. */
    public static final Intracomm COMM_WORLD = new BoundIntracomm(true);
    /** This process alone. */
    public static final Intracomm COMM_SELF = new BoundIntracomm(false);
    /** The null request: waits and tests on it return at once with an empty status. */
    public static final Request REQUEST_NULL = new Request(null);
    /** The group with no members. */
    public static final Group GROUP_EMPTY = Group.emptySentinel();
    /** Pass as a collective's send buffer to work in place in the receive buffer. */
    public static final Object IN_PLACE = Communicator.IN_PLACE;

    private static final InheritableThreadLocal<MPIState> BOUND = new InheritableThreadLocal<>();
    private static volatile MPIState global;

    /** Not instantiable in practice; public as in mpiJava. */
    public MPI() {}

    /**
     * Joins the job and sets up {@link #COMM_WORLD} and {@link #COMM_SELF}. Returns the
     * arguments (jmpi takes none of its own from the command line).
     */
    public static String[] Init(String[] args) throws MPIException {
        try {
            synchronized (MPI.class) {
                if (global != null && !global.finalized()) {
                    throw new IllegalStateException("MPI.Init was already called (expected: once per process)");
                }
                global = new MPIState(Jmpi.init(args), false);
            }
            return args == null ? new String[0] : args.clone();
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * {@link #Init} asking for a thread-support level; returns the level provided (jmpi
     * provides up to {@link #THREAD_MULTIPLE}).
     */
    public static int Init_thread(String[] args, int required) throws MPIException {
        Init(args);
        return Math.min(Math.max(required, THREAD_SINGLE), THREAD_MULTIPLE);
    }

    /** The thread-support level in force. */
    public static int Query_thread() throws MPIException {
        return THREAD_MULTIPLE;
    }

    /** True on the thread that called {@link #Init}. */
    public static boolean Is_thread_main() throws MPIException {
        return state().mainThread == Thread.currentThread();
    }

    /** Leaves the job: frees the predefined communicators and closes the world. */
    public static void Finalize() throws MPIException {
        try {
            MPIState s = state();
            s.finish(!s.inProcess);
            if (s.inProcess) {
                BOUND.remove();
            }
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** True between {@link #Init} and {@link #Finalize}. */
    public static boolean Initialized() throws MPIException {
        MPIState s = current();
        return s != null && !s.finalized();
    }

    /** Wall-clock seconds since an arbitrary time in the past. */
    public static double Wtime() {
        return Jmpi.wtime();
    }

    /** Resolution of {@link #Wtime()} in seconds. */
    public static double Wtick() {
        return Jmpi.wtick();
    }

    /** The name of this machine. */
    public static String Get_processor_name() throws MPIException {
        return Jmpi.processorName();
    }

    /** Provides the buffer that buffered-mode sends ({@code Bsend}, {@code Ibsend}) draw on. */
    public static void Buffer_attach(ByteBuffer buffer) throws MPIException {
        try {
            state().attach(buffer);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** mpiJava 1.2's form of {@link #Buffer_attach(ByteBuffer)}. */
    public static void Buffer_attach(byte[] buffer) throws MPIException {
        Buffer_attach(ByteBuffer.wrap(buffer));
    }

    /** Removes the attached buffer and returns it (null if none was attached). */
    public static ByteBuffer Buffer_detach() throws MPIException {
        try {
            return state().detach();
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * Sets the allow-list of classes an {@link #OBJECT} message may deserialize, on this process;
     * the same call as {@link dev.jmpi.Codecs#allowJavaSerialization}, so it governs core's object
     * calls too. Until a program sets one, only JDK classes ({@code java.base}) are accepted. To
     * send your own classes, allow them on every rank, e.g.
     * {@code ObjectInputFilter.Config.createFilter("com.example.model.*;java.base/*;!*")}.
     * A JVM-wide filter ({@code -Djdk.serialFilter}) applies as well.
     *
     * @param filter the allow-list, or {@code null} to go back to the JDK-classes-only default
     */
    public static void setObjectInputFilter(ObjectInputFilter filter) {
        if (filter == null) {
            Codecs.disableJavaSerialization();
        } else {
            Codecs.allowJavaSerialization(filter);
        }
    }

    /**
     * The allow-list the program set ({@link #setObjectInputFilter} or
     * {@link dev.jmpi.Codecs#allowJavaSerialization}), or {@code null} while the
     * JDK-classes-only default is in force.
     */
    public static ObjectInputFilter getObjectInputFilter() {
        return Codecs.javaSerializationFilter().orElse(null); // mpiJava style: null for none
    }

    // ------------------------------------------------------------------ per-rank state

    /**
     * Binds the calling thread (and threads it starts) to an in-process rank's world
     * communicator, as {@link #Init} does for a launched process. For tests that run ranks
     * as threads: collective over {@code world}.
     */
    static void InitFor(Communicator world) {
        BOUND.set(new MPIState(world, true));
    }

    static MPIState current() {
        MPIState s = BOUND.get();
        return s != null ? s : global;
    }

    static MPIState state() {
        MPIState s = current();
        if (s == null || s.finalized()) {
            throw new IllegalStateException(
                    s == null
                            ? "MPI.Init has not been called (expected: MPI.Init(args) first)"
                            : "MPI.Finalize was already called (expected: no MPI calls after Finalize)");
        }
        return s;
    }

    /** The world rank for error messages, or "?" before Init. */
    static String rankForMessages() {
        MPIState s = current();
        return s == null ? "?" : Integer.toString(s.worldRank);
    }
}
