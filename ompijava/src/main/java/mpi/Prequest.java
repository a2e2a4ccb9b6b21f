package mpi;

/**
 * A persistent request ({@code sendInit}, {@code recvInit}, ...): keeps its arguments and
 * starts the operation anew on every {@link #start()}.
 */
public final class Prequest extends Request {

    /** Starts the operation once: a core request and what to do on completion. */
    @FunctionalInterface
    interface Starter {
        Request start() throws MPIException;
    }

    private final Starter starter;
    private boolean freed;

    Prequest(Starter starter) {
        super(null, Completion.PLAIN);
        this.starter = starter;
    }

    /** Starts the operation. */
    public void start() throws MPIException {
        if (freed) {
            throw new MPIException(
                    ErrorCodes.ERR_REQUEST,
                    "start() on a freed persistent request" + " (expected: a request not yet freed)",
                    null);
        }
        Request r = starter.start();
        this.completion = r.completion;
        this.core = r.core;
    }

    /** Starts every request. */
    public static void startAll(Prequest[] requests) throws MPIException {
        for (Prequest p : requests) {
            p.start();
        }
    }

    /** Stays non-null until freed: a persistent request can be started again. */
    @Override
    public boolean isNull() {
        return freed;
    }

    @Override
    public void free() throws MPIException {
        super.free();
        freed = true;
    }
}
