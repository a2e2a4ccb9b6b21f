package mpi;

import java.util.function.Supplier;

/**
 * A persistent request ({@code Send_init}, {@code Recv_init}, ...): the arguments are kept,
 * and every {@link #Start()} begins the same operation again. Completing it with a wait or
 * test makes it inactive, not null; {@link #Free()} releases it.
 */
public class Prequest extends Request {

    private final Supplier<Pending> starter;
    private boolean freed;

    Prequest(Supplier<Pending> starter) {
        super(null);
        this.starter = starter;
    }

    /** Starts the operation; the request must be inactive. */
    public void Start() throws MPIException {
        try {
            synchronized (this) {
                if (freed) {
                    throw new IllegalStateException("Start: the persistent request was freed");
                }
                if (active() != null) {
                    throw new IllegalStateException("Start: the persistent request is already active"
                            + " (expected: complete it with Wait or Test before starting it again)");
                }
                activate(starter.get());
            }
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Starts every request in the array ({@code null} entries are skipped). */
    public static void Startall(Prequest[] array_of_requests) throws MPIException {
        for (Prequest p : array_of_requests) {
            if (p != null) {
                p.Start();
            }
        }
    }

    @Override
    synchronized void completed() {
        activate(null);
    }

    @Override
    public void Free() throws MPIException {
        synchronized (this) {
            freed = true;
        }
        super.Free();
    }

    @Override
    public boolean Is_null() {
        synchronized (this) {
            return freed;
        }
    }
}
