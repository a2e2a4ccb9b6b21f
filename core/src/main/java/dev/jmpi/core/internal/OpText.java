package dev.jmpi.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * An operation's description for error messages and hang reports
 * ({@code rank 0: send(dest=1, tag=7)}). Every send and receive carries one, but the text is
 * formatted only when an error, a timeout or a report asks for it ({@link #toString()}), so
 * a message that succeeds builds no string. Subclasses hold the parts and {@link #render()}
 * them; the text is cached after the first call.
 *
 * <p>Threads: any thread may call {@link #toString()}; the cache is a benign race (every
 * thread renders the same text from immutable parts).
 */
abstract class OpText {

    /** Descriptions formatted so far in this JVM (a test checks the success path adds none). */
    static final java.util.concurrent.atomic.LongAdder RENDERED = new java.util.concurrent.atomic.LongAdder();

    private @Nullable String text;

    /** Formats the description from this object's parts; called at most once per thread that finds no cache. */
    abstract String render();

    @Override
    public final String toString() {
        String t = text;
        if (t == null) {
            t = render();
            RENDERED.increment();
            text = t;
        }
        return t;
    }

    /** A description already formatted (for calls off the per-message path). */
    static OpText of(String text) {
        return new Fixed(text);
    }

    /** A description {@code text} formats when first asked for. */
    static OpText lazily(java.util.function.Supplier<String> text) {
        return new OpText() {
            @Override
            String render() {
                return text.get();
            }
        };
    }

    /** {@code rank 0: } followed by {@code name}, e.g. a collective's operation name. */
    static OpText call(CommunicatorImpl comm, String name) {
        return new Call(comm, name, null);
    }

    /** A collective call: {@code rank 0: } followed by the signature's description. */
    static OpText collective(CommunicatorImpl comm, dev.jmpi.proto.CollectiveSignature signature) {
        return new Call(comm, null, signature);
    }

    /**
     * A point-to-point call: {@code rank 0: send(dest=1, tag=7)} or, for receives and probes,
     * {@code rank 1: recv(source=ANY_SOURCE, tag=ANY_TAG)}.
     */
    static OpText peer(CommunicatorImpl comm, String name, boolean receive, int peer, int tag) {
        return new Peer(comm, name, receive, peer, tag);
    }

    /** {@code call} plus what one of its messages does: {@code call + " sending to rank 2"}. */
    static OpText step(OpText call, String action, CommunicatorImpl comm, int peer) {
        return new Step(call, action, comm, peer);
    }

    private static final class Fixed extends OpText {
        private final String fixed;

        Fixed(String fixed) {
            this.fixed = fixed;
        }

        @Override
        String render() {
            return fixed;
        }
    }

    private static final class Call extends OpText {
        private final CommunicatorImpl comm;
        private final @Nullable String name;
        private final dev.jmpi.proto.@Nullable CollectiveSignature signature;

        Call(CommunicatorImpl comm, @Nullable String name, dev.jmpi.proto.@Nullable CollectiveSignature signature) {
            this.comm = comm;
            this.name = name;
            this.signature = signature;
        }

        @Override
        String render() {
            return comm.who() + (signature == null ? name : Signatures.describe(signature));
        }
    }

    private static final class Peer extends OpText {
        private final CommunicatorImpl comm;
        private final String name;
        private final boolean receive;
        private final int peer;
        private final int tag;

        Peer(CommunicatorImpl comm, String name, boolean receive, int peer, int tag) {
            this.comm = comm;
            this.name = name;
            this.receive = receive;
            this.peer = peer;
            this.tag = tag;
        }

        @Override
        String render() {
            if (receive) {
                return comm.who() + name + "(source=" + PointToPoint.sourceName(peer) + ", tag="
                        + PointToPoint.tagName(tag) + ")";
            }
            return comm.who() + name + "(dest=" + peer + ", tag=" + tag + ")";
        }
    }

    private static final class Step extends OpText {
        private final OpText call;
        private final String action;
        private final CommunicatorImpl comm;
        private final int peer;

        Step(OpText call, String action, CommunicatorImpl comm, int peer) {
            this.call = call;
            this.action = action;
            this.comm = comm;
            this.peer = peer;
        }

        @Override
        String render() {
            return call + action + comm.describeRank(peer);
        }
    }
}
