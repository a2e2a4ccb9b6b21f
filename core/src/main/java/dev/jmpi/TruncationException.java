package dev.jmpi;

/**
 * A message arrived that is larger than the receive buffer. The message was consumed (it
 * will not be delivered again) and the buffer was left as it was; the communicator is
 * still usable.
 */
public class TruncationException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /** The number of elements the message held. */
    private final int receivedCount;
    /** The number of elements the receive had room for. */
    private final int bufferCount;

    /**
     * Names both sizes in the message.
     *
     * @param message what happened, to which rank, and what was expected
     * @param receivedCount the number of elements the message held
     * @param bufferCount the number of elements the receive had room for
     */
    public TruncationException(String message, int receivedCount, int bufferCount) {
        super(message, true);
        this.receivedCount = receivedCount;
        this.bufferCount = bufferCount;
    }

    /**
     * Elements the sender sent.
     *
     * @return the number of elements the message held
     */
    public int receivedCount() {
        return receivedCount;
    }

    /**
     * Elements the receive buffer could hold.
     *
     * @return the number of elements the receive had room for
     */
    public int bufferCount() {
        return bufferCount;
    }
}
