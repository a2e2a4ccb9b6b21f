package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.Buffer;
import java.nio.IntBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The facade in a job of one rank (this test JVM, no launcher): Open MPI's signatures and
 * constants, and the calls that need no peer.
 */
@Timeout(60)
class EnvironmentTest {

    @BeforeAll
    static void init() throws MPIException {
        if (!MPI.isInitialized()) {
            MPI.Init(new String[0]);
        }
    }

    @Test
    void pControlPausesAndResumesAndRejectsANegativeLevel() throws MPIException {
        MPI.pControl(0, null);
        MPI.COMM_WORLD.barrier();
        MPI.pControl(1, null);
        MPIException e = assertThrows(MPIException.class, () -> MPI.pControl(-1, null));
        assertEquals(MPI.ERR_ARG, e.getErrorClass());
        assertTrue(e.getMessage().contains("expected: 0 to stop recording, 1 or more to record"), e.getMessage());
    }

    @Test
    void constantsHaveOpenMpisValues() {
        assertEquals(-1, MPI.ANY_SOURCE);
        assertEquals(-1, MPI.ANY_TAG);
        assertEquals(-2, MPI.PROC_NULL);
        assertEquals(-32766, MPI.UNDEFINED);
        assertArrayEquals(new int[] {0, 1, 2, 3}, new int[] {MPI.IDENT, MPI.CONGRUENT, MPI.SIMILAR, MPI.UNEQUAL});
        assertArrayEquals(new int[] {1, 2, 3}, new int[] {MPI.GRAPH, MPI.CART, MPI.DIST_GRAPH});
        assertArrayEquals(
                new int[] {0, 1, 2, 3},
                new int[] {MPI.THREAD_SINGLE, MPI.THREAD_FUNNELED, MPI.THREAD_SERIALIZED, MPI.THREAD_MULTIPLE});
        assertEquals(15, MPI.ERR_TRUNCATE);
        assertEquals(52, MPI.ERR_UNSUPPORTED_OPERATION);
    }

    @Test
    void signaturesMatchOpenMpisAndThrowTheCheckedException() throws NoSuchMethodException {
        Method send = Comm.class.getMethod("send", Object.class, int.class, Datatype.class, int.class, int.class);
        Method iRecv = Comm.class.getMethod("iRecv", Buffer.class, int.class, Datatype.class, int.class, int.class);
        Method allToAllw = Comm.class.getMethod(
                "allToAllw",
                Buffer.class,
                int[].class,
                int[].class,
                Datatype[].class,
                Buffer.class,
                int[].class,
                int[].class,
                Datatype[].class);
        Method createCart = Intracomm.class.getMethod("createCart", int[].class, boolean[].class, boolean.class);
        for (Method m : new Method[] {
            send,
            iRecv,
            allToAllw,
            createCart,
            Request.class.getMethod("waitFor"),
            Status.class.getMethod("getSource"),
            MPI.class.getMethod("Init", String[].class)
        }) {
            assertTrue(java.util.Arrays.asList(m.getExceptionTypes()).contains(MPIException.class), m.toString());
        }
        assertEquals(Request.class, iRecv.getReturnType());
        assertEquals(CartComm.class, createCart.getReturnType());
        assertTrue(
                Exception.class.isAssignableFrom(MPIException.class)
                        && !RuntimeException.class.isAssignableFrom(MPIException.class),
                "checked");
        assertTrue(
                Modifier.isStatic(MPI.class.getMethod("newIntBuffer", int.class).getModifiers()));
    }

    @Test
    void oneRankCollectivesAndSelfMessagesWork() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        assertEquals(1, w.getSize());
        IntBuffer in = MPI.newIntBuffer(2);
        Request r = w.iRecv(in, 2, MPI.INT, 0, 5);
        w.send(new int[] {3, 4}, 2, MPI.INT, 0, 5);
        Status s = r.waitStatus();
        assertEquals(0, s.getSource());
        assertEquals(2, s.getCount(MPI.INT));
        assertEquals(4, in.get(1));
        int[] v = {7};
        w.allReduce(v, 1, MPI.INT, MPI.SUM);
        assertEquals(7, v[0]);
        CartComm cart = w.createCart(new int[] {1}, new boolean[] {true}, false);
        assertEquals(0, cart.shift(0, 1).getRankDest());
        assertNotNull(MPI.getProcessorName());
    }

    @Test
    void shortMessageIntoADirectBufferLeavesTheRestAsItWas() throws MPIException {
        IntBuffer in = MPI.newIntBuffer(4);
        for (int i = 0; i < 4; i++) {
            in.put(i, -1);
        }
        Request r = MPI.COMM_WORLD.iRecv(in, 4, MPI.INT, 0, 6);
        MPI.COMM_WORLD.send(new int[] {8, 9}, 2, MPI.INT, 0, 6);
        assertEquals(2, r.waitStatus().getCount(MPI.INT));
        assertArrayEquals(new int[] {8, 9, -1, -1}, new int[] {in.get(0), in.get(1), in.get(2), in.get(3)});
        IntBuffer blocking = MPI.newIntBuffer(3);
        blocking.put(2, 5);
        MPI.COMM_WORLD.sendRecv(new int[] {1}, 1, MPI.INT, 0, 7, blocking, 3, MPI.INT, 0, 7);
        assertArrayEquals(new int[] {1, 0, 5}, new int[] {blocking.get(0), blocking.get(1), blocking.get(2)});
    }

    @Test
    void unsupportedPartsFailAtTheCallNamingJmpi() {
        MPIException e = assertThrows(MPIException.class, () -> new File(MPI.COMM_WORLD, "f", MPI.MODE_RDONLY));
        assertTrue(e.getMessage().contains("not supported by jmpi"), e.getMessage());
        assertEquals(MPI.ERR_UNSUPPORTED_OPERATION, e.getErrorClass());
        assertThrows(MPIException.class, () -> new Win(new Info(), MPI.COMM_WORLD));
        assertThrows(MPIException.class, Intracomm::openPort);
        assertThrows(MPIException.class, () -> MPI.Init(new String[0]));
    }

    @Test
    void bufferedSendNeedsAnAttachedBuffer() throws MPIException {
        MPIException e =
                assertThrows(MPIException.class, () -> MPI.COMM_WORLD.bSend(new int[1], 1, MPI.INT, MPI.PROC_NULL, 0));
        assertEquals(MPI.ERR_BUFFER, e.getErrorClass());
        MPI.attachBuffer(new byte[MPI.BSEND_OVERHEAD + 4]);
        MPI.COMM_WORLD.bSend(new int[1], 1, MPI.INT, MPI.PROC_NULL, 0);
        assertEquals(MPI.BSEND_OVERHEAD + 4, MPI.detachBuffer().length);
    }
}
