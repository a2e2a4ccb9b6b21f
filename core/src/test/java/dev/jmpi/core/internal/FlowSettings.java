package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Request;

/** Runs a test body with flow-control system properties set, restoring them afterwards. */
final class FlowSettings {

    private FlowSettings() {}

    /** Runs {@code body} with worlds created inside it using these settings. */
    static void with(long unexpectedBytes, long eagerLimitBytes, Runnable body) {
        String oldUnexpected = System.getProperty(CoreSettings.UNEXPECTED_BYTES.property());
        String oldEager = System.getProperty(CoreSettings.EAGER_LIMIT_BYTES.property());
        System.setProperty(CoreSettings.UNEXPECTED_BYTES.property(), Long.toString(unexpectedBytes));
        System.setProperty(CoreSettings.EAGER_LIMIT_BYTES.property(), Long.toString(eagerLimitBytes));
        try {
            body.run();
        } finally {
            restore(CoreSettings.UNEXPECTED_BYTES.property(), oldUnexpected);
            restore(CoreSettings.EAGER_LIMIT_BYTES.property(), oldEager);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }

    static FlowControl flow(Communicator comm) {
        return ((CommunicatorImpl) comm).world().flow();
    }

    static ContextQueues p2p(Communicator comm) {
        return ((CommunicatorImpl) comm).p2pQueues();
    }

    static Request isend(Communicator comm, int[] a, int dest, int tag) {
        return comm.isend(a, 0, a.length, dest, tag);
    }

    static Request issend(Communicator comm, int[] a, int dest, int tag) {
        return comm.issend(a, 0, a.length, dest, tag);
    }

    static Request irecv(Communicator comm, int[] a, int source, int tag) {
        return comm.irecv(a, 0, a.length, source, tag);
    }

    /** {@code n} ints counting up from {@code first}, so any misplaced element shows. */
    static int[] pattern(int n, int first) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = first + i;
        }
        return a;
    }
}
