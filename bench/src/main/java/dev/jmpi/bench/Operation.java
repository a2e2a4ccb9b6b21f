package dev.jmpi.bench;

import java.util.List;

/** The operations of {@code --op}, with the sizes each measures when {@code --sizes} is not given (as mpibench.c). */
enum Operation {
    PINGPONG(true, "8,1k,64k"),
    BANDWIDTH(true, "1m,4m,16m"),
    WINDOW(true, "1m,4m,16m"),
    BCAST(false, "8k,1m,8m"),
    REDUCE(false, "8,8k,1m,8m,64m"),
    ALLREDUCE(false, "8,8k,1m,8m,64m"),
    ALLGATHER(false, "8,8k,1m"),
    ALLTOALL(false, "8,8k,1m"),
    BARRIER(false, "0"),
    OVERLAP(false, "8m"),
    HELLO(false, "0"),
    ALL(false, "");

    /** What {@code all} runs, in order. */
    static final List<Operation> EVERY =
            List.of(PINGPONG, BANDWIDTH, WINDOW, BCAST, REDUCE, ALLREDUCE, ALLGATHER, ALLTOALL, BARRIER);

    private final boolean pointToPoint;
    private final String defaultSizes;

    Operation(boolean pointToPoint, String defaultSizes) {
        this.pointToPoint = pointToPoint;
        this.defaultSizes = defaultSizes;
    }

    /** Between ranks 0 and 1 only (needs at least 2 ranks). */
    boolean pointToPoint() {
        return pointToPoint;
    }

    /** Sizes in bytes when {@code --sizes} is not given. */
    String defaultSizes() {
        return defaultSizes;
    }

    /** The element type {@code --type auto} means: bytes for point-to-point (MPI_BYTE), doubles for collectives. */
    ElementType autoType() {
        return pointToPoint ? ElementType.BYTE : ElementType.DOUBLE;
    }
}
