package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionLinesTest {

    @Test
    void keepsTheUncaughtExceptionAndItsCausesButNoFrames() {
        ExceptionLines e = new ExceptionLines();
        for (String line : List.of(
                "starting",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                "\tat a.B.c(B.java:1)",
                "Caused by: java.io.IOException: disk full",
                "\tat a.B.d(B.java:2)",
                "\t... 3 more")) {
            e.accept(line);
        }
        assertEquals(
                List.of(
                        "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                        "Caused by: java.io.IOException: disk full"),
                e.lines());
        assertEquals("java.lang.IllegalStateException: boom", e.cause());
    }

    @Test
    void aLaterExceptionReplacesAnEarlierOne() {
        ExceptionLines e = new ExceptionLines();
        e.accept("java.io.IOException: retrying");
        e.accept("\tat x.Y.z(Y.java:3)");
        e.accept("Exception in thread \"worker\" dev.jmpi.PeerFailedException: rank 2 lost");
        assertEquals(List.of("Exception in thread \"worker\" dev.jmpi.PeerFailedException: rank 2 lost"), e.lines());
        assertEquals("dev.jmpi.PeerFailedException: rank 2 lost", e.cause());
    }

    @Test
    void ordinaryLinesAndOrphanCausesAreNotExceptions() {
        ExceptionLines e = new ExceptionLines();
        e.accept("Caused by: nothing before it");
        e.accept("error line 3 from rank 2");
        e.accept("Exception handling is fine");
        assertEquals(List.of(), e.lines());
        assertNull(e.cause());
    }
}
