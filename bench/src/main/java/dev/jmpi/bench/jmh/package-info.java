/**
 * JMH benchmarks of the per-message codec work on jmpi's data path: the protobuf header and
 * the payload copy between a user array and a pooled Netty buffer. Run with
 * {@code java -cp bench/target/jmpi-bench.jar:bench/target/lib/* org.openjdk.jmh.Main FrameCodec}.
 */
package dev.jmpi.bench.jmh;
