package dev.jmpi.core.internal;

import dev.jmpi.Status;
import dev.jmpi.proto.Header;

/**
 * A message handed to {@link FlowControl#send}: where it goes, its header (kind, context,
 * tag, type and count already set; flow control adds the sequence and credit), and the
 * user's elements, which are read only when the message goes out.
 *
 * @param destWorld    destination world rank
 * @param header       the message's header so far
 * @param buf          the user's array or {@code ByteBuffer}
 * @param offset       first element
 * @param count        elements
 * @param bytes        payload bytes ({@code count} times the element size)
 * @param sync         a synchronous send: complete only once a receive matched it
 * @param status       what the send's request reports when it completes
 * @param operation    description for errors ({@code rank 0: send(dest=1, tag=7)}), formatted only if one happens
 * @param timeoutNanos how long a wait on the send may take (0: no limit)
 */
record Outgoing(
        int destWorld,
        Header.Builder header,
        Object buf,
        int offset,
        int count,
        long bytes,
        boolean sync,
        Status status,
        OpText operation,
        long timeoutNanos) {}
