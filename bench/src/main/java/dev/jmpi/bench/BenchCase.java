package dev.jmpi.bench;

/**
 * One operation at one size, as {@link Measurement} times it. Every rank of the world holds
 * its own instance and calls the same methods in the same order.
 */
interface BenchCase {

    /** Name in the {@code RES} line, as the C bench prints it ({@code pp_lat}, {@code reduce}, ...). */
    String test();

    /** Parameter in the {@code RES} line: bytes for point-to-point, elements for collectives. */
    long param();

    /** Reported units per {@link #runOnce()}: 2 for a ping-pong (one-way), the window for a stream. */
    int unitsPerOp();

    /** Bytes moved per reported unit, for MB/s; 0 for no MB/s column. */
    long bytesPerUnit();

    /** Fills the buffers with the verification pattern (and zeroes what will be received). */
    void prepareVerify();

    /** One operation: the body of the timed loop. */
    void runOnce();

    /** After one {@link #runOnce()} on prepared buffers: null if this rank's result is right, else what is wrong. */
    String check();

    /** True if {@link #check()} tests data (false for barrier). */
    default boolean checksData() {
        return true;
    }
}
