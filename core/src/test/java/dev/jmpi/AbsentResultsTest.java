package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testing.Ranks;
import java.io.ObjectInputFilter;
import java.lang.reflect.AnnotatedType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Results that a rank may normally not have say so in their type (issue 20): an empty
 * {@link Optional}, or {@code @Nullable} in a {@code @NullMarked} package where only the root of
 * a rooted collective has the result. (Split, create and createCartesian on ranks left out:
 * {@code CommunicatorManagementTest}.)
 */
class AbsentResultsTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void requestStatusIsEmptyWhileInFlightAndHoldsTheStatusOnceDone() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                int[] in = new int[1];
                Request r = comm.irecv(in, 0, 1, 1, 7);
                // Rank 1 sends only after this barrier: the receive cannot have matched yet.
                assertEquals(Optional.empty(), r.status(), "rank 0: irecv completed before anything was sent");
                comm.barrier();
                Status s = r.await();
                assertEquals(Optional.of(s), r.status());
                assertEquals(1, s.source());
                assertEquals(7, s.tag());
                assertEquals(42, in[0]);
            } else {
                comm.barrier();
                comm.send(new int[] {42}, 0, 7);
            }
        });
    }

    @Test
    void worldIsEmptyBeforeInitAndAfterClose() {
        assertEquals(Optional.empty(), Jmpi.world(), "no test in this JVM initializes jmpi");
        try (Communicator world = Jmpi.init(new String[0])) {
            assertSame(world, Jmpi.world().orElseThrow());
        }
        assertEquals(Optional.empty(), Jmpi.world(), "closed");
    }

    @Test
    void javaSerializationFilterIsEmptyWhileSerializationIsOff() {
        assertEquals(Optional.empty(), Codecs.javaSerializationFilter(), "off by default");
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter("java.base/*;!*");
        Codecs.allowJavaSerialization(filter);
        try {
            assertSame(filter, Codecs.javaSerializationFilter().orElseThrow());
        } finally {
            Codecs.disableJavaSerialization();
        }
        assertEquals(Optional.empty(), Codecs.javaSerializationFilter());
    }

    @Test
    void theApiIsNullMarkedAndRootOnlyResultsAreNullable() throws NoSuchMethodException {
        assertTrue(Communicator.class.getPackage().isAnnotationPresent(NullMarked.class), "dev.jmpi");
        assertTrue(dev.jmpi.testing.Ranks.class.getPackage().isAnnotationPresent(NullMarked.class), "dev.jmpi.testing");
        assertTrue(nullable(Communicator.class
                .getMethod("gatherObject", Object.class, int.class)
                .getAnnotatedReturnType()));
        assertTrue(nullable(Communicator.class
                .getMethod("reduceObject", Object.class, BinaryOperator.class, int.class)
                .getAnnotatedReturnType()));
        assertTrue(nullable(Communicator.class.getMethod(
                        "reduce", Object.class, int.class, Object.class, int.class, int.class, Op.class, int.class)
                .getAnnotatedParameterTypes()[2]));
        assertFalse(nullable(Communicator.class.getMethod(
                        "allreduce", Object.class, int.class, Object.class, int.class, int.class, Op.class)
                .getAnnotatedParameterTypes()[2]));
        for (String name : List.of("split", "create", "createCartesian")) {
            for (var m : Communicator.class.getMethods()) {
                if (m.getName().equals(name)) {
                    assertEquals(Optional.class, m.getReturnType(), "Communicator." + name);
                }
            }
        }
        assertEquals(Optional.class, Request.class.getMethod("status").getReturnType());
        assertEquals(Optional.class, Jmpi.class.getMethod("world").getReturnType());
    }

    private static boolean nullable(@Nullable AnnotatedType t) {
        return t != null && t.isAnnotationPresent(Nullable.class);
    }
}
