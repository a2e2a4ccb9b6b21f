package dev.jmpi;

/**
 * A message arrived that is larger than the receive buffer. The message was consumed (it
 * will not be delivered again) and the buffer was left as it was; the communicator is
 * still usable.
 */
public class TruncationException extends JmpiException {

    private static final long serialVersionUID = 1L;

    private final int receivedCount;
    private final int bufferCount;

    /** Names both sizes in the message. */
    public TruncationException(String message, int receivedCount, int bufferCount) {
        super(message, true);
        this.receivedCount = receivedCount;
        this.bufferCount = bufferCount;
    }

    /** Elements the sender sent. */
    public int receivedCount() {
        return receivedCount;
    }

    /** Elements the receive buffer could hold. */
    public int bufferCount() {
        return bufferCount;
    }
}
