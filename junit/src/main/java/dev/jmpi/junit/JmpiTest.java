package dev.jmpi.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that runs on several ranks at once: the method runs once per rank, in
 * parallel, each call getting its rank's {@link dev.jmpi.Communicator}.
 *
 * <pre>{@code
 * @JmpiTest(ranks = 4)
 * void sumOfRanksIsTriangular(Communicator comm) {
 *     int[] out = new int[1];
 *     comm.allreduce(new int[] {comm.rank()}, out, Op.SUM);
 *     assertEquals(6, out[0]);
 * }
 * }</pre>
 *
 * <p>Every rank's failure is reported (the first as the cause, the rest suppressed); a
 * rank that fails aborts the others so they do not hang; a run that exceeds
 * {@link #timeoutSeconds()} fails listing what each rank is blocked in. Needs
 * {@code junit-jupiter-api} on the test classpath.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(JmpiExtension.class)
public @interface JmpiTest {

    /**
     * Number of ranks.
     *
     * @return the number of ranks
     */
    int ranks() default 2;

    /**
     * Bound on the whole run, in seconds.
     *
     * @return how long the ranks may run, in seconds
     */
    long timeoutSeconds() default 60;

    /**
     * Connect ranks over real loopback sockets (true) or in-JVM queues (false).
     *
     * @return whether ranks talk over loopback TCP (else the in-JVM transport)
     */
    boolean loopback() default true;
}
