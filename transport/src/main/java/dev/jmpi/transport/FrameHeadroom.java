package dev.jmpi.transport;

/**
 * Room a small payload's buffer leaves in front of its bytes, for the frame's length prefix,
 * header and payload tag. {@link FrameEncoder} writes those there, in place, so that a small
 * frame goes to the socket as the payload's own buffer: without it the encoder allocates a
 * second buffer and copies the payload behind the header (one allocation, one copy and one
 * release per small message, ~5 % of a reduce leaf's CPU at 8 KiB).
 */
public final class FrameHeadroom {

    /**
     * Bytes reserved: a header is tens of bytes (a collective's signature is the longest part);
     * a header that does not fit is written the usual way, into a buffer of its own.
     */
    public static final int BYTES = 256;

    private FrameHeadroom() {}

    /** Whether a payload of {@code payloadBytes} is worth a buffer with headroom: one the encoder coalesces. */
    public static boolean wanted(int payloadBytes) {
        return payloadBytes <= FrameEncoder.COALESCE_MAX_PAYLOAD_BYTES;
    }
}
