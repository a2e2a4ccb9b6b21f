package dev.jmpi.transport;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;

/**
 * Sends the log records of jmpi's own (relocated) Netty to SLF4J, where jmpi's go. Left to
 * itself, Netty chooses {@code java.util.logging} whenever SLF4J has no provider, which is the
 * usual case for a rank (jmpi brings none), and the first {@code java.util.logging} logger
 * starts its {@code LogManager}: it reads the JDK's logging configuration and opens every jar on
 * the class path looking for logger services, 30-70 ms of CPU in each rank JVM's start, for
 * records that then reach a console nobody asked for. With a provider on the class path
 * (slf4j-simple, logback), Netty's records appear there, next to jmpi's.
 */
public final class NettyLogging {

    private NettyLogging() {}

    /**
     * Makes SLF4J Netty's logger factory. Must run before the first Netty class makes its
     * logger (each keeps the factory it found); idempotent. Not guarded by a look at the current
     * factory: asking Netty for it makes Netty choose one, and trying java.util.logging is what
     * starts the {@code LogManager}.
     */
    public static void useSlf4j() {
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
    }
}
