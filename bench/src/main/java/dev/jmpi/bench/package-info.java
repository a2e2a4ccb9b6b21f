/**
 * jmpi's benchmark harness: one runner ({@link dev.jmpi.bench.Bench}) for every operation,
 * started under {@code jmpirun}, measuring the way {@code bench/reference/mpibench.c} does so
 * that its {@code RES} lines compare 1:1 with Open MPI's. JMH benchmarks of kernels live in
 * {@code dev.jmpi.bench.kernels} and {@code dev.jmpi.bench.jmh}.
 */
package dev.jmpi.bench;
