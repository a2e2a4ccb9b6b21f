package mpi;

/**
 * A non-blocking operation: {@code iSend}, {@code iRecv}, the non-blocking collectives, or a
 * started persistent request. Completing it (wait or a successful test) makes it inactive:
 * {@link #isNull()} is then true, as Open MPI's request handle becomes MPI_REQUEST_NULL.
 */
public class Request implements Freeable {

    dev.jmpi.Request core;
    Completion completion;
    private Status result;

    Request(dev.jmpi.Request core, Completion completion) {
        this.core = core;
        this.completion = completion;
    }

    /** Frees the request; the operation goes on, but its receive buffer is no longer filled. */
    @Override
    public void free() throws MPIException {
        core = null;
        result = null;
    }

    /** Tries to cancel a receive not yet matched. */
    public final void cancel() throws MPIException {
        dev.jmpi.Request c = core;
        if (c != null) {
            Errors.call(c::cancel);
        }
    }

    /** True if the request is inactive (completed, freed, or {@link MPI#REQUEST_NULL}). */
    public boolean isNull() {
        return core == null;
    }

    /** Waits for completion and returns the status; the request becomes inactive. */
    public final Status waitStatus() throws MPIException {
        Status s = awaitResult();
        deactivate();
        return s;
    }

    /** Waits for completion; the request becomes inactive. */
    public final void waitFor() throws MPIException {
        awaitResult();
        deactivate();
    }

    /** The status if complete (the request becomes inactive), else {@code null}. */
    public final Status testStatus() throws MPIException {
        Status s = poll();
        if (s != null) {
            deactivate();
        }
        return s;
    }

    /** True if complete (the request becomes inactive). */
    public final boolean test() throws MPIException {
        return testStatus() != null;
    }

    /** The status if complete, else {@code null}; the request stays as it is (MPI_REQUEST_GET_STATUS). */
    public final Status getStatus() throws MPIException {
        return poll();
    }

    Status awaitResult() throws MPIException {
        if (result != null) {
            return result;
        }
        dev.jmpi.Request c = core;
        if (c == null) {
            return Status.empty();
        }
        dev.jmpi.Status s = Errors.call(c::await);
        result = completion.complete(s);
        return result;
    }

    Status poll() throws MPIException {
        if (result != null) {
            return result;
        }
        dev.jmpi.Request c = core;
        if (c == null) {
            return Status.empty();
        }
        if (!Errors.call(c::test)) {
            return null;
        }
        return awaitResult();
    }

    boolean isActive() {
        return core != null;
    }

    void deactivate() {
        core = null;
        result = null;
    }

    // ------------------------------------------------------------------ arrays of requests

    /** Waits until one active request completes; its status carries its index. */
    public static Status waitAnyStatus(Request[] requests) throws MPIException {
        int i = waitAny0(requests);
        if (i == MPI.UNDEFINED) {
            return Status.empty();
        }
        Status s = requests[i].waitStatus();
        return s.clone().withIndex(i);
    }

    /** Waits until one active request completes; returns its index, or {@code MPI.UNDEFINED} if none is active. */
    public static int waitAny(Request[] requests) throws MPIException {
        int i = waitAny0(requests);
        if (i != MPI.UNDEFINED) {
            requests[i].waitFor();
        }
        return i;
    }

    private static int waitAny0(Request[] requests) throws MPIException {
        dev.jmpi.Request[] cores = cores(requests);
        boolean any = false;
        for (dev.jmpi.Request c : cores) {
            any |= c != null;
        }
        if (!any) {
            return MPI.UNDEFINED;
        }
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].result != null) {
                return i;
            }
        }
        return Errors.call(() -> dev.jmpi.Request.awaitAny(cores));
    }

    /** The status (with its index) of one completed request, or {@code null} if none has completed. */
    public static Status testAnyStatus(Request[] requests) throws MPIException {
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].isActive()) {
                Status s = requests[i].testStatus();
                if (s != null) {
                    return s.clone().withIndex(i);
                }
            }
        }
        return activeCount(requests) == 0 ? Status.empty() : null;
    }

    /** Index of one completed request, or {@code MPI.UNDEFINED} if none completed. */
    public static int testAny(Request[] requests) throws MPIException {
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].isActive() && requests[i].test()) {
                return i;
            }
        }
        return MPI.UNDEFINED;
    }

    /** Waits for every request; statuses in array order (empty for inactive requests). */
    public static Status[] waitAllStatus(Request[] requests) throws MPIException {
        Status[] out = new Status[requests.length];
        for (int i = 0; i < requests.length; i++) {
            out[i] = requests[i] == null ? Status.empty() : requests[i].waitStatus();
        }
        return out;
    }

    /** Waits for every request. */
    public static void waitAll(Request[] requests) throws MPIException {
        waitAllStatus(requests);
    }

    /** Statuses of all requests if all have completed, else {@code null}. */
    public static Status[] testAllStatus(Request[] requests) throws MPIException {
        for (Request r : requests) {
            if (r != null && r.poll() == null) {
                return null;
            }
        }
        return waitAllStatus(requests);
    }

    /** True (and all become inactive) if every request has completed. */
    public static boolean testAll(Request[] requests) throws MPIException {
        return testAllStatus(requests) != null;
    }

    /** Waits until at least one completes; statuses of all completed, or {@code null} if none is active. */
    public static Status[] waitSomeStatus(Request[] requests) throws MPIException {
        if (activeCount(requests) == 0) {
            return null;
        }
        waitAny0(requests);
        return testSomeStatus(requests);
    }

    /** Waits until at least one completes; indices of all completed, or {@code null} if none is active. */
    public static int[] waitSome(Request[] requests) throws MPIException {
        return indices(waitSomeStatus(requests));
    }

    /** Statuses of the requests completed now (possibly none), or {@code null} if none is active. */
    public static Status[] testSomeStatus(Request[] requests) throws MPIException {
        if (activeCount(requests) == 0) {
            return null;
        }
        java.util.List<Status> done = new java.util.ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].isActive()) {
                Status s = requests[i].testStatus();
                if (s != null) {
                    done.add(s.clone().withIndex(i));
                }
            }
        }
        return done.toArray(new Status[0]);
    }

    /** Indices of the requests completed now (possibly none), or {@code null} if none is active. */
    public static int[] testSome(Request[] requests) throws MPIException {
        return indices(testSomeStatus(requests));
    }

    private static int[] indices(Status[] statuses) {
        if (statuses == null) {
            return null;
        }
        int[] out = new int[statuses.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = statuses[i].getIndex();
        }
        return out;
    }

    private static int activeCount(Request[] requests) {
        int n = 0;
        for (Request r : requests) {
            if (r != null && r.isActive()) {
                n++;
            }
        }
        return n;
    }

    private static dev.jmpi.Request[] cores(Request[] requests) {
        dev.jmpi.Request[] cores = new dev.jmpi.Request[requests.length];
        for (int i = 0; i < requests.length; i++) {
            cores[i] = requests[i] == null ? null : requests[i].core;
        }
        return cores;
    }
}
