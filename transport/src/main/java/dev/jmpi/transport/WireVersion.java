package dev.jmpi.transport;

/**
 * Version of the wire protocol defined in {@code jmpi.proto}. Peers whose
 * {@link #PROTOCOL_MAJOR} differs refuse each other with a message naming both versions;
 * minor versions only add optional fields and interoperate.
 */
public final class WireVersion {

    /**
     * Changes when an older peer could misread a newer one. 3: collective frames take flow
     * control credit and may go by rendezvous, and collective check frames exist; a 2.x
     * peer would disagree about credit, so the two refuse each other at the handshake.
     * 4: rendezvous data travels in pieces placed by {@code data_offset}; a 3.x receiver
     * would take the first piece for the whole message.
     */
    public static final int PROTOCOL_MAJOR = 4;

    /** Changes when optional fields are added. */
    public static final int PROTOCOL_MINOR = 0;

    private WireVersion() {}

    /** {@code "4.0"}. */
    public static String describe() {
        return describe(PROTOCOL_MAJOR, PROTOCOL_MINOR);
    }

    /** {@code major + "." + minor}. */
    public static String describe(int major, int minor) {
        return Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor);
    }
}
