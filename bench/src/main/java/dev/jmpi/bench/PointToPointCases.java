package dev.jmpi.bench;

import dev.jmpi.Communicator;
import dev.jmpi.Request;

/**
 * Ping-pong and window (stream) cases between ranks 0 and 1, as {@code mpibench.c}'s
 * {@code pingpong} and {@code stream}; other ranks only join the timing barriers.
 */
final class PointToPointCases {

    /** Non-blocking sends per window, as the C bench's {@code WINDOW}. */
    static final int WINDOW_DEFAULT = 8;

    private static final int TAG_PING = 1;
    private static final int TAG_STREAM = 2;
    private static final int TAG_ACK = 3;

    private PointToPointCases() {}

    /** Ping-pong of {@code bytes}: rank 0 sends, rank 1 echoes; latency is half the round trip. */
    static BenchCase pingPong(Communicator world, String test, ElementType type, long bytes, boolean bandwidth) {
        int count = Math.toIntExact(bytes / type.sizeBytes());
        Object buf = type.allocate(count);
        int rank = world.rank();
        return new BenchCase() {
            @Override
            public String test() {
                return test;
            }

            @Override
            public long param() {
                return bytes;
            }

            @Override
            public int unitsPerOp() {
                return 2;
            }

            @Override
            public long bytesPerUnit() {
                return bandwidth ? bytes : 0;
            }

            @Override
            public void prepareVerify() {
                if (rank == 0) {
                    Patterns.fill(type, buf, 0, count, 1);
                } else if (rank == 1) {
                    Patterns.clear(type, buf, 0, count);
                }
            }

            @Override
            public void runOnce() {
                if (rank == 0) {
                    world.send(buf, 0, count, 1, TAG_PING);
                    world.recv(buf, 0, count, 1, TAG_PING);
                } else if (rank == 1) {
                    world.recv(buf, 0, count, 0, TAG_PING);
                    world.send(buf, 0, count, 0, TAG_PING);
                }
            }

            @Override
            public String check() {
                return rank <= 1 ? Patterns.check(type, buf, 0, count, 1, "rank " + rank + " ping-pong") : null;
            }
        };
    }

    /**
     * Stream: rank 0 starts {@code window} non-blocking sends of {@code bytes} each from
     * consecutive slices of one buffer, waits for all, then receives a 1-byte ack; rank 1
     * posts the matching receives, waits, and sends the ack. Reported per message.
     */
    static BenchCase window(Communicator world, ElementType type, long bytes, int window) {
        int count = Math.toIntExact(bytes / type.sizeBytes());
        Object buf = type.allocate(Math.multiplyExact(count, window));
        byte[] ack = new byte[1];
        Request[] reqs = new Request[window];
        int rank = world.rank();
        return new BenchCase() {
            @Override
            public String test() {
                return "stream_bw";
            }

            @Override
            public long param() {
                return bytes;
            }

            @Override
            public int unitsPerOp() {
                return window;
            }

            @Override
            public long bytesPerUnit() {
                return bytes;
            }

            @Override
            public void prepareVerify() {
                for (int w = 0; w < window; w++) {
                    if (rank == 0) {
                        Patterns.fill(type, buf, w * count, count, w + 1);
                    } else if (rank == 1) {
                        Patterns.clear(type, buf, w * count, count);
                    }
                }
            }

            @Override
            public void runOnce() {
                if (rank == 0) {
                    for (int w = 0; w < window; w++) {
                        reqs[w] = world.isend(buf, w * count, count, 1, TAG_STREAM);
                    }
                    Request.awaitAll(reqs);
                    world.recv(ack, 0, 1, 1, TAG_ACK);
                } else if (rank == 1) {
                    for (int w = 0; w < window; w++) {
                        reqs[w] = world.irecv(buf, w * count, count, 0, TAG_STREAM);
                    }
                    Request.awaitAll(reqs);
                    world.send(ack, 0, 1, 0, TAG_ACK);
                }
            }

            @Override
            public String check() {
                if (rank != 1) {
                    return null;
                }
                for (int w = 0; w < window; w++) {
                    String err = Patterns.check(type, buf, w * count, count, w + 1, "rank 1 stream message " + w);
                    if (err != null) {
                        return err;
                    }
                }
                return null;
            }
        };
    }
}
