package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.Schedule;
import dev.jmpi.core.internal.WireTypes;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * How every collective of one communicator starts: {@link #begin} fixes the call's place in
 * the communicator's order and records its signature (on the caller's thread, blocking or
 * not); {@link #start} builds the call's {@link Schedule} and posts its first round. A
 * blocking collective then waits for the request, a non-blocking one returns it. Immutable;
 * safe from any thread.
 */
final class Calls {

    private final CollectiveHost host;
    private final Algorithms algorithms;

    Calls(CollectiveHost host, Algorithms algorithms) {
        this.host = host;
        this.algorithms = algorithms;
    }

    CollectiveCall begin(String operation, int root, long count, @Nullable Datatype type, @Nullable Op op) {
        return host.begin(signature(operation, root, count, type, op));
    }

    /**
     * The signature of a call, its sequence still to be set; {@code type == null} means no data
     * (barrier) or objects, per operation.
     */
    static CollectiveSignature.Builder signature(
            String operation, int root, long count, @Nullable Datatype type, @Nullable Op op) {
        return CollectiveSignature.newBuilder()
                .setOperation(operation)
                .setRoot(root)
                .setCount(count)
                .setDataType(type == null ? DataType.DATA_TYPE_UNSPECIFIED : WireTypes.toWire(type))
                .setOp(op == null ? "" : op.name());
    }

    /** Builds a call's schedule on arrays and offsets. */
    @FunctionalInterface
    interface Body {
        void build(Schedule s, @Nullable Object send, int sendOffset, @Nullable Object recv, int recvOffset);
    }

    /**
     * Builds {@code call}'s schedule with {@code body} and starts it. ByteBuffer arguments are
     * replaced by arrays (see {@link ByteBufferStage}); a staged receive buffer is copied back
     * after the last round. Other arguments, including IN_PLACE and {@code null}, pass through.
     * The request's status holds {@code count} elements of {@code type}.
     */
    Request start(
            CollectiveCall call,
            int count,
            Datatype type,
            @Nullable Object send,
            int sendOffset,
            @Nullable Object recv,
            int recvOffset,
            Body body) {
        Schedule s = call.schedule();
        if (!(send instanceof ByteBuffer) && !(recv instanceof ByteBuffer)) {
            body.build(s, send, sendOffset, recv, recvOffset);
            return call.start(s, count, type);
        }
        ByteBufferStage staged = ByteBufferStage.of(send, false, "sendBuf", algorithms.pool());
        @Nullable ByteBufferStage received = null;
        boolean built = false;
        try {
            received = ByteBufferStage.of(recv, true, "recvBuf", algorithms.pool());
            body.build(
                    s,
                    ByteBufferStage.array(staged, send),
                    ByteBufferStage.offset(staged, sendOffset),
                    ByteBufferStage.array(received, recv),
                    ByteBufferStage.offset(received, recvOffset));
            ByteBufferStage in = staged;
            ByteBufferStage out = received;
            s.atEnd(() -> {
                ByteBufferStage.finish(in, false);
                ByteBufferStage.finish(out, true);
            });
            built = true;
        } finally {
            if (!built) {
                ByteBufferStage.finish(staged, false);
                ByteBufferStage.finish(received, false);
            }
        }
        return call.start(s, count, type);
    }
}
