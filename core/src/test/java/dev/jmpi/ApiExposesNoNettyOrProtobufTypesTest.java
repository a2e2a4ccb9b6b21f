package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layering rule, enforced: no public or protected signature of dev.jmpi names Netty or generated types. */
class ApiExposesNoNettyOrProtobufTypesTest {

    private static final Class<?>[] API = {
        Jmpi.class,
        Communicator.class,
        CartesianCommunicator.class,
        Op.class,
        Op.UserFunction.class,
        Datatype.class,
        Status.class,
        Request.class,
        PersistentRequest.class,
        ObjectRequest.class,
        Message.class,
        Comparison.class,
        Group.class,
        Codec.class,
        Codecs.class,
        JmpiException.class,
        InvalidArgumentException.class,
        TruncationException.class,
        RankFailedException.class,
        JmpiTimeoutException.class,
        AbortedException.class,
        CollectiveMismatchException.class,
        Statistics.class,
        OperationStatistics.class,
        dev.jmpi.testing.Ranks.class,
        dev.jmpi.testing.RanksFailedError.class
    };

    @Test
    void publicSignaturesNameNoNettyOrGeneratedProtobufType() {
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : API) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) && !Modifier.isProtected(m.getModifiers())) {
                    continue;
                }
                check(c.getSimpleName() + "." + m.getName() + " returns", m.getGenericReturnType(), offenders);
                for (Type p : m.getGenericParameterTypes()) {
                    check(c.getSimpleName() + "." + m.getName() + " takes", p, offenders);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(c.getSimpleName() + "." + f.getName(), f.getGenericType(), offenders);
                }
            }
        }
        assertTrue(offenders.isEmpty(), "internal types in the API: " + offenders);
    }

    private static void check(String where, Type t, List<String> offenders) {
        String name = t.getTypeName();
        if (name.contains("io.netty") || name.contains("dev.jmpi.proto") || name.contains("dev.jmpi.transport")) {
            offenders.add(where + " " + name);
        }
    }
}
