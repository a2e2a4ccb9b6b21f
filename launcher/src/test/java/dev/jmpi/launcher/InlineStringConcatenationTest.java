package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The build compiles string concatenation to StringBuilder code ({@code -XDstringConcat=inline}
 * in the root pom): an invokedynamic concatenation spins method-handle classes at its first use,
 * which jmpirun's class data archive does not hold, ~90 of them before the first fork. Checked
 * on the launcher's own classes, which a test always sees as this build compiled them (the
 * core and transport classes may come from another build's jars).
 */
class InlineStringConcatenationTest {

    @Test
    void classesLoadedBeforeTheFirstForkConcatenateWithoutInvokedynamic() throws IOException {
        for (Class<?> c :
                new Class<?>[] {JmpiRun.class, JobPlanner.class, Job.class, NetworkPlan.class, ClassDataCache.class}) {
            String pool;
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                assertNotNull(in, c.getName());
                pool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertFalse(
                    pool.contains("makeConcatWithConstants"),
                    c.getName()
                            + " concatenates strings through invokedynamic (built without -XDstringConcat=inline?)");
        }
    }
}
