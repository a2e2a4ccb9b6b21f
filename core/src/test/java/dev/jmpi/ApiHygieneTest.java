package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testing.Ranks;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The public API in today's Java (issue 20): values as records, enums for kinds, no helpers leaking. */
class ApiHygieneTest {

    @Test
    void statusIsARecord() {
        assertTrue(Status.class.isRecord());
    }

    @Test
    void comparisonsAreAnEnumWithCongruent() throws NoSuchMethodException {
        assertEquals(
                Comparison.class, Group.class.getMethod("compare", Group.class).getReturnType());
        assertEquals(
                Comparison.class,
                Communicator.class.getMethod("compare", Communicator.class).getReturnType());
        assertEquals("[IDENTICAL, CONGRUENT, SIMILAR, UNEQUAL]", Arrays.toString(Comparison.values()));
    }

    @Test
    void opArgumentChecksAreNotApi() {
        for (Method m : Op.class.getDeclaredMethods()) {
            if (m.getName().startsWith("check")) {
                assertTrue(!Modifier.isPublic(m.getModifiers()), "Op." + m.getName() + " is public");
            }
        }
    }

    @Test
    void codecLookupIsNotApi() {
        for (Method m : Codecs.class.getDeclaredMethods()) {
            assertTrue(
                    !(m.getName().equals("lookup") && Modifier.isPublic(m.getModifiers())),
                    "Codecs.lookup is public (expected: only register/unregister and the serialization allow-list)");
        }
    }

    @Test
    void theRanksHarnessDoesNotShadowJavaUtilFunction() {
        for (Class<?> nested : Ranks.class.getDeclaredClasses()) {
            assertTrue(!nested.getSimpleName().equals("Function"), "Ranks." + nested.getSimpleName());
        }
    }

    @Test
    void irecvObjectAndIsendObjectReturnRequests() throws NoSuchMethodException {
        Class<?> received = Communicator.class
                .getMethod("irecvObject", int.class, int.class)
                .getReturnType();
        assertEquals(ObjectRequest.class, received);
        assertTrue(Request.class.isAssignableFrom(received));
        assertEquals(
                Request.class,
                Communicator.class
                        .getMethod("isendObject", Object.class, int.class, int.class)
                        .getReturnType());
    }
}
