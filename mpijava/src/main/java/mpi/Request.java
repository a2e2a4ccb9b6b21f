package mpi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A non-blocking operation: returned by {@code Isend}, {@code Irecv} and their kin. Once a
 * wait or a successful test has completed it, the request becomes null ({@link #Is_null()}),
 * as MPI sets the handle to {@code MPI_REQUEST_NULL}. In the array forms, both Java
 * {@code null} entries and null requests are skipped; their statuses are empty
 * ({@code source == ANY_SOURCE}, {@code tag == ANY_TAG}, count 0).
 */
public class Request {

    private Pending pending;
    private boolean isNull;

    Request(Pending pending) {
        this.pending = pending;
        this.isNull = pending == null;
    }

    /** Blocks until the operation completes and returns its status. */
    public Status Wait() throws MPIException {
        try {
            Pending p = active();
            if (p == null) {
                return Status.empty();
            }
            Status s = p.await();
            completed();
            return s;
        } catch (RuntimeException e) {
            completed();
            throw Errors.convert(e);
        }
    }

    /** The status if the operation has completed (then the request is released), else null. */
    public Status Test() throws MPIException {
        try {
            Pending p = active();
            if (p == null) {
                return Status.empty();
            }
            if (!p.poll()) {
                return null;
            }
            Status s = p.await();
            completed();
            return s;
        } catch (RuntimeException e) {
            completed();
            throw Errors.convert(e);
        }
    }

    /**
     * Tries to cancel the operation: a receive not yet matched completes with
     * {@code Test_cancelled() == true}. The request must still be completed by a wait or test.
     */
    public void Cancel() throws MPIException {
        try {
            Pending p = active();
            if (p != null) {
                p.cancel();
            }
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Releases the request; the operation itself carries on. */
    public void Free() throws MPIException {
        synchronized (this) {
            pending = null;
            isNull = true;
        }
    }

    /** True for a null request: {@link MPI#REQUEST_NULL}, or one already completed or freed. */
    public boolean Is_null() {
        synchronized (this) {
            return isNull;
        }
    }

    synchronized Pending active() {
        return pending;
    }

    /** After completion: a plain request becomes null; a persistent one becomes inactive. */
    synchronized void completed() {
        pending = null;
        isNull = true;
    }

    synchronized void activate(Pending p) {
        pending = p;
    }

    // ------------------------------------------------------------------ arrays of requests

    /**
     * Waits until one of the requests completes and returns its status with {@code index}
     * set; if no entry is active, an empty status with {@code index == MPI.UNDEFINED}.
     */
    public static Status Waitany(Request[] array_of_requests) throws MPIException {
        try {
            while (true) {
                Status s = testAnyOnce(array_of_requests);
                if (s != null) {
                    return s;
                }
                awaitOne(array_of_requests);
            }
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * The status (with {@code index}) of one completed request, or null if none has
     * completed; if no entry is active, an empty status with {@code index == MPI.UNDEFINED}.
     */
    public static Status Testany(Request[] array_of_requests) throws MPIException {
        try {
            return testAnyOnce(array_of_requests);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Waits for every request; one status per entry (empty for null entries). */
    public static Status[] Waitall(Request[] array_of_requests) throws MPIException {
        Status[] out = new Status[array_of_requests.length];
        MPIException first = null;
        for (int i = 0; i < out.length; i++) {
            Request r = array_of_requests[i];
            try {
                out[i] = (r == null ? Status.empty() : r.Wait()).withIndex(i);
            } catch (MPIException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /** Statuses of all requests if every one has completed, else null (nothing is released). */
    public static Status[] Testall(Request[] array_of_requests) throws MPIException {
        try {
            for (Request r : array_of_requests) {
                Pending p = r == null ? null : r.active();
                if (p != null && !p.poll()) {
                    return null;
                }
            }
            return Waitall(array_of_requests);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * Waits until at least one request completes; returns the statuses of all completed
     * ones, each with its {@code index}. Empty if no entry is active.
     */
    public static Status[] Waitsome(Request[] array_of_requests) throws MPIException {
        try {
            while (true) {
                if (activeCount(array_of_requests) == 0) {
                    return new Status[0];
                }
                Status[] done = Testsome(array_of_requests);
                if (done.length > 0) {
                    return done;
                }
                awaitOne(array_of_requests);
            }
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Statuses (with {@code index}) of the requests that have completed; possibly empty. */
    public static Status[] Testsome(Request[] array_of_requests) throws MPIException {
        List<Status> out = new ArrayList<>();
        for (int i = 0; i < array_of_requests.length; i++) {
            Request r = array_of_requests[i];
            Pending p = r == null ? null : r.active();
            if (p != null && p.poll()) {
                out.add(r.Wait().withIndex(i));
            }
        }
        return out.toArray(new Status[0]);
    }

    private static Status testAnyOnce(Request[] requests) {
        boolean anyActive = false;
        for (int i = 0; i < requests.length; i++) {
            Request r = requests[i];
            Pending p = r == null ? null : r.active();
            if (p == null) {
                continue;
            }
            anyActive = true;
            if (p.poll()) {
                return r.Wait().withIndex(i);
            }
        }
        return anyActive ? null : Status.empty().withIndex(MPI.UNDEFINED);
    }

    private static int activeCount(Request[] requests) {
        int n = 0;
        for (Request r : requests) {
            if (r != null && r.active() != null) {
                n++;
            }
        }
        return n;
    }

    /** Blocks until some active request can make progress. */
    private static void awaitOne(Request[] requests) {
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (Request r : requests) {
            Pending p = r == null ? null : r.active();
            if (p != null) {
                futures.add(p.whenDone());
            }
        }
        if (futures.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.anyOf(futures.toArray(new CompletableFuture<?>[0]))
                    .join();
        } catch (CompletionException | java.util.concurrent.CancellationException failed) {
            // That request has completed (with its failure); the next poll reports it.
            return;
        }
    }
}
