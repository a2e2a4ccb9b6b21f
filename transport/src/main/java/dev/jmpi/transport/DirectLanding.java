package dev.jmpi.transport;

import java.nio.ByteBuffer;

/**
 * Memory where the payload of one inbound data frame is read straight from the socket, so
 * that it is not copied out of a transport buffer afterwards: a receiver's own direct
 * buffer. Offered by the {@link InboundHandler} once the frame's header is known
 * ({@link InboundHandler#directLanding}); the frame is then delivered with an empty payload,
 * its bytes already in place.
 *
 * <p>Every write of the transport into {@link #target} is bracketed by {@link #acquire} and
 * {@link #release}, so the owner can close the landing (when its receive fails, before the
 * user gets the buffer back) and know that nothing writes into it afterwards: once
 * {@code acquire} has returned false the transport reads the rest of the payload into its
 * own buffers and drops it. Writes happen on the thread that drives the connection's I/O,
 * one at a time, in payload order; a write lasts one non-blocking socket read or one copy.
 */
public interface DirectLanding {

    /**
     * Where the payload goes: a direct buffer whose bytes 0 to {@code limit()} are exactly
     * the payload's. The transport reads it through duplicates; it never moves its position.
     */
    ByteBuffer target();

    /**
     * Before a write into {@link #target}: true if it may go on (and {@link #release} follows),
     * false once the landing is closed (the bytes are then dropped).
     */
    boolean acquire();

    /**
     * After a write of {@code bytes} bytes (possibly 0) that {@link #acquire} allowed;
     * {@code copied} when they came from a transport buffer (read together with the frame's
     * header) rather than straight from the socket.
     */
    void release(int bytes, boolean copied);
}
