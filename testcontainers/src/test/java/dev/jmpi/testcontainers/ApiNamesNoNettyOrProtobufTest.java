package dev.jmpi.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published API of jmpi-testcontainers names no Netty or Protobuf type (core's rule, here too). */
class ApiNamesNoNettyOrProtobufTest {

    @Test
    void publicSignaturesNameNoNettyOrProtobufType() {
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {JmpiCluster.class, JmpiCluster.Builder.class, RankOutput.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                types.add(m.getGenericReturnType());
                for (Type t : types) {
                    String name = t.getTypeName();
                    if (name.contains("io.netty.") || name.contains("com.google.protobuf.")) {
                        offenders.add(c.getSimpleName() + "." + m.getName() + ": " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
