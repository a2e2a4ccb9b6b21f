package mpi;

/**
 * What to do when a request completes: unpack staged receive buffers into the user's and
 * make the status (translating the source rank for intercommunicators).
 */
@FunctionalInterface
interface Completion {

    /** A completion that only reports the core's status with the source unchanged. */
    Completion PLAIN = s -> s == null ? Status.empty() : Status.of(s, s.source());

    Status complete(dev.jmpi.Status coreStatus) throws MPIException;
}
